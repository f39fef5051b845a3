// Issue 17, "Connect WhatsApp": the config dialog in a real editor in Chromium, against a sandbox whose linking QR
// rotates as WhatsApp's does. The picture follows the rotation and says its age, "Connected" appears only for
// `connected`, nothing keeps asking after the dialog closes, and a config node that was never deployed connects with
// the key typed in the dialog without anything being stored.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { qrTextToImage } from '@blazwa/core';
import { ensureChromium, launchChromium } from '@blazwa/test-support/chromium';
import { startSandbox, type Sandbox } from '@blazwa/sandbox';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startNodeRed, type Embedded } from './embedded.js';

type Browser = Awaited<ReturnType<typeof launchChromium>>;
type Page = Awaited<ReturnType<Browser['newPage']>>;

/** How often the dialog asks again (blazwa-config.html). */
const REFRESH_MS = 5000;

let nodeRed: Embedded;
let browser: Browser;
let sandbox: Sandbox;
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  ensureChromium();
  [nodeRed, browser] = await Promise.all([startNodeRed(), launchChromium()]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await nodeRed?.stop();
});

beforeEach(async () => {
  // qrAs text: the runtime draws the code with core, so the test can draw each code the sandbox shows and compare.
  sandbox = await startSandbox({ paired: false, qrAs: 'text', apiKeys: ['connect-dialog-key-5f1c9a'] });
  await nodeRed.deploy([
    { id: 'tab1', type: 'tab', label: 'WhatsApp' },
    account('acc1', { name: 'Toko', server: 'custom', baseUrl: sandbox.url }),
    // No names: the labels come from the server.
    account('acc2', { server: 'kasirpintar' }),
    account('acc3', { server: 'custom', baseUrl: 'http://someone:secret@127.0.0.1:9/backend' }),
    account('acc4', {}),
    { id: 'send1', type: 'blazwa-send', z: 'tab1', account: 'acc1', target: 'number', x: 300, y: 100, wires: [] },
  ]);
});

afterEach(async () => {
  await page?.context().close();
  await sandbox.close();
});

function account(id: string, settings: Record<string, unknown>): Record<string, unknown> {
  return { id, type: 'blazwa-config', timeout: 5, minInterval: 0, ...settings, credentials: { apiKey: sandbox.apiKey } };
}

