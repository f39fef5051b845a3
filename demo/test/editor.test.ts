// The first five minutes, as a person lives them: the demo's Node-RED editor in a real (headless) browser.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '@blazwa/test-support/chromium';
import { screenshotsDir } from '@blazwa/test-support/screenshots';
import { startDemo, type RunningDemo } from '../src/start.ts';

// The README's pictures: `pnpm docs:screenshots` runs this file to refresh docs/screenshots/.
const SCREENSHOTS = screenshotsDir('demo');
const NODE_TYPES = ['blazwa-config', 'blazwa-send', 'blazwa-status', 'blazwa-trigger'];

let demo: RunningDemo;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];

beforeAll(async () => {
  demo = await startDemo({
    host: '127.0.0.1',
    nodeRedPort: 0,
    sandboxPort: 0,
    userDir: join(mkdtempSync(join(tmpdir(), 'blazwa-demo-')), 'node-red'),
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(String(error)));
  await page.goto(`${demo.nodeRedUrl}/`);
  await page.waitForSelector('.red-ui-palette-node[data-palette-type="blazwa-send"]', { timeout: 30_000 });
  await page.waitForSelector('#red-ui-workspace-chart svg g.red-ui-flow-node-group', { timeout: 30_000 });
});

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });

async function openNode(tab: string, id: string): Promise<void> {
  await page.evaluate((workspace) => (window as any).RED.workspaces.show(workspace), tab);
  await page.dblclick(`g.red-ui-flow-node-group[id="${id}"]`);
  await page.waitForSelector('.red-ui-tray .red-ui-tray-body #dialog-form', { state: 'visible' });
}

async function closeTray(button: 'cancel' | 'ok' = 'cancel'): Promise<void> {
  await page.click(`#node-dialog-${button}, #node-config-dialog-${button}`);
  await page.waitForSelector('.red-ui-tray', { state: 'detached' });
}

describe('the demo in the Node-RED editor', () => {
  it('loads with our nodes in their own palette category and no console errors', async () => {
    const categories = await page.$$eval('.red-ui-palette-node[data-palette-type^="blazwa-"]', (nodes) =>
      nodes.map((node) => [node.getAttribute('data-palette-type'), node.closest('.red-ui-palette-category')?.id ?? '']),
    );
    expect(categories.map(([type]) => type).sort()).toEqual(['blazwa-send', 'blazwa-status', 'blazwa-trigger']);
    expect(new Set(categories.map(([, category]) => category)).size).toBe(1);
    const registered = await page.evaluate((types) => types.filter((type) => (window as any).RED.nodes.getType(type)), NODE_TYPES);
    expect(registered).toEqual(NODE_TYPES);
    await shot('editor');
    expect(consoleErrors).toEqual([]);
  });

  it.each([
    [
      'demo-send',
      'demo-send-node',
      'blazwa-send',
      ['#node-input-account', '#node-input-target', '#node-input-phoneNumber', '#node-input-message', '#node-input-imageUrl'],
    ],
    ['demo-status', 'demo-qr', 'blazwa-status', ['#node-input-account', '#node-input-action']],
    ['demo-bot', 'demo-bot-trigger', 'blazwa-trigger', ['#node-input-account', '#node-input-path']],
  ])('opens the edit dialog of a node on tab %s (%s), with its fields and help', async (tab, id, type, fields) => {
    await openNode(tab, id);
    for (const field of fields) expect(await page.locator(`.red-ui-tray ${field}`).count(), field).toBe(1);
    const help = await page.evaluate((name) => document.querySelector(`script[data-help-name="${name}"]`)?.innerHTML ?? '', type);
    expect(help.length).toBeGreaterThan(100);
    await shot(`dialog-${type}`);
    await closeTray();
  });
});

describe('the first five minutes, end to end', () => {
  it('"Connect WhatsApp" in the config node shows the sandbox QR and turns connected once the phone "scans" it', async () => {
    demo.sandbox!.unpair();
    await page.evaluate((id) => (window as any).RED.editor.editConfig('', 'blazwa-config', id), 'blazwa-demo-account');
    await page.locator('#blazwa-config-connect').click();
    const qr = page.locator('#blazwa-config-connect-qr img');
    await qr.waitFor({ timeout: 20_000 });
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await shot('connect-whatsapp');
    expect(await page.content()).not.toContain(demo.sandbox!.apiKey);
    demo.sandbox!.pair();
    await page.locator('#blazwa-config-connect-text', { hasText: 'Connected' }).waitFor({ timeout: 20_000 });
    await closeTray();
  });

  it('a deploy from the editor, then a click on the inject button, puts the message in the sandbox outbox', async () => {
    const sandbox = demo.sandbox!;
    sandbox.reset();
    await openNode('demo-send', 'demo-send-node');
    await page.fill('#node-input-name', 'WhatsApp the customer (edited)');
    await closeTray('ok');
    await page.click('#red-ui-header-button-deploy');
    await page
      .locator('.red-ui-notification', { hasText: /deployed/i })
      .first()
      .waitFor({ timeout: 20_000 });
    await page.click('g.red-ui-flow-node-group[id="demo-send-inject"] .red-ui-flow-node-button');
    await expect.poll(() => sandbox.state.outbox.length, { timeout: 20_000 }).toBe(1);
    expect(sandbox.state.outbox[0]).toMatchObject({ kind: 'number', to: '6281234567890', body: 'Terima kasih! Pesanan #1234 sudah dibayar.' });
    await shot('deployed-and-sent');
    expect(consoleErrors).toEqual([]);
  });

  it('the sandbox console shows the outbox, and an inbound message makes the auto-reply bot answer', async () => {
    const sandbox = demo.sandbox!;
    const consolePage = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const errors: string[] = [];
    consolePage.on('pageerror', (error) => errors.push(String(error)));
    await consolePage.goto(`${sandbox.url}/`);
    await consolePage.getByText('Pesanan #1234').first().waitFor({ timeout: 20_000 });
    const before = sandbox.state.outbox.length;
    await sandbox.inject({ from: '0812-1111-2222', message: 'Apakah toko buka hari ini?' });
    await expect.poll(() => sandbox.state.outbox.length, { timeout: 20_000 }).toBe(before + 1);
    expect(sandbox.state.outbox.at(-1)).toMatchObject({ to: '6281211112222', body: expect.stringContaining('Apakah toko buka hari ini?') });
    await consolePage.getByText('Apakah toko buka hari ini?').first().waitFor({ timeout: 20_000 });
    await consolePage.screenshot({ path: join(SCREENSHOTS, 'sandbox-console.png') });
    await consolePage.close();
    expect(errors).toEqual([]);
  });
});
