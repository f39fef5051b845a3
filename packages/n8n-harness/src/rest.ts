// The editor's REST API, signed in as the instance owner: what a user's clicks in the editor do.

const BROWSER_ID = 'blazwa-n8n-rest';

export interface Session {
  request<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  /** A GET under /rest as the signed-in editor, the answer as it came (a download: binary data). */
  get(path: string): Promise<Response>;
}

export interface Owner {
  email: string;
  firstName: string;
  lastName: string;
  /** n8n's rule: 8 to 64 characters, with a digit and a capital letter. */
  password: string;
}

const E2E_OWNER: Owner = { email: 'owner@e2e.example', firstName: 'E2E', lastName: 'Owner', password: 'E2e-owner-password-1' };

/** A session on the n8n-auth cookie the answer to `path` set. */
async function sessionFrom(baseUrl: string, path: string, body: object): Promise<Session> {
  const answer = await fetch(`${baseUrl}/rest${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'browser-id': BROWSER_ID },
    body: JSON.stringify(body),
  });
  if (!answer.ok) throw new Error(`POST /rest${path}: ${answer.status} ${await answer.text()}`);
  const cookie = answer.headers
    .getSetCookie()
    .find((value) => value.startsWith('n8n-auth='))
    ?.split(';')[0];
  if (!cookie) throw new Error(`POST /rest${path} set no n8n-auth cookie`);
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
    async get(path: string): Promise<Response> {
      return await fetch(`${baseUrl}/rest${path}`, { headers: { cookie, 'browser-id': BROWSER_ID } });
    },
  };
}

/** Sets up the owner account of a fresh instance (the editor's first screen) and keeps its session cookie. */
export async function signInAsNewOwner(baseUrl: string, owner: Owner = E2E_OWNER): Promise<Session> {
  return await sessionFrom(baseUrl, '/owner/setup', owner);
}

/** Signs in as an existing user, as the editor's login page does. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<Session> {
  return await sessionFrom(baseUrl, '/login', { emailOrLdapLoginId: email, password });
}
