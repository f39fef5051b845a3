import { createNodeClient } from '@blazwa/core/undici';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/index.js';
import { contractProblems, DOCUMENTED_STATUSES } from './contract.js';

export interface ApiAnswer {
  status: number;
  headers: Headers;
  json: any;
  bytes: Uint8Array;
  type: string;
}

/** Raw HTTP to the sandbox with the right key, every answer kept for the contract test. */
export async function api(
  sandbox: Sandbox,
  method: string,
  path: string,
  init: { body?: string | Record<string, unknown>; form?: Record<string, string>; headers?: Record<string, string>; key?: string | null } = {},
): Promise<ApiAnswer> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.key !== null) headers['x-api-key'] = init.key ?? sandbox.apiKey;
  let body: string | undefined;
  if (init.form) {
    body = new URLSearchParams(init.form).toString();
    headers['content-type'] ??= 'application/x-www-form-urlencoded';
  } else if (typeof init.body === 'object') {
    body = JSON.stringify(init.body);
    headers['content-type'] ??= 'application/json';
  } else if (typeof init.body === 'string') {
    body = init.body;
  }
  const response = await fetch(sandbox.url + path, { method, headers, ...(body === undefined ? {} : { body }) });
  const type = response.headers.get('content-type') ?? '';
  const bytes = new Uint8Array(await response.arrayBuffer());
  const json = type.includes('application/json') ? JSON.parse(new TextDecoder().decode(bytes)) : undefined;
  // Every answer an API test sees must fit the documents (as openapi.yaml gives them).
  if (path.includes('/openapi/wa/') && DOCUMENTED_STATUSES.has(response.status)) {
    const png = bytes.length > 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47;
    expect(
      contractProblems({ method, path, status: response.status, contentType: type, json, png }),
      `${method} ${path} → ${response.status}`,
    ).toEqual([]);
  }
  return { status: response.status, headers: response.headers, json, bytes, type };
}

/** A sandbox for the file's tests, reset after each test. */
export function useSandbox(options: SandboxOptions = {}): { readonly sandbox: Sandbox } {
  const holder: { sandbox?: Sandbox } = {};
  beforeAll(async () => {
    holder.sandbox = await startSandbox(options);
  });
  afterEach(() => holder.sandbox?.reset());
  afterAll(async () => holder.sandbox?.close());
  return {
    get sandbox() {
      return holder.sandbox!;
    },
  };
}

export function clientFor(sandbox: Sandbox, options: { baseUrl?: string; apiKey?: string; timeoutMs?: number } = {}) {
  return createNodeClient({
    server: 'custom',
    baseUrl: options.baseUrl ?? sandbox.url,
    apiKey: options.apiKey ?? sandbox.apiKey,
    retry: false,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  });
}
