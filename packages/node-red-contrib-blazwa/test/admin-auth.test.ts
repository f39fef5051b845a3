// The "Connect WhatsApp" endpoints behind Node-RED's own admin login: a real Node-RED with adminAuth.
import { createRequire } from 'node:module';
import { ensureChromium, launchChromium } from '@blazwa/test-support/chromium';
import { startSandbox, type Sandbox } from '@blazwa/sandbox';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startNodeRed, type Embedded } from './embedded.js';

const require = createRequire(import.meta.url);
const bcrypt = createRequire(require.resolve('node-red'))('bcryptjs') as { hashSync(text: string, rounds: number): string };
const password = bcrypt.hashSync('secret-pw', 4);

let nodeRed: Embedded;
let sandbox: Sandbox;
let browser: Awaited<ReturnType<typeof launchChromium>>;

beforeAll(async () => {
  ensureChromium();
  browser = await launchChromium();
  sandbox = await startSandbox({ paired: false });
  nodeRed = await startNodeRed({
    adminAuth: {
      type: 'credentials',
      users: [
        { username: 'admin', password, permissions: '*' },
        { username: 'viewer', password, permissions: 'read' },
      ],
    },
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await nodeRed?.stop();
  await sandbox?.close();
});

async function token(username: string, scope: string): Promise<string> {
  const response = await fetch(`${nodeRed.url}/admin/auth/token`, {
    method: 'POST',
    body: new URLSearchParams({ client_id: 'node-red-admin', grant_type: 'password', scope, username, password: 'secret-pw' }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

it('needs the editor permissions: none for nobody, read for status, write for the QR and for connecting', async () => {
  const admin = await token('admin', '*');
  const viewer = await token('viewer', 'read');
  await nodeRed.deploy(
    [
      {
        id: 'acc1',
        type: 'blazwa-config',
        server: 'custom',
        baseUrl: sandbox.url,
        timeout: 5,
        minInterval: 0,
        credentials: { apiKey: sandbox.apiKey },
      },
    ],
    admin,
  );
  const call = (method: string, path: string, bearer?: string) =>
    fetch(`${nodeRed.url}/admin/blazwa-config/acc1/${path}`, { method, headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });

  expect((await call('GET', 'status')).status).toBe(401);
  expect((await call('POST', 'login-qr')).status).toBe(401);
  expect((await call('POST', 'login-qr', viewer)).status).toBe(401);
  const status = await call('GET', 'status', viewer);
  expect(status.status).toBe(200);
  expect(await status.json()).toMatchObject({ status: 'qr' });
  const qr = await call('POST', 'login-qr', admin);
  expect(qr.status).toBe(200);
  expect(((await qr.json()) as { qr: string }).qr).toMatch(/^data:image\/png;base64,/);

  // Connecting with the dialog's own settings needs the write permission too, for a typed key and for the saved one.
  const connect = (bearer: string | undefined, apiKey: string) =>
    fetch(`${nodeRed.url}/admin/blazwa-config/connect`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
      body: JSON.stringify({ id: 'acc1', server: 'custom', baseUrl: sandbox.url, apiKey, timeout: 5 }),
    });
  const asked = sandbox.state.requests.length;
  for (const apiKey of [sandbox.apiKey, '__PWRD__']) {
    expect((await connect(undefined, apiKey)).status).toBe(401);
    expect((await connect(viewer, apiKey)).status).toBe(401);
  }
  expect(sandbox.state.requests.length).toBe(asked);
  const connected = await connect(admin, '__PWRD__');
  expect(connected.status).toBe(200);
  expect(await connected.json()).toMatchObject({ status: 'qr', qr: expect.stringMatching(/^data:image\/png;base64,/) });
});

// acc1 as the test above deployed it; Chromium logs in through the editor's own login dialog.
it('shows the QR in the editor to a user logged in with the permission to change config nodes, and to no read-only one', async () => {
  const shown: Record<string, string> = {};
  for (const username of ['admin', 'viewer']) {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${nodeRed.url}/admin/`);
      await page.locator('#node-dialog-login-username').fill(username);
      await page.locator('#node-dialog-login-password').fill('secret-pw');
      await page.locator('#node-dialog-login-submit').click();
      await page.waitForFunction(() => (globalThis as any).RED?.nodes?.node?.('acc1') !== undefined, null, { timeout: 60_000 });
      await page.evaluate(() => (globalThis as any).RED.editor.editConfig('', 'blazwa-config', 'acc1'));
      await page.locator('#blazwa-config-connect').click();
      const qr = page.locator('#blazwa-config-connect-qr img');
      if (username === 'admin') await qr.waitFor({ timeout: 20_000 });
      else
        await page.waitForFunction(() => (globalThis as any).document.querySelector('#blazwa-config-connect-text')?.innerText, null, {
          timeout: 20_000,
        });
      shown[username] =
        (await qr.count()) > 0
          ? String(await qr.getAttribute('src')).slice(0, 22)
          : `no QR: ${await page.locator('#blazwa-config-connect-text').innerText()}`;
    } finally {
      await context.close();
    }
  }
  console.log(`[admin auth] Connect WhatsApp in the editor: admin → ${shown.admin}; viewer → ${shown.viewer}`);
  expect(shown.admin).toBe('data:image/png;base64,');
  expect(shown.viewer).toMatch(/^no QR/);
}, 120_000);
