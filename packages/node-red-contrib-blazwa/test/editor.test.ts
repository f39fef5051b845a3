// The editor side in a real browser: palette, dialogs, the "Connect WhatsApp" QR flow and the Indonesian texts.
import { readFileSync } from 'node:fs';
import { ensureChromium, launchChromium } from '@blazwa/test-support/chromium';
import { startSandbox, type Sandbox } from '@blazwa/sandbox';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startNodeRed, type Embedded } from './embedded.js';

type Browser = Awaited<ReturnType<typeof launchChromium>>;
type Page = Awaited<ReturnType<Browser['newPage']>>;

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
  sandbox = await startSandbox({ paired: false });
  await nodeRed.deploy([
    { id: 'tab1', type: 'tab', label: 'WhatsApp' },
    {
      id: 'acc1',
      type: 'blazwa-config',
      name: 'Toko',
      server: 'custom',
      baseUrl: sandbox.url,
      timeout: 5,
      minInterval: 0,
      publicBaseUrl: 'https://nodered.example.com',
      credentials: { apiKey: sandbox.apiKey },
    },
    { id: 'send1', type: 'blazwa-send', z: 'tab1', account: 'acc1', target: 'number', x: 300, y: 100, wires: [] },
    { id: 'trig1', type: 'blazwa-trigger', z: 'tab1', account: 'acc1', path: '', x: 100, y: 100, wires: [] },
  ]);
});

afterEach(async () => {
  await page?.context().close();
  await sandbox.close();
});

// Functions passed to page.evaluate run in the browser: they reach the editor through globalThis, untyped (this
// package has no DOM types).
async function openEditor(locale = 'en-US'): Promise<Page> {
  const context = await browser.newContext({ locale, viewport: { width: 1400, height: 900 } });
  page = await context.newPage();
  pageErrors = [];
  page.on('pageerror', (error: Error) => pageErrors.push(error.message));
  await page.goto(`${nodeRed.url}/admin/`);
  await page.waitForFunction(
    () =>
      (globalThis as any).RED?.nodes?.node?.('send1') !== undefined &&
      (globalThis as any).document.querySelector('.red-ui-palette-node[data-palette-type="blazwa-send"]'),
    null,
    { timeout: 60_000 },
  );
  return page;
}

