// The credential dialog's "Test" in a real n8n 2 and 1: what it says for a right key, a wrong key and a wrong base URL.
import { randomBytes } from 'node:crypto';

import { startSandbox, type Sandbox } from '@blazwa/sandbox';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { N8N_2, N8nInstance, RELEASES, signInAsNewOwner, type Release, type Session } from '@blazwa/n8n-harness';
import { packedNodes } from './helpers/packed-nodes.ts';
import { CREDENTIAL, credentialFile } from './helpers/workflows.ts';

let sandbox: Sandbox;
let n8n: N8nInstance;
let session: Session;
const tarball = packedNodes('cred');

/** What the dialog's Test button sends: the stored credential with the fields as the user has them in the form. */
async function testCredential(data: Record<string, string>): Promise<{ status: string; message: string }> {
  return await session.request('POST', '/credentials/test', { credentials: { id: CREDENTIAL.id, name: CREDENTIAL.name, type: 'blazwaApi', data } });
}

describe.each(RELEASES)("$title: the Blazwa API credential's test", (release: Release) => {
  beforeAll(async () => {
    sandbox = await startSandbox({ paired: true, apiKeys: [`e2e-${randomBytes(12).toString('hex')}`] });
    n8n = await N8nInstance.create(release);
    n8n.installCommunityNode(tarball());
    await n8n.importFixtures({ credentials: credentialFile(sandbox.url, sandbox.apiKey) });
    await n8n.start();
    session = await signInAsNewOwner(n8n.url);
  });

  afterAll(async () => {
    await n8n?.dispose();
    await sandbox?.close();
  });

  test('the right key passes', async () => {
    expect(await testCredential({ server: 'custom', baseUrl: sandbox.url, apiKey: sandbox.apiKey })).toMatchObject({ status: 'OK' });
  });

  // n8n 1.123 answers a 401 or 404 with its own words ("Authorization failed - please check your credentials"):
  // its tester does not reach the responseCode rules. Only n8n 2 shows ours.
  if (release === N8N_2) {
    test('a rejected key says what to fix, not just "Unauthorized"', async () => {
      const answer = await testCredential({ server: 'custom', baseUrl: sandbox.url, apiKey: 'not-the-key' });

      expect(answer).toEqual({
        status: 'Error',
        message:
          'API key rejected (401): copy the API key again from your Blazwa dashboard, and check that Server is the service the key belongs to (Blazwa and Kasirpintar WA keys differ)',
      });
      expect(sandbox.state.requests.at(-1)).toMatchObject({ path: '/openapi/wa/status', status: 401 });
    });

    test('a base URL without the API says so', async () => {
      const answer = await testCredential({ server: 'custom', baseUrl: `${sandbox.url}/not-here`, apiKey: sandbox.apiKey });

      expect(answer.status).toBe('Error');
      expect(answer.message).toMatch(/^The server has no Blazwa API here \(404\): check Server, or the Base URL/);
    });
  }

  // Executions refuse such a key: the Test must not say "Connection successful!" for it (it did, with a header expression).
  test.each([
    ['a zero-width space', '\u200b', 'U+200B'],
    ['a byte order mark', '\ufeff', 'U+FEFF'],
  ])('a key pasted with %s says which character and where, and sends nothing', async (_, char, hex) => {
    const requestsBefore = sandbox.state.requests.length;
    const answer = await testCredential({
      server: 'custom',
      baseUrl: sandbox.url,
      apiKey: `${sandbox.apiKey.slice(0, 6)}${char}${sandbox.apiKey.slice(6)}`,
    });

    expect(answer).toEqual({
      status: 'Error',
      message: `API key has an invisible character (${hex}) at position 7: copy the key again from your Blazwa / Kasirpintar WA dashboard into the Blazwa API credential, or type it`,
    });
    expect(sandbox.state.requests).toHaveLength(requestsBefore);
  });

  test('n8n never logged the API key', () => {
    expect(n8n.log).not.toContain(sandbox.apiKey);
    // The keys with an invisible character: the part after it is the key's own tail.
    expect(n8n.log).not.toContain(sandbox.apiKey.slice(6));
  });
});
