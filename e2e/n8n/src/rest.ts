// The editor's REST API, signed in as the instance owner: what a user's clicks in the editor do.

const BROWSER_ID = 'blazwa-e2e';

export interface Session {
  request<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
}

/** Sets up the owner account of a fresh instance (the editor's first screen) and keeps its session cookie. */
export async function signInAsNewOwner(baseUrl: string): Promise<Session> {
  const setup = await fetch(`${baseUrl}/rest/owner/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'browser-id': BROWSER_ID },
    body: JSON.stringify({ email: 'owner@e2e.example', firstName: 'E2E', lastName: 'Owner', password: 'E2e-owner-password-1' }),
  });
  if (!setup.ok) throw new Error(`owner setup: ${setup.status} ${await setup.text()}`);
  const cookie = setup.headers.getSetCookie().find((value) => value.startsWith('n8n-auth='))?.split(';')[0];
  if (!cookie) throw new Error('owner setup set no n8n-auth cookie');
  return {
    async request<T>(method: string, path: string, body?: unknown): Promise<T> {
      const response = await fetch(`${baseUrl}/rest${path}`, {
        method,
        headers: { cookie, 'browser-id': BROWSER_ID, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} /rest${path}: ${response.status} ${text}`);
      return (JSON.parse(text) as { data: T }).data;
    },
  };
}
