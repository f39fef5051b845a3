// Issue 14 §5: Node-RED answers every admin route with `Access-Control-Allow-Origin: *`, so without adminAuth a page
// of any other website could read the login QR and pair its own phone. A real Chromium on a page of another origin
// (another port of 127.0.0.1: "same-site" to the browser, which is still another origin) is refused; the editor's
// own page, and a script with no browser around it, are not.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ensureChromium, launchChromium } from '@blazwa/test-support/chromium';
import { startSandbox, type Sandbox } from '@blazwa/sandbox';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startNodeRed, type Embedded } from './embedded.js';

type Browser = Awaited<ReturnType<typeof launchChromium>>;

interface Answer {
  path: string;
  status: number;
  text: string;
}

let nodeRed: Embedded;
let sandbox: Sandbox;
let browser: Browser;
let elsewhere: Server;
let elsewhereUrl: string;

beforeAll(async () => {
  ensureChromium();
  sandbox = await startSandbox({ paired: false });
  [nodeRed, browser] = await Promise.all([startNodeRed(), launchChromium()]);
  elsewhere = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Another site</title>'));
  await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
  elsewhereUrl = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`;
  await nodeRed.deploy([
    {
      id: 'acc1',
      type: 'blazwa-config',
      name: 'Toko',
      server: 'custom',
      baseUrl: sandbox.url,
      timeout: 5,
      minInterval: 0,
      credentials: { apiKey: sandbox.apiKey },
    },
  ]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await nodeRed?.stop();
  await sandbox?.close();
  elsewhere?.closeAllConnections();
  await new Promise((resolve) => elsewhere?.close(resolve));
});

const ENDPOINTS = [
  ['POST', 'blazwa-config/acc1/login-qr'],
  ['GET', 'blazwa-config/acc1/status'],
] as const;

/** Both endpoints fetched by a script of the page at `pageUrl`, in the browser, as any website's script can. */
async function fetchFromPage(pageUrl: string, base: string): Promise<Answer[]> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(pageUrl);
    return await page.evaluate(
      async ({ endpoints, base }) =>
        Promise.all(
          endpoints.map(async ([method, path]) => {
            try {
              const response = await fetch(`${base}${path}`, { method });
              return { path, status: response.status, text: await response.text() };
            } catch (error) {
              // Sent, but the answer hidden from the page: Node-RED 5 no longer allows every origin.
              return { path, status: 0, text: `the browser kept the answer from the page: ${String(error)}` };
            }
          }),
        ),
      { endpoints: ENDPOINTS.map(([method, path]): [string, string] => [method, path]), base },
    );
  } finally {
    await context.close();
  }
}

it('refuses a page of another origin, answers the editor and a script, and the QR reaches only those', async () => {
  const qrBefore = sandbox.state.requests.filter((request) => request.operation === 'login-qr').length;
  const foreign = await fetchFromPage(elsewhereUrl, `${nodeRed.url}/admin/`);
  const editor = await fetchFromPage(`${nodeRed.url}/admin/`, '');
  const script = await Promise.all(
    ENDPOINTS.map(async ([method, path]) => {
      const response = await fetch(`${nodeRed.url}/admin/${path}`, { method });
      return { path, status: response.status, text: await response.text() };
    }),
  );
  // Headers a browser would send for another site, written by hand.
  const forged = await Promise.all(
    (
      [
        { origin: 'http://evil.example' },
        { 'sec-fetch-site': 'cross-site' },
        { 'sec-fetch-site': 'same-site', origin: elsewhereUrl },
        { origin: 'null' },
      ] as Array<Record<string, string>>
    ).map(async (headers) => (await fetch(`${nodeRed.url}/admin/blazwa-config/acc1/login-qr`, { method: 'POST', headers })).status),
  );

  const withQr = (answers: Answer[]): number => answers.filter((answer) => answer.text.includes('data:image')).length;
  console.log(
    `[cross-site] another origin: ${foreign.map((a) => a.status).join(', ')} (QR in ${withQr(foreign)} of ${foreign.length}); ` +
      `the editor's page: ${editor.map((a) => a.status).join(', ')} (QR in ${withQr(editor)}); a script without Origin: ` +
      `${script.map((a) => a.status).join(', ')} (QR in ${withQr(script)}); forged browser headers: ${forged.join(', ')}`,
  );
  // Node-RED 4 lets the page read the refusal; Node-RED 5 sends no CORS header and the browser hides the answer.
  // Either way the refusal happened here: no QR was made for it (counted below).
  for (const answer of foreign) {
    if (answer.status === 0) continue;
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.text)).toMatchObject({ error: 'cross-site' });
  }
  expect(withQr(foreign)).toBe(0);
  expect(forged).toEqual([403, 403, 403, 403]);
  // Refused before the account was asked: the service never made a QR for them.
  expect(sandbox.state.requests.filter((request) => request.operation === 'login-qr')).toHaveLength(qrBefore + withQr(editor) + withQr(script));
  for (const answers of [editor, script]) {
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    expect(JSON.parse(answers[0]!.text).qr).toMatch(/^data:image\/png;base64,/);
    expect(JSON.parse(answers[1]!.text)).toMatchObject({ status: 'qr' });
  }
}, 120_000);

