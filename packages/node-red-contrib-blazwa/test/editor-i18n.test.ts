// Statuses in each browser's language: one Node-RED, an English and an Indonesian editor open on it at once.
import { ensureChromium, launchChromium } from '@blazwa/test-support/chromium';
import { startSandbox, type Sandbox } from '@blazwa/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeRed, type Embedded } from './embedded.js';

type Browser = Awaited<ReturnType<typeof launchChromium>>;
type Page = Awaited<ReturnType<Browser['newPage']>>;

const ACTIONS = ['status', 'restart', 'qr', 'check-number', 'set-webhook', 'reset-webhook'] as const;
const DONE = {
  'en-US': ['Connection checked', 'Session restarted', 'QR code ready', 'Number checked', 'Webhook set', 'Webhook removed'],
  'id-ID': ['Koneksi diperiksa', 'Sesi dimulai ulang', 'Kode QR siap', 'Nomor diperiksa', 'Webhook diatur', 'Webhook dihapus'],
};
const PAYLOADS: Record<string, string> = { 'check-number': '081234567890', 'set-webhook': 'https://pos.example.com/hook' };

let nodeRed: Embedded;
let browser: Browser;
let sandbox: Sandbox;
const pages: Record<'en-US' | 'id-ID', Page> = {} as never;
const pageErrors: string[] = [];

const inject = (id: string, payload: string) => ({
  id: `inject-${id}`,
  type: 'inject',
  z: 'tab1',
  payload,
  payloadType: 'str',
  repeat: '',
  once: false,
  x: 80,
  y: 40,
  wires: [[id]],
});

beforeAll(async () => {
  ensureChromium();
  [nodeRed, browser, sandbox] = await Promise.all([startNodeRed(), launchChromium(), startSandbox({ paired: false })]);
  const account = {
    id: 'acc1',
    type: 'blazwa-config',
    name: 'Toko',
    server: 'custom',
    baseUrl: sandbox.url,
    timeout: 5,
    minInterval: 0,
    credentials: { apiKey: sandbox.apiKey },
  };
  const statusNodes = ACTIONS.map((action, i) => ({
    id: `st-${action}`,
    type: 'blazwa-status',
    z: 'tab1',
    account: 'acc1',
    action,
    x: 300,
    y: 200 + i * 50,
    wires: [],
  }));
  await nodeRed.deploy([
    { id: 'tab1', type: 'tab', label: 'WhatsApp' },
    account,
    {
      id: 'send-ok',
      type: 'blazwa-send',
      z: 'tab1',
      account: 'acc1',
      target: 'number',
      phoneNumber: '081234567890',
      message: 'Halo',
      x: 300,
      y: 40,
      wires: [],
    },
    {
      id: 'send-bad',
      type: 'blazwa-send',
      z: 'tab1',
      account: 'acc1',
      target: 'number',
      phoneNumber: 'abc',
      message: 'Halo',
      x: 300,
      y: 90,
      wires: [],
    },
    { id: 'send-none', type: 'blazwa-send', z: 'tab1', target: 'number', x: 300, y: 140, wires: [] },
    ...statusNodes,
    inject('send-ok', ''),
    inject('send-bad', ''),
    ...ACTIONS.map((action) => inject(`st-${action}`, PAYLOADS[action] ?? '')),
  ]);
  // Both at once, on the same server: each reads its language from the browser (navigator.language).
  for (const locale of ['en-US', 'id-ID'] as const) {
    const page = await (await browser.newContext({ locale, viewport: { width: 1400, height: 900 } })).newPage();
    page.on('pageerror', (error: Error) => pageErrors.push(`${locale}: ${error.message}`));
    await page.goto(`${nodeRed.url}/admin/`);
    await page.waitForFunction(
      () => (globalThis as any).RED?.nodes?.node?.('send-ok') !== undefined && (globalThis as any).RED.workspaces.active() === 'tab1',
      null,
      {
        timeout: 60_000,
      },
    );
    pages[locale] = page;
  }
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await nodeRed?.stop();
  await sandbox?.close();
});

/** The status text the editor shows under a node. */
const statusLabel = (page: Page, id: string): Promise<string> =>
  page.evaluate(
    (nodeId) => (globalThis as any).document.getElementById(nodeId)?.querySelector('.red-ui-flow-node-status-label')?.textContent ?? '',
    id,
  );

