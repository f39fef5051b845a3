import { describe, expect, it } from 'vitest';
import { api, useSandbox } from './support/sandbox.js';

const PREFIXES = ['', '/backend'];

describe.each(PREFIXES)('the eight operations under %s/openapi/wa', (prefix) => {
  const ctx = useSandbox({ registered: ['81234567890'], unregistered: ['6281111111111'] });
  const call = (method: string, path: string, init?: Parameters<typeof api>[3]) => api(ctx.sandbox, method, `${prefix}/openapi/wa${path}`, init);

  describe('restart', () => {
    it('answers qr while unpaired and ready once paired, keeping the pairing', async () => {
      expect((await call('GET', '/restart')).json).toMatchObject({ status: 'qr' });
      ctx.sandbox.pair();
      const restarted = await call('GET', '/restart');
      expect(restarted.status).toBe(200);
      expect(restarted.json).toMatchObject({ status: 'ready' });
      expect(ctx.sandbox.state.paired).toBe(true);
      expect((await call('POST', '/status')).json.status).toBe('connected');
      ctx.sandbox.unpair();
    });

    it('drops the pairing when told to, with a new QR', async () => {
      ctx.sandbox.pair();
      const before = await call('POST', '/login-qr', { form: { responseAs: 'string' } });
      expect(before.status).toBe(400);
      await fetch(`${ctx.sandbox.url}/_sandbox/options`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"restartUnpairs":true}',
      });
      try {
        expect((await call('GET', '/restart')).json).toMatchObject({ status: 'qr' });
        expect(ctx.sandbox.state.paired).toBe(false);
      } finally {
        await fetch(`${ctx.sandbox.url}/_sandbox/options`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"restartUnpairs":false}',
        });
      }
    });
  });

  describe('status', () => {
    it('answers { message, status, code }', async () => {
      const answer = await call('POST', '/status');
      expect(answer.status).toBe(200);
      expect(answer.json).toEqual({ message: expect.any(String), status: 'qr', code: null });
    });
  });

  describe('login-qr', () => {
    it('answers a PNG by default', async () => {
      const answer = await call('POST', '/login-qr');
      expect(answer.status).toBe(200);
      expect(answer.type).toBe('image/png');
      expect([...answer.bytes.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    });

    it('answers a PNG for responseAs=image, form or JSON', async () => {
      expect((await call('POST', '/login-qr', { form: { responseAs: 'image' } })).type).toBe('image/png');
      expect((await call('POST', '/login-qr', { body: { responseAs: 'image' } })).type).toBe('image/png');
    });

    it('answers { message, qr_string, code } with the PNG as base64 for responseAs=string', async () => {
      const answer = await call('POST', '/login-qr', { form: { responseAs: 'string' } });
      expect(answer.status).toBe(200);
      expect(answer.json).toEqual({ message: expect.any(String), qr_string: expect.any(String), code: null });
      const png = Buffer.from(answer.json.qr_string, 'base64');
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    });

    it('answers qr_string as the text the QR encodes, or as base64, whatever responseAs says, when qrAs is set', async () => {
      const setQrAs = (qrAs: string) =>
        fetch(`${ctx.sandbox.url}/_sandbox/options`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ qrAs }),
        });
      try {
        expect((await setQrAs('text')).status).toBe(200);
        for (const responseAs of ['image', 'string']) {
          const answer = await call('POST', '/login-qr', { form: { responseAs } });
          expect(answer.json).toEqual({ message: expect.any(String), qr_string: expect.stringMatching(/^2@[\w+/=]+(,[\w+/=]+){3}$/), code: null });
        }
        expect((await setQrAs('base64')).status).toBe(200);
        const answer = await call('POST', '/login-qr', { form: { responseAs: 'image' } });
        expect(Buffer.from(answer.json.qr_string, 'base64').subarray(1, 4).toString('latin1')).toBe('PNG');
        const refused = await setQrAs('svg');
        expect(refused.status).toBe(400);
        expect(await refused.text()).toMatch(/qrAs 'svg' is not allowed: use image, base64, text/);
      } finally {
        await setQrAs('image');
      }
    });

    it('rejects an unknown responseAs naming the field', async () => {
      const answer = await call('POST', '/login-qr', { body: { responseAs: 'pdf' } });
      expect(answer.status).toBe(400);
      expect(answer.json.errors).toEqual([expect.stringMatching(/^responseAs/)]);
    });

    it('says so when already connected, in the 400 shape without errors', async () => {
      ctx.sandbox.pair();
      const answer = await call('POST', '/login-qr');
      ctx.sandbox.unpair();
      expect(answer.status).toBe(400);
      expect(answer.json).toEqual({ message: expect.stringMatching(/already connected/), code: 40003 });
    });
  });

  describe('check-number', () => {
    it.each([
      ['0812-3456-7890', true],
      ['62812 3456 7890', true],
      ['+62 812 3456 7890', true],
      ['812 3456 7890', true], // 81234567890, listed as registered
      ['6281111111111', false], // listed as unregistered
      ['1 555 0100', false],
      ['0812', false],
    ])('%s → is_registered %s', async (phoneNumber, registered) => {
      const answer = await call('GET', `/check-number/${encodeURIComponent(phoneNumber)}`);
      expect(answer.status).toBe(200);
      expect(answer.json).toEqual({ message: expect.any(String), is_registered: registered, code: null });
    });

    it('answers 400 naming phoneNumber when it has no digits', async () => {
      const answer = await call('GET', '/check-number/abc');
      expect(answer.status).toBe(400);
      expect(answer.json.errors).toEqual([expect.stringMatching(/^phoneNumber .*no digits/)]);
    });
  });

  describe('message', () => {
    it('refuses while unpaired, in the documented 400 shape, and records nothing', async () => {
      const answer = await call('POST', '/message', { form: { phoneNumber: '081234567890', message: 'Halo' } });
      expect(answer.status).toBe(400);
      expect(answer.json).toEqual({ message: expect.stringMatching(/not connected/), code: 40002 });
      expect(ctx.sandbox.state.outbox).toHaveLength(0);
    });

    it('sends a form-encoded text', async () => {
      ctx.sandbox.pair();
      const answer = await call('POST', '/message', { form: { phoneNumber: '0812 3456 7890', message: 'Halo Budi' } });
      ctx.sandbox.unpair();
      expect(answer.status).toBe(200);
      expect(answer.json).toEqual({
        message: expect.any(String),
        result: {
          id: expect.any(String),
          body: 'Halo Budi',
          from: '6280000000000',
          to: '6281234567890',
          media_url: null,
          created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
        },
        code: 20001,
      });
      expect(ctx.sandbox.state.outbox).toEqual([
        expect.objectContaining({ id: answer.json.result.id, kind: 'number', to: '6281234567890', body: 'Halo Budi', media_url: null }),
      ]);
    });

    it('sends a JSON image with a caption, and an image alone', async () => {
      ctx.sandbox.pair();
      const captioned = await call('POST', '/message', {
        body: { phoneNumber: '6281234567890', message: 'Nota', imageUrl: 'https://example.com/nota.png' },
      });
      const bare = await call('POST', '/message', { body: { phoneNumber: '6281234567890', imageUrl: 'https://example.com/nota.png' } });
      ctx.sandbox.unpair();
      expect(captioned.json.result).toMatchObject({ body: 'Nota', media_url: 'https://example.com/nota.png' });
      expect(bare.json.result).toMatchObject({ body: '', media_url: 'https://example.com/nota.png' });
      expect(ctx.sandbox.state.outbox).toHaveLength(2);
      expect(new Set(ctx.sandbox.state.outbox.map((entry) => entry.id)).size).toBe(2);
    });

    it('gives created_at in Jakarta time (UTC+7)', async () => {
      ctx.sandbox.pair();
      const answer = await call('POST', '/message', { form: { phoneNumber: '081234567890', message: 'jam' } });
      ctx.sandbox.unpair();
      const entry = ctx.sandbox.state.outbox[0]!;
      const asUtc = Date.parse(`${answer.json.result.created_at.replace(' ', 'T')}Z`);
      expect(asUtc - entry.at).toBeGreaterThan(7 * 3600_000 - 1000);
      expect(asUtc - entry.at).toBeLessThanOrEqual(7 * 3600_000);
    });

    it.each([
      [{ message: 'Halo' }, [/^phoneNumber is required/]],
      [{ phoneNumber: 'abc', message: 'Halo' }, [/^phoneNumber .*no digits/]],
      [{ phoneNumber: '081234567890' }, [/^message is empty/]],
      [{ phoneNumber: '081234567890', message: '   ' }, [/^message is empty/]],
      [{ phoneNumber: '081234567890', imageUrl: 'nota.png' }, [/^imageUrl .*not a URL/]],
      [{ phoneNumber: '081234567890', imageUrl: 'ftp://example.com/a.png' }, [/^imageUrl .*http/]],
      [{ phoneNumber: '', message: '' }, [/^phoneNumber/, /^message/]],
      [{ phoneNumber: '6281111111111', message: 'Halo' }, [/^phoneNumber 6281111111111 is not on WhatsApp/]],
    ])('rejects %j naming the field', async (body, expected) => {
      ctx.sandbox.pair();
      const answer = await call('POST', '/message', { body });
      ctx.sandbox.unpair();
      expect(answer.status).toBe(400);
      expect(answer.json).toMatchObject({ message: expect.any(String), code: 40001 });
      expect(answer.json.errors).toEqual(expected.map((pattern) => expect.stringMatching(pattern)));
      expect(ctx.sandbox.state.outbox).toHaveLength(0);
    });
  });

  describe('message-group', () => {
    it('sends to a configured group, matched without regard to case', async () => {
      ctx.sandbox.pair();
      const answer = await call('POST', '/message-group', { form: { groupName: ' staff ', message: 'Rapat jam 3' } });
      ctx.sandbox.unpair();
      expect(answer.status).toBe(200);
      expect(answer.json).toMatchObject({ result: { to: 'Staff', body: 'Rapat jam 3', media_url: null }, code: 20001 });
      expect(ctx.sandbox.state.outbox).toEqual([expect.objectContaining({ kind: 'group', groupName: 'Staff', to: 'Staff' })]);
    });

    it.each([
      [{ message: 'Halo' }, [/^groupName is empty/]],
      [{ groupName: 'Keluarga', message: 'Halo' }, [/^groupName 'Keluarga' is not a group.*Staff, Pelanggan/]],
      [{ groupName: 'Staff' }, [/^message is empty/]],
      [{ groupName: 'Nope' }, [/^groupName/, /^message/]],
    ])('rejects %j naming the field', async (body, expected) => {
      ctx.sandbox.pair();
      const answer = await call('POST', '/message-group', { body });
      ctx.sandbox.unpair();
      expect(answer.status).toBe(400);
      expect(answer.json.errors).toEqual(expected.map((pattern) => expect.stringMatching(pattern)));
    });

    it('refuses while unpaired', async () => {
      const answer = await call('POST', '/message-group', { form: { groupName: 'Staff', message: 'Halo' } });
      expect(answer.status).toBe(400);
      expect(answer.json).toEqual({ message: expect.stringMatching(/not connected/), code: 40002 });
    });
  });

  describe('webhook and webhook/reset', () => {
    it('stores an absolute http(s) URL and clears it', async () => {
      const set = await call('POST', '/webhook', { form: { webhook: 'http://127.0.0.1:1880/blazwa/inbound' } });
      expect(set.status).toBe(200);
      expect(set.json).toEqual({ message: expect.any(String), code: 20001 });
      expect(ctx.sandbox.state.webhook).toBe('http://127.0.0.1:1880/blazwa/inbound');
      const reset = await call('GET', '/webhook/reset');
      expect(reset.status).toBe(200);
      expect(reset.json).toEqual({ message: expect.any(String), status: 'qr', code: 20001 });
      expect(ctx.sandbox.state.webhook).toBeNull();
    });

    it.each([{}, { webhook: '' }, { webhook: '/relative' }, { webhook: 'mailto:a@b.c' }])('rejects %j naming webhook', async (body) => {
      const answer = await call('POST', '/webhook', { body });
      expect(answer.status).toBe(400);
      expect(answer.json.errors).toEqual([expect.stringMatching(/^webhook /)]);
      expect(ctx.sandbox.state.webhook).toBeNull();
    });
  });
});

