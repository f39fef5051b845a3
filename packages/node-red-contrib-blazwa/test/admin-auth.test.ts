// The "Connect WhatsApp" endpoints behind Node-RED's own admin login: a real Node-RED with adminAuth.
import { createRequire } from 'node:module';
import { startSandbox, type Sandbox } from '@blazwa/sandbox';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startNodeRed, type Embedded } from './embedded.js';

const require = createRequire(import.meta.url);
const bcrypt = createRequire(require.resolve('node-red'))('bcryptjs') as { hashSync(text: string, rounds: number): string };
const password = bcrypt.hashSync('secret-pw', 4);

let nodeRed: Embedded;
let sandbox: Sandbox;

beforeAll(async () => {
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

it('needs the editor permissions: none for nobody, read for status, write for the QR', async () => {
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
});