// The endpoint that connects with the dialog's own settings takes a typed key: a page of another site must not be able
// to make Node-RED use it (or the saved one), with a preflighted JSON body or with a plain-text one that needs none.
it('refuses the dialog-settings endpoint to a page of another origin, and no request of it reaches the service', async () => {
  const settings = { id: 'acc1', server: 'custom', baseUrl: sandbox.url, apiKey: '__PWRD__', timeout: 5 };
  /** The settings POSTed by a script of the page at `pageUrl`, as JSON and as plain text. */
  const inPage = async (pageUrl: string, base: string) => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(pageUrl);
      return await page.evaluate(
        async ({ base, body }) => {
          const answers: Answer[] = [];
          for (const type of ['application/json', 'text/plain']) {
            try {
              const response = await fetch(`${base}blazwa-config/connect`, { method: 'POST', headers: { 'content-type': type }, body });
              answers.push({ path: type, status: response.status, text: await response.text() });
            } catch (error) {
              answers.push({ path: type, status: 0, text: `the browser kept the answer from the page: ${String(error)}` });
            }
          }
          return answers;
        },
        { base, body: JSON.stringify(settings) },
      );
    } finally {
      await context.close();
    }
  };
  const requestsBefore = sandbox.state.requests.length;
  const foreign = await inPage(elsewhereUrl, `${nodeRed.url}/admin/`);
  const afterForeign = sandbox.state.requests.length;
  const forged = await Promise.all(
    (
      [{ origin: 'http://evil.example' }, { 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site', origin: elsewhereUrl }] as Array<
        Record<string, string>
      >
    ).map(
      async (headers) =>
        (
          await fetch(`${nodeRed.url}/admin/blazwa-config/connect`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...headers },
            body: JSON.stringify(settings),
          })
        ).status,
    ),
  );
  const afterForged = sandbox.state.requests.length;
  const editor = await inPage(`${nodeRed.url}/admin/`, '');
  console.log(
    `[cross-site] POST blazwa-config/connect: another origin ${foreign.map((a) => a.status).join(', ')} (JSON, plain text), ` +
      `forged headers ${forged.join(', ')}: ${afterForged - requestsBefore} requests reached the service; the editor's page ` +
      `${editor.map((a) => a.status).join(', ')}, ${sandbox.state.requests.length - afterForged} requests`,
  );
  for (const answer of foreign) {
    if (answer.status === 0) continue;
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.text)).toMatchObject({ error: 'cross-site' });
  }
  expect(forged).toEqual([403, 403, 403]);
  expect(afterForeign).toBe(requestsBefore);
  expect(afterForged).toBe(requestsBefore);
  // The editor's own page: JSON is answered with the QR; a plain-text body carries no settings, so no key: 400.
  expect(editor.map((answer) => answer.status)).toEqual([200, 400]);
  expect(JSON.parse(editor[0]!.text)).toMatchObject({ status: 'qr', qr: expect.stringMatching(/^data:image\/png;base64,/) });
  for (const answer of [...foreign, ...editor]) expect(answer.text).not.toContain(sandbox.apiKey);
}, 120_000);
