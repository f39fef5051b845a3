import { afterEach, describe, expect, it } from 'vitest';
import { BlazwaClient } from '../src/index.js';
import { undiciTransport } from '../src/undici/index.js';
import { createOpenApiChecker } from '@blazwa/test-support/openapi';
import { ok, startTestServer, type Answer } from './support/test-server.js';

const openapi = createOpenApiChecker(new URL('../openapi.yaml', import.meta.url));
const json = (method: string, path: string, status: number, body: unknown) =>
  openapi.responseProblems({ method, path, status, contentType: 'application/json', json: body });
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

// The documents' example answers, one per operation.
const answers: Record<string, unknown> = {
  '/openapi/wa/restart': ok.restart,
  '/openapi/wa/status': ok.status,
  '/openapi/wa/login-qr': { message: 'string', qr_string: 'string', code: null },
  '/openapi/wa/check-number/{phoneNumber}': { message: 'string', is_registered: true, code: null },
  '/openapi/wa/message': ok.sent('6281234567890', 'Halo'),
  '/openapi/wa/message-group': ok.sent('Staff', 'Halo'),
  '/openapi/wa/webhook': { message: 'string', code: 20001 },
  '/openapi/wa/webhook/reset': { message: 'string', status: 'qr', code: 0 },
};

describe('openapi.yaml', () => {
  it('has the eight operations, the three servers and the four error schemas', () => {
    expect(Object.keys(openapi.document.paths)).toEqual(Object.keys(answers));
    expect(openapi.document.servers.map((s) => s.url)).toEqual([
      'https://openapi.blazwa.com',
      'https://wa.kpntr.com/backend',
      'https://kpwa.kpntr.com/backend',
    ]);
    const { schemas } = openapi.document.components;
    expect(Object.keys(schemas)).toEqual(expect.arrayContaining(['Error400', 'Error401', 'Error500', 'Error504', 'InboundMessage']));
  });

  it('accepts the documents’ error examples and rejects a broken one', () => {
    expect(json('POST', '/openapi/wa/message', 400, { message: 'string', errors: ['string'], code: null })).toEqual([]);
    expect(json('POST', '/openapi/wa/message', 400, { message: 'string', code: null })).toEqual([]);
    expect(json('POST', '/openapi/wa/message', 401, { message: 'string' })).toEqual([]);
    expect(json('POST', '/openapi/wa/message', 500, { message: 'string', error: 'string', code: null })).toEqual([]);
    expect(json('POST', '/openapi/wa/message', 504, { message: 'string' })).toEqual([]);
    expect(json('POST', '/openapi/wa/message', 500, { message: 'string' })).not.toEqual([]);
    expect(openapi.inboundProblems({ message: 'lorem ipsum dolor sit amet', from: '6281234567890' })).toEqual([]);
    expect(openapi.inboundProblems({ message: 'x' })).not.toEqual([]);
  });
});

describe('the client speaks openapi.yaml', () => {
  it('every request it sends, and every answer it accepts, conforms', async () => {
    const server = await startTestServer((request): Answer => ({ status: 200, json: answers[openapi.template(request.url)!] }));
    const transport = undiciTransport({ baseUrl: server.url, apiKey: 'k' });
    closers.push(server.close, () => transport.close());
    const client = new BlazwaClient({ transport, retry: false });

    await client.restart();
    await client.status();
    await client.loginQr({ responseAs: 'string' });
    await client.loginQr();
    await client.checkNumber('0812-3456-7890');
    await client.sendMessage({ phoneNumber: '0812 3456 7890', message: 'Halo' });
    await client.sendMessage({ phoneNumber: '0812 3456 7890', imageUrl: 'https://example.com/promo.jpg' });
    await client.sendGroupMessage({ groupName: 'Staff', message: 'Halo', imageUrl: 'https://example.com/a.png' });
    await client.setWebhook('https://flows.example.com/hook');
    await client.resetWebhook();

    expect(server.requests).toHaveLength(10);
    for (const request of server.requests) {
      const fields = Object.fromEntries(new URLSearchParams(request.body));
      expect(openapi.requestProblems(request.method, request.url, fields), `${request.method} ${request.url}`).toEqual([]);
      const answer = answers[openapi.template(request.url)!];
      expect(json(request.method, request.url, 200, answer), request.url).toEqual([]);
    }
  });

  it('a request missing what the schema requires would be caught', () => {
    expect(openapi.requestProblems('POST', '/openapi/wa/message', { phoneNumber: '62812' })).not.toEqual([]);
    expect(openapi.requestProblems('POST', '/openapi/wa/webhook', { webhook: 'not a url' })).not.toEqual([]);
  });
});