async function options(body: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${sandbox.url}/_sandbox/options`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
}

async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  for (const end = Date.now() + timeoutMs; !condition();) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const dataUrlOf = (text: string): string => `data:image/png;base64,${Buffer.from(qrTextToImage(text).data).toString('base64')}`;

// Functions passed to page.evaluate run in the browser and reach the editor through globalThis, untyped.
async function openEditor(): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1400, height: 900 } });
  page = await context.newPage();
  pageErrors = [];
  page.on('pageerror', (error: Error) => pageErrors.push(error.message));
  await page.goto(`${nodeRed.url}/admin/`);
  await page.waitForFunction(() => (globalThis as any).RED?.nodes?.node?.('acc1') !== undefined, null, { timeout: 60_000 });
  return page;
}

/** Every text the dialog's status line shows, in order, kept by the page itself. */
async function recordTexts(): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const doc = (globalThis as any).document;
    const line = doc.querySelector('#blazwa-config-connect-text');
    const seen: string[] = ((globalThis as any).blazwaTexts = []);
    new (globalThis as any).MutationObserver(() => {
      if (seen.at(-1) !== line.innerText) seen.push(line.innerText);
    }).observe(line, { childList: true, characterData: true, subtree: true });
  });
  return () => page.evaluate(() => [...(globalThis as any).blazwaTexts]);
}

const qrSrc = async (): Promise<string | null> => page.locator('#blazwa-config-connect-qr img').getAttribute('src', { timeout: 20_000 });

describe('Connect WhatsApp', () => {
  it('shows each new QR as the sandbox rotates it, says how old it is, and says connected only for "connected"', async () => {
    await openEditor();
    // Every code the sandbox shows lives 1.5 s; sampled every 20 ms, the test sees each one.
    await options({ qrRotateMs: 1500 });
    const codes = new Set<string>([sandbox.state.qrText]);
    const sampler = setInterval(() => codes.add(sandbox.state.qrText), 20);
    try {
      await page.evaluate(() => (globalThis as any).RED.editor.editConfig('', 'blazwa-config', 'acc1'));
      await page.locator('#blazwa-config-connect').waitFor();
      const texts = await recordTexts();
      await page.locator('#blazwa-config-connect').click();
      const shown: string[] = [(await qrSrc())!];
      // Bounded: three refreshes of the dialog at most.
      for (let look = 0; look < 150 && shown.length < 3; look++) {
        const src = await qrSrc();
        if (src && src !== shown.at(-1)) shown.push(src);
        await page.waitForTimeout(100);
      }
      await page.locator('#blazwa-config-connect-age', { hasText: /^QR from [1-9]\d* s ago/ }).waitFor({ timeout: REFRESH_MS * 2 });
      const age = await page.locator('#blazwa-config-connect-age').innerText();
      const drawn = new Set([...codes].map(dataUrlOf));

      // A status the documents do not list, then "ready", then the scan.
      await options({ qrRotateMs: 0, statusAs: 'loading' });
      await page.locator('#blazwa-config-connect-text', { hasText: '“loading”' }).waitFor({ timeout: REFRESH_MS * 3 });
      const qrWhileLoading = await page.locator('#blazwa-config-connect-qr img').count();
      await options({ statusAs: 'ready' });
      await page.locator('#blazwa-config-connect-text', { hasText: '“ready”' }).waitFor({ timeout: REFRESH_MS * 3 });
      await options({ statusAs: null });
      sandbox.pair();
      await page.locator('#blazwa-config-connect-text', { hasText: /^Connected:/ }).waitFor({ timeout: REFRESH_MS * 3 });
      const said = await texts();

      const connectedAt = said.findIndex((text) => text.startsWith('Connected'));
      console.log(
        `[connect] ${shown.length} pictures shown, ${shown.filter((src) => drawn.has(src)).length} of them codes the sandbox showed ` +
          `(${codes.size} codes in all); age line '${age}'; texts in order: ${said.map((text) => text.split(/[:.…]/)[0]).join(' | ')}`,
      );
      expect(shown).toHaveLength(3);
      expect(new Set(shown).size).toBe(3);
      for (const src of shown) expect(drawn.has(src)).toBe(true);
      expect(age).toMatch(/^QR from \d+ s ago/);
      expect(qrWhileLoading).toBe(0);
      // "Connected" once, last, after the sandbox said connected; the statuses before it said what they were.
      expect(said.filter((text) => text.startsWith('Connected'))).toHaveLength(1);
      expect(connectedAt).toBe(said.length - 1);
      expect(said.some((text) => text.includes('Waiting for the scan'))).toBe(true);
      expect(said.some((text) => text.includes('“loading”: not connected yet'))).toBe(true);
      expect(said.some((text) => text.includes('“ready”: it has started again'))).toBe(true);
      expect(await page.locator('#blazwa-config-connect-qr img').count()).toBe(0);
      expect(await page.content()).not.toContain(sandbox.apiKey);
      expect(pageErrors).toEqual([]);
    } finally {
      clearInterval(sampler);
    }
  }, 120_000);

  it('asks nothing more once the dialog closes, even when an answer was on its way', async () => {
    await openEditor();
    const fromBrowser: number[] = [];
    page.on('request', (request: { url(): string }) => {
      if (request.url().includes('/blazwa-config/')) fromBrowser.push(Date.now());
    });
    await page.evaluate(() => (globalThis as any).RED.editor.editConfig('', 'blazwa-config', 'acc1'));
    await page.locator('#blazwa-config-connect').click();
    await qrSrc();
    // The next refresh's QR answer is held back 2 s by the sandbox: the dialog closes while it is on its way.
    sandbox.fault({ delayMs: 2000, operations: ['login-qr'] });
    await until(() => sandbox.state.faults.length === 0, "the next refresh reaching the sandbox's QR", REFRESH_MS * 3);
    const qrAnswers = () => sandbox.state.requests.filter((request) => request.operation === 'login-qr').length;
    const answeredBefore = qrAnswers();
    await page.locator('#node-config-dialog-cancel').click();
    const closedAt = Date.now();
    await page.locator('#blazwa-config-connect').waitFor({ state: 'detached' });
    // The held answer comes back after the close; then two refresh periods pass.
    await until(() => qrAnswers() > answeredBefore, 'the held answer');
    await page.waitForTimeout(REFRESH_MS * 2);
    const sandboxAfter = sandbox.state.requests.filter((request) => request.at > closedAt).length;
    const browserAfter = fromBrowser.filter((at) => at > closedAt).length;
    console.log(
      `[connect] after the dialog closed (${REFRESH_MS * 2} ms and the held answer): ${browserAfter} requests from the browser, ` +
        `${sandboxAfter} reached the sandbox; before: ${fromBrowser.length - browserAfter} from the browser`,
    );
    expect(fromBrowser.length - browserAfter).toBeGreaterThanOrEqual(2);
    expect(browserAfter).toBe(0);
    expect(sandboxAfter).toBe(0);
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('connects a config node that was never deployed with the key typed in the dialog, and stores nothing', async () => {
    await openEditor();
    const files = () => ['flows.json', 'flows_cred.json'].map((name) => readFileSync(join(nodeRed.userDir, name), 'utf8'));
    const before = files();
    const flowsBefore = await nodeRed.adminGet('/flows');
    const logsBefore = nodeRed.logs.length;
    await page.evaluate(() => (globalThis as any).RED.editor.editConfig('', 'blazwa-config', '_ADD_'));
    await page.locator('#node-config-input-server').selectOption('custom');
    await page.locator('#node-config-input-baseUrl').fill(sandbox.url);
    const texts = await recordTexts();
    // A wrong key first: the service's refusal is shown, without the key.
    await page.locator('#node-config-input-apiKey').fill('typed-wrong-key-77c2');
    await page.locator('#blazwa-config-connect').click();
    await page.locator('#blazwa-config-connect-text', { hasText: 'Could not connect' }).waitFor({ timeout: 20_000 });
    const refusal = await page.locator('#blazwa-config-connect-text').innerText();
    await page.locator('#node-config-input-apiKey').fill(sandbox.apiKey);
    await page.locator('#blazwa-config-connect').click();
    const src = await qrSrc();
    sandbox.pair();
    await page.locator('#blazwa-config-connect-text', { hasText: /^Connected:/ }).waitFor({ timeout: REFRESH_MS * 3 });
    await page.locator('#node-config-dialog-cancel').click();
    const undeployed = await page.evaluate(() => {
      let count = 0;
      (globalThis as any).RED.nodes.eachConfig((node: any) => {
        if (node.type === 'blazwa-config') count++;
      });
      return count;
    });
    const keyed = sandbox.state.requests.filter((request) => request.status !== 401).length;
    console.log(
      `[connect] undeployed config node: wrong key → '${refusal}'; typed key → ${keyed} answered requests, QR ${String(src).slice(0, 22)}…, ` +
        `then ${(await texts()).at(-1)}; flow files ${files().every((file, i) => file === before[i]) ? 'unchanged' : 'CHANGED'}`,
    );
    expect(refusal).toMatch(/^Could not connect: API key rejected \(401\): check the API key in the API key field of this dialog/);
    expect(refusal).not.toContain('typed-wrong-key-77c2');
    expect(src).toMatch(/^data:image\/png;base64,/);
    expect(keyed).toBeGreaterThanOrEqual(2);
    // Nothing stored: the flow files, the deployed flows, and the editor's four config nodes are as they were.
    expect(files()).toEqual(before);
    expect(await nodeRed.adminGet('/flows')).toBe(flowsBefore);
    expect(undeployed).toBe(4);
    const logged = nodeRed.logs.slice(logsBefore).join('\n');
    for (const secret of [sandbox.apiKey, 'typed-wrong-key-77c2']) {
      expect(logged).not.toContain(secret);
      expect(await page.content()).not.toContain(secret);
    }
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it("labels a config node without a name with its server's name or host, never with its key", async () => {
    await openEditor();
    const labels = await page.evaluate(() =>
      ['acc1', 'acc2', 'acc3', 'acc4'].map((id) => (globalThis as any).RED.utils.getNodeLabel((globalThis as any).RED.nodes.node(id))),
    );
    console.log(`[connect] config node labels: ${labels.join(' | ')}`);
    expect(labels).toEqual(['Toko', 'Kasirpintar WA', 'Blazwa (127.0.0.1:9)', 'Blazwa']);
    for (const label of labels) expect(label).not.toMatch(/connect-dialog|5f1c9a|secret|someone/);
  }, 60_000);
});

describe('the endpoint behind it (a script, no browser)', () => {
  const connect = async (body: Record<string, unknown>) => {
    const response = await fetch(`${nodeRed.url}/admin/blazwa-config/connect`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, text: await response.text() };
  };

  it("uses a deployed node's saved key only for the server it was saved with, and answers no key back", async () => {
    const other = await startSandbox({ paired: false, apiKeys: ['another-key'] });
    try {
      const kept = '__PWRD__';
      const answers = {
        saved: await connect({ id: 'acc1', server: 'custom', baseUrl: sandbox.url, apiKey: kept, timeout: 5 }),
        savedElsewhere: await connect({ id: 'acc1', server: 'custom', baseUrl: other.url, apiKey: kept, timeout: 5 }),
        savedOfNoNode: await connect({ id: 'nope', server: 'custom', baseUrl: sandbox.url, apiKey: kept }),
        empty: await connect({ id: 'acc1', server: 'custom', baseUrl: sandbox.url, apiKey: '' }),
        badUrl: await connect({ server: 'custom', baseUrl: 'ftp://x', apiKey: 'typed' }),
      };
      console.log(
        `[connect] endpoint: ${Object.entries(answers)
          .map(([name, answer]) => `${name} → ${answer.status}`)
          .join(', ')}; the other server got ${other.state.requests.length} requests`,
      );
      expect(answers.saved.status).toBe(200);
      expect(JSON.parse(answers.saved.text)).toMatchObject({ status: 'qr', qr: expect.stringMatching(/^data:image\/png;base64,/) });
      expect(answers.savedElsewhere.status).toBe(400);
      expect(JSON.parse(answers.savedElsewhere.text).message).toBe('The server changed: type the API key again to use it with this server');
      expect(other.state.requests).toHaveLength(0);
      expect(answers.savedOfNoNode.status).toBe(400);
      expect(JSON.parse(answers.savedOfNoNode.text).message).toMatch(/type the key again/);
      expect(answers.empty.status).toBe(400);
      expect(JSON.parse(answers.empty.text).message).toMatch(/^API key is empty/);
      expect(answers.badUrl.status).toBe(400);
      for (const answer of Object.values(answers)) expect(answer.text).not.toContain(sandbox.apiKey);
    } finally {
      await other.close();
    }
  });
});