describe('the editor', () => {
  it('shows the three nodes in their own palette category, with no script errors', async () => {
    await openEditor();
    for (const type of ['blazwa-send', 'blazwa-status', 'blazwa-trigger']) {
      const category = await page
        .locator(`.red-ui-palette-node[data-palette-type="${type}"]`)
        .evaluate((element: any) => element.closest('.red-ui-palette-category')?.id);
      expect(category).toBe('red-ui-palette-container-Blazwa_WhatsApp');
    }
    expect(await page.locator('.red-ui-palette-node[data-palette-type="blazwa-send"]').innerText()).toContain('WA send');
    expect(pageErrors).toEqual([]);
  });

  it('"Connect WhatsApp" shows the QR of the deployed account and says when the phone has scanned it', async () => {
    await openEditor();
    await page.evaluate(() => (globalThis as any).RED.editor.editConfig('', 'blazwa-config', 'acc1'));
    await page.locator('#blazwa-config-connect').click();
    const qr = page.locator('#blazwa-config-connect-qr img');
    await qr.waitFor({ timeout: 20_000 });
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    expect(await page.locator('#blazwa-config-connect-text').innerText()).toContain('Linked devices');
    // The browser got the QR, never the key.
    expect(await page.content()).not.toContain(sandbox.apiKey);
    sandbox.pair();
    await page.locator('#blazwa-config-connect-text', { hasText: 'Connected' }).waitFor({ timeout: 20_000 });
    expect(await qr.count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('gives a new trigger a long random path and shows its public URL', async () => {
    await openEditor();
    await page.evaluate(() => (globalThis as any).RED.editor.edit((globalThis as any).RED.nodes.node('trig1')));
    await page.locator('#node-input-path').waitFor();
    const path = await page.locator('#node-input-path').inputValue();
    expect(path).toMatch(/^\/blazwa\/[0-9a-f]{32}$/);
    expect(await page.locator('#blazwa-trigger-url').innerText()).toBe(`https://nodered.example.com/hooks${path}`);
  });

  it('gives the trigger of an imported example its own random path, and each import another', async () => {
    await openEditor();
    const example = readFileSync(new URL('../examples/auto-reply-bot.json', import.meta.url), 'utf8');
    const paths: string[] = [];
    for (let i = 0; i < 2; i++) {
      paths.push(
        await page.evaluate((flow) => {
          const RED = (globalThis as any).RED;
          RED.view.importNodes(flow, { generateIds: true, addFlow: false, touchImport: true });
          let path = '';
          RED.nodes.eachNode((node: any) => {
            if (node.type === 'blazwa-trigger' && node.id !== 'trig1' && !node._blazwaSeen) {
              node._blazwaSeen = true;
              path = node.path;
            }
          });
          return path;
        }, example),
      );
    }
    // The deployed trigger with no path, loaded from the runtime, is left as it is (its status says what to do).
    const deployedPath = await page.evaluate(() => (globalThis as any).RED.nodes.node('trig1').path);
    // Their shape only: a path is a secret, even a test's.
    const shapes = paths.map((path) => path.replace(/[^/]+$/, (token) => `<${token.length} characters>`));
    console.log(`[editor] imported twice: paths ${shapes.join(', ')}, ${new Set(paths).size} different; the deployed one's: '${deployedPath}'`);
    expect(deployedPath).toBe('');
    for (const path of paths) expect(path).toMatch(/^\/blazwa\/[0-9a-f]{32}$/);
    expect(new Set(paths).size).toBe(2);
    expect(pageErrors).toEqual([]);
  });

  it('switches the send dialog between a number and a group, with TypedInputs', async () => {
    await openEditor();
    await page.evaluate(() => (globalThis as any).RED.editor.edit((globalThis as any).RED.nodes.node('send1')));
    await page.locator('#node-input-target').waitFor();
    expect(await page.locator('.blazwa-send-row-number').first().isVisible()).toBe(true);
    expect(await page.locator('.blazwa-send-row-group').isVisible()).toBe(false);
    await page.locator('#node-input-target').selectOption('group');
    expect(await page.locator('.blazwa-send-row-group').isVisible()).toBe(true);
    expect(await page.locator('.red-ui-typedInput-container').count()).toBeGreaterThanOrEqual(4);
    expect(pageErrors).toEqual([]);
  });

  it('offers "the sender of the incoming message" and says a field set in the node wins over the msg', async () => {
    await openEditor();
    await page.evaluate(() => (globalThis as any).RED.editor.edit((globalThis as any).RED.nodes.node('send1')));
    await page.locator('#node-input-target').waitFor();
    expect(await page.locator('#blazwa-send-tip-setting-wins').innerText()).toContain('A field set here wins over the msg');
    expect(await page.locator('.blazwa-send-row-sender').isVisible()).toBe(false);
    await page.locator('#node-input-target').selectOption('sender');
    expect(await page.locator('.blazwa-send-row-sender').innerText()).toContain('Replies to msg.from');
    expect(await page.locator('.blazwa-send-row-number').first().isVisible()).toBe(false);
    expect(await page.locator('.blazwa-send-row-group').isVisible()).toBe(false);
    expect(await page.locator('label[for="node-input-checkNumber"]').innerText()).toBe('Check the number first');
    expect(pageErrors).toEqual([]);
  });

  it('takes any interval and timeout the runtime accepts: 0.2 s, 1.2 s, 1.5 s are valid', async () => {
    await openEditor();
    await page.evaluate(() => (globalThis as any).RED.editor.editConfig('', 'blazwa-config', 'acc1'));
    await page.locator('#node-config-input-minInterval').waitFor();
    const valid = (selector: string, value: string) =>
      page.locator(selector).evaluate((input: any, typed: string) => {
        input.value = typed;
        return input.validity.valid as boolean;
      }, value);
    const results = {
      interval02: await valid('#node-config-input-minInterval', '0.2'),
      interval12: await valid('#node-config-input-minInterval', '1.2'),
      timeout15: await valid('#node-config-input-timeout', '1.5'),
      intervalNegative: await valid('#node-config-input-minInterval', '-1'),
    };
    console.log(`[editor] number fields valid: ${JSON.stringify(results)}`);
    expect(results).toEqual({ interval02: true, interval12: true, timeout15: true, intervalNegative: false });
  });

  it('speaks Indonesian to an Indonesian browser', async () => {
    await openEditor('id-ID');
    expect(await page.locator('.red-ui-palette-node[data-palette-type="blazwa-send"]').innerText()).toContain('WA kirim');
    await page.evaluate(() => (globalThis as any).RED.editor.edit((globalThis as any).RED.nodes.node('send1')));
    await page.locator('#node-input-target').waitFor();
    expect(await page.locator('label[for="node-input-target"]').innerText()).toContain('Kirim ke');
    await page.evaluate(() => (globalThis as any).RED.sidebar.help.show('blazwa-send'));
    await page.getByText('Mengirim pesan WhatsApp (teks, gambar').first().waitFor({ timeout: 10_000 });
  });

  it('has help for every node', async () => {
    await openEditor();
    for (const [type, text] of [
      ['blazwa-config', 'One WhatsApp account on Blazwa'],
      ['blazwa-send', 'Sends a WhatsApp message'],
      ['blazwa-status', "Asks about or acts on the account's WhatsApp session"],
      ['blazwa-trigger', 'Starts a flow for each incoming WhatsApp message'],
    ] as const) {
      await page.evaluate((name) => (globalThis as any).RED.sidebar.help.show(name), type);
      await page.getByText(text).first().waitFor({ timeout: 10_000 });
    }
    expect(pageErrors).toEqual([]);
  });
});