async function press(id: string): Promise<void> {
  const response = await fetch(`${nodeRed.url}/admin/inject/inject-${id}`, { method: 'POST' });
  expect(response.status).toBe(200);
}

async function expectLabel(id: string, expected: Record<'en-US' | 'id-ID', string>): Promise<void> {
  for (const locale of ['en-US', 'id-ID'] as const) {
    const shown = await pages[locale]
      .waitForFunction(
        ([nodeId, text]) =>
          (globalThis as any).document.getElementById(nodeId)?.querySelector('.red-ui-flow-node-status-label')?.textContent === text,
        [id, expected[locale]] as const,
        { timeout: 20_000 },
      )
      .then(
        () => true,
        () => false,
      );
    expect(shown ? expected[locale] : await statusLabel(pages[locale], id), `${id} in ${locale}`).toBe(expected[locale]);
  }
}

describe('statuses in the language of each browser', () => {
  it("the send node's statuses: English in one browser, Indonesian in the other, from one server", async () => {
    await expectLabel('send-none', { 'en-US': 'no account chosen', 'id-ID': 'akun belum dipilih' });
    await press('send-bad');
    await expectLabel('send-bad', { 'en-US': 'invalid phone number', 'id-ID': 'nomor HP tidak valid' });
    // Unpaired, the service refuses the send (400): a reason from the account's catalogue.
    await press('send-ok');
    await expectLabel('send-ok', { 'en-US': 'rejected by the service', 'id-ID': 'ditolak layanan' });
    sandbox.pair();
    await press('send-ok');
    await expectLabel('send-ok', { 'en-US': '✓ 1', 'id-ID': '✓ 1' });
    expect(sandbox.state.outbox).toHaveLength(1);
    // The runtime sent keys and counts, never text in its own language.
    const sendTexts = nodeRed.statuses.filter((event) => event.id.startsWith('send-')).map((event) => String(event.status.text));
    console.log(`[editor-i18n] send statuses from the runtime: ${JSON.stringify([...new Set(sendTexts)])}`);
    expect(
      sendTexts.filter((text) => !/^(blazwa-send\.status\.|node-red-contrib-blazwa\/blazwa-config:blazwa-config\.reason\.|✓ \d+$|… \d+$)/.test(text)),
    ).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('the status node says what each action does, in words, in both languages', async () => {
    sandbox.unpair();
    // The QR exists only while unpaired; the other actions work either way.
    for (const [i, action] of ACTIONS.entries()) {
      await press(`st-${action}`);
      await expectLabel(`st-${action}`, { 'en-US': DONE['en-US'][i]!, 'id-ID': DONE['id-ID'][i]! });
    }
    const texts = nodeRed.statuses.filter((event) => event.id.startsWith('st-')).map((event) => String(event.status.text));
    console.log(`[editor-i18n] ${ACTIONS.length} actions, status node texts from the runtime: ${[...new Set(texts)].length} keys`);
    expect(texts.every((text) => text.startsWith('blazwa-status.status.'))).toBe(true);
    expect(texts.some((text) => /check-number…|: done/.test(text))).toBe(false);
    expect(pageErrors).toEqual([]);
  });

  it('the trigger dialog says that registering replaces the webhook the account had', async () => {
    const expected = { 'en-US': 'registering replaces the one it had', 'id-ID': 'menggantikan webhook sebelumnya' };
    for (const locale of ['en-US', 'id-ID'] as const) {
      const page = pages[locale];
      await page.evaluate(() => {
        const RED = (globalThis as any).RED;
        RED.view.importNodes(
          [{ id: 'trig-new', type: 'blazwa-trigger', z: 'tab1', account: 'acc1', path: '', register: true, x: 100, y: 500, wires: [] }],
          {
            generateIds: false,
            addFlow: false,
          },
        );
        RED.editor.edit(RED.nodes.node('trig-new'));
      });
      const warning = page.locator('.blazwa-register-replaces');
      await warning.waitFor({ timeout: 10_000 });
      expect(await warning.innerText()).toContain(expected[locale]);
      // Next to the checkbox it is about.
      const [box, tip] = await Promise.all([page.locator('#node-input-register').boundingBox(), warning.boundingBox()]);
      expect(tip!.y - box!.y).toBeLessThan(120);
    }
    expect(pageErrors).toEqual([]);
  });
});
