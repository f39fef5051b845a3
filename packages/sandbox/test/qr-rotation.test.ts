// WhatsApp's linking QR changes every 20 s or so while nobody scans it; `qrRotateMs` makes the sandbox's do the same,
// so a client can be tested for showing the current code, not the first one. `statusAs` stands for a service in a
// state the documents do not list.
import { describe, expect, it } from 'vitest';
import { startSandbox } from '../src/index.js';
import { api, useSandbox } from './support/sandbox.js';

const QR_TEXT = /^2@[\w+/=]+(,[\w+/=]+){3}$/;

async function options(url: string, body: Record<string, unknown>) {
  const response = await fetch(`${url}/_sandbox/options`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as any };
}

describe('a rotating login QR (qrRotateMs)', () => {
  const ctx = useSandbox({ qrRotateMs: 100 });

  it('shows a new, well-formed code after each period, through login-qr, qr.png and the state', async () => {
    await options(ctx.sandbox.url, { qrAs: 'text' });
    try {
      const texts: string[] = [];
      const pngs = new Set<string>();
      const firstIssued = ctx.sandbox.state.qrIssued;
      // Bounded: 200 looks, 25 ms apart, for 4 codes 100 ms apart.
      for (let look = 0; look < 200 && texts.length < 4; look++) {
        const answer = await api(ctx.sandbox, 'POST', '/openapi/wa/login-qr', { form: { responseAs: 'string' } });
        const text = answer.json.qr_string as string;
        if (texts.at(-1) !== text) {
          texts.push(text);
          // The picture the console shows is the same code's.
          pngs.add(Buffer.from(await (await fetch(`${ctx.sandbox.url}/_sandbox/qr.png`)).arrayBuffer()).toString('base64'));
        }
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      const state = (await fetch(`${ctx.sandbox.url}/_sandbox/state`).then((response) => response.json())) as any;
      console.log(`[sandbox qr] ${texts.length} codes seen, ${new Set(texts).size} different, ${pngs.size} pictures; issued ${state.qrIssued}`);
      expect(texts).toHaveLength(4);
      expect(new Set(texts).size).toBe(4);
      for (const text of texts) expect(text).toMatch(QR_TEXT);
      expect(pngs.size).toBeGreaterThanOrEqual(3);
      expect(ctx.sandbox.state.qrIssued).toBeGreaterThanOrEqual(firstIssued + 3);
      expect(state).toMatchObject({ qrRotateMs: 100, qrIssued: expect.any(Number) });
    } finally {
      await options(ctx.sandbox.url, { qrAs: 'image' });
    }
  });

  it('keeps one code with rotation off, and refuses a rotation that is not a number of milliseconds', async () => {
    expect((await options(ctx.sandbox.url, { qrRotateMs: 0 })).json).toMatchObject({ qrRotateMs: 0 });
    try {
      const first = ctx.sandbox.state.qrText;
      await new Promise((resolve) => setTimeout(resolve, 250));
      expect(ctx.sandbox.state.qrText).toBe(first);
      for (const bad of [-1, 'soon', null]) {
        const refused = await options(ctx.sandbox.url, { qrRotateMs: bad });
        expect(refused.status).toBe(400);
        expect(refused.json.message).toMatch(/^qrRotateMs .* is not allowed: give milliseconds/);
      }
    } finally {
      await options(ctx.sandbox.url, { qrRotateMs: 100 });
    }
  });
});

describe('a status the documents do not list (statusAs)', () => {
  it('answers that word from status until set back to null, and refuses what is not a word', async () => {
    const sandbox = await startSandbox({ statusAs: 'ready' });
    try {
      const status = async () => (await api(sandbox, 'POST', '/openapi/wa/status')).json.status;
      expect(await status()).toBe('ready');
      expect((await options(sandbox.url, { statusAs: 'loading' })).json).toMatchObject({ statusAs: 'loading' });
      expect(await status()).toBe('loading');
      expect((await options(sandbox.url, { statusAs: 'two words' })).status).toBe(400);
      expect((await options(sandbox.url, { statusAs: null })).json).toMatchObject({ statusAs: null });
      expect(await status()).toBe('qr');
      sandbox.pair();
      expect(await status()).toBe('connected');
    } finally {
      await sandbox.close();
    }
  });
});