describe('authentication and bodies', () => {
  const ctx = useSandbox({ apiKeys: ['key-one', 'key-two'] });

  it('accepts any configured key and hands out the first', async () => {
    expect(ctx.sandbox.apiKey).toBe('key-one');
    expect((await api(ctx.sandbox, 'POST', '/openapi/wa/status', { key: 'key-two' })).status).toBe(200);
  });

  it.each([
    ['/openapi/wa/status', 'POST'],
    ['/openapi/wa/message', 'POST'],
    ['/backend/openapi/wa/restart', 'GET'],
    ['/openapi/wa/check-number/0812', 'GET'],
  ])('%s answers 401 { message } for a missing or wrong key, and never echoes the key', async (path, method) => {
    const missing = await api(ctx.sandbox, method, path, { key: null });
    const wrong = await api(ctx.sandbox, method, path, { key: 'guess-123' });
    for (const answer of [missing, wrong]) {
      expect(answer.status).toBe(401);
      expect(answer.json).toEqual({ message: expect.any(String) });
    }
    expect(JSON.stringify(wrong.json)).not.toContain('guess-123');
  });

  it('checks the key before the body', async () => {
    const answer = await api(ctx.sandbox, 'POST', '/openapi/wa/message', {
      key: 'wrong',
      body: '{broken',
      headers: { 'content-type': 'application/json' },
    });
    expect(answer.status).toBe(401);
  });

  it('answers 400 naming the body for malformed JSON', async () => {
    const answer = await api(ctx.sandbox, 'POST', '/openapi/wa/message', {
      body: '{"phoneNumber": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({ message: expect.any(String), code: 40001 });
    expect(answer.json.errors).toEqual([expect.stringMatching(/^body is not valid JSON/)]);
  });

  it('answers 400 for JSON that is not an object', async () => {
    const answer = await api(ctx.sandbox, 'POST', '/openapi/wa/message', { body: '["0812"]', headers: { 'content-type': 'application/json' } });
    expect(answer.status).toBe(400);
    expect(answer.json.errors).toEqual([expect.stringMatching(/^body must be an object/)]);
  });

  it.each(['text/plain', 'multipart/form-data; boundary=x', 'application/xml'])('answers 400 naming the body for %s', async (type) => {
    const answer = await api(ctx.sandbox, 'POST', '/openapi/wa/webhook', { body: 'webhook=http://x.y', headers: { 'content-type': type } });
    expect(answer.status).toBe(400);
    expect(answer.json.errors).toEqual([expect.stringMatching(/^body has a content type .* not accept/)]);
  });

  it('reads an empty JSON body as no fields', async () => {
    const answer = await api(ctx.sandbox, 'POST', '/openapi/wa/status', { body: '', headers: { 'content-type': 'application/json' } });
    expect(answer.status).toBe(200);
  });

  it('logs every API request with the key redacted', async () => {
    await api(ctx.sandbox, 'POST', '/openapi/wa/webhook', { key: 'key-two', form: { webhook: 'https://example.com/hook' } });
    await api(ctx.sandbox, 'POST', '/openapi/wa/status', { key: 'not-a-key' });
    const [set, refused] = ctx.sandbox.state.requests;
    expect(set).toMatchObject({
      method: 'POST',
      path: '/openapi/wa/webhook',
      operation: 'webhook',
      status: 200,
      body: { webhook: 'https://example.com/hook' },
    });
    expect(set!.headers['x-api-key']).toBe('[redacted]');
    expect(refused).toMatchObject({ path: '/openapi/wa/status', status: 401 });
    expect(JSON.stringify(ctx.sandbox.state.requests)).not.toMatch(/key-two|not-a-key/);
  });
});

describe('requests that are not operations', () => {
  const ctx = useSandbox({ paired: true, restartUnpairs: true });

  it('a HEAD request does not run an operation', async () => {
    const response = await fetch(`${ctx.sandbox.url}/openapi/wa/restart`, { method: 'HEAD', headers: { 'x-api-key': ctx.sandbox.apiKey } });
    expect(response.status).toBe(404);
    expect(ctx.sandbox.state.paired).toBe(true);
  });

  it('a wrong method or path answers 404, which core reads as a wrong base URL', async () => {
    const wrongMethod = await fetch(`${ctx.sandbox.url}/openapi/wa/status`, { headers: { 'x-api-key': ctx.sandbox.apiKey } });
    const wrongPath = await fetch(`${ctx.sandbox.url}/api/wa/status`, { method: 'POST', headers: { 'x-api-key': ctx.sandbox.apiKey } });
    expect([wrongMethod.status, wrongPath.status]).toEqual([404, 404]);
  });
});
