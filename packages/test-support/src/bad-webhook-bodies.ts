// The bad deliveries both triggers must survive: each is answered with a 4xx (or ignored with a clear log) and
// never crashes the runtime or leaves an unhandled rejection. One list, so Node-RED and n8n face the same inputs.

export interface BadWebhookBody {
  /** What is wrong with it, as a test name. */
  name: string;
  /** The Content-Type header sent; undefined sends none. */
  contentType: string | undefined;
  /** The raw bytes of the body. */
  body: string | Uint8Array;
}

const json = 'application/json';
const HUGE_BYTES = 5 * 1024 * 1024;

export const badWebhookBodies: readonly BadWebhookBody[] = [
  { name: 'empty body', contentType: json, body: '' },
  { name: 'whitespace only', contentType: json, body: '   \n ' },
  { name: 'invalid JSON', contentType: json, body: '{"message": "halo", "from": ' },
  { name: 'JSON null', contentType: json, body: 'null' },
  { name: 'JSON array', contentType: json, body: '[{"message":"halo","from":"6281234567890"}]' },
  { name: 'JSON string', contentType: json, body: '"halo"' },
  { name: 'JSON number', contentType: json, body: '42' },
  { name: 'empty object', contentType: json, body: '{}' },
  { name: 'no from', contentType: json, body: '{"message":"halo"}' },
  { name: 'from is an object', contentType: json, body: '{"message":"halo","from":{"number":"6281234567890"}}' },
  { name: 'from is an array', contentType: json, body: '{"message":"halo","from":["6281234567890"]}' },
  { name: 'from is true', contentType: json, body: '{"message":"halo","from":true}' },
  { name: 'from has no digits', contentType: json, body: '{"message":"halo","from":"budi"}' },
  { name: 'message is an object', contentType: json, body: '{"message":{"text":"halo"},"from":"6281234567890"}' },
  { name: 'message is an array', contentType: json, body: '{"message":["halo"],"from":"6281234567890"}' },
  {
    name: 'prototype pollution attempt',
    contentType: json,
    body: '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"from":"x"}',
  },
  { name: 'deeply nested', contentType: json, body: `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}` },
  { name: 'binary garbage', contentType: 'application/octet-stream', body: Uint8Array.from({ length: 256 }, (_, i) => (i * 37) % 256) },
  {
    name: 'invalid UTF-8 in JSON',
    contentType: json,
    body: Uint8Array.from([0x7b, 0x22, 0x66, 0x72, 0x6f, 0x6d, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
  },
  { name: 'XML', contentType: 'application/xml', body: '<message><from>6281234567890</from></message>' },
  { name: 'plain text', contentType: 'text/plain', body: 'halo dari 6281234567890' },
  { name: 'no content type', contentType: undefined, body: '{"message":"halo"}' },
  { name: 'form without from', contentType: 'application/x-www-form-urlencoded', body: 'message=halo' },
  { name: 'JSON declared as form', contentType: 'application/x-www-form-urlencoded', body: '{"message":"halo"}' },
  { name: 'huge body (5 MB)', contentType: json, body: `{"message":"${'x'.repeat(HUGE_BYTES)}","from":"6281234567890"}` },
];
