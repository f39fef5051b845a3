import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { BlazwaClient, MAX_ANSWER_BYTES } from '../src/index.js';
import { undiciTransport } from '../src/undici/index.js';
import { ok, rejection } from './support/test-server.js';

// Servers that misbehave in ways a faithful sandbox never does: they drip an answer, or send far too much.

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

async function misbehaving(answer: (res: ServerResponse) => void) {
  let requests = 0;
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      requests++;
      answer(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearInterval(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { url, timers, requests: () => requests };
}

function client(url: string, timeoutMs: number) {
  const transport = undiciTransport({ baseUrl: url, apiKey: 'k', timeoutMs });
  closers.push(() => transport.close());
  return new BlazwaClient({ transport, sleep: async () => {}, retry: { retries: 2 } });
}

describe('the timeout is a deadline for the whole call', () => {
  it('a server dripping its answer a byte at a time cannot hold a send past the timeout', async () => {
    const body = JSON.stringify(ok.sent('6281234567890', 'x'));
    let at = 0;
    const server = await misbehaving((res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) });
      // Each byte well inside undici's per-chunk timeout of 400 ms: only a deadline for the whole answer ends it.
      const timer = setInterval(() => {
        if (at < body.length) res.write(body[at++]);
        else res.end();
      }, 100);
      server.timers.add(timer);
    });
    const error = await rejection(client(server.url, 400).sendMessage({ phoneNumber: '0812 3456 7890', message: 'x' }));
    const dripped = at;
    expect(error).toMatchObject({ kind: 'timeout', outcome: 'unknown', retryable: false });
    expect(error.message).toContain('No answer from the Blazwa server within 400 ms');
    expect(error.message).toContain('may have been sent: check the chat before sending it again');
    expect(server.requests()).toBe(1);
    // The call ended while the answer was still dripping, not once it was all in.
    expect(dripped).toBeLessThan(body.length);
  });

  it('a dripping answer to a safe call is a timeout too, and is retried as one', async () => {
    const server = await misbehaving((res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const timer = setInterval(() => res.write(' '), 100);
      server.timers.add(timer);
    });
    const error = await rejection(client(server.url, 300).status());
    expect(error).toMatchObject({ kind: 'timeout' });
    expect(server.requests()).toBe(3);
  });
});

describe('answers are read up to a limit', () => {
  it('an answer past 1 MB is not read whole: the error says what happened, and a send says it may have gone', async () => {
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let written = 0;
    const server = await misbehaving((res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      // 300 MB if read whole; written as long as the client reads.
      const pump = (): void => {
        while (written < 300 * 1024 * 1024) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('error', () => {});
      pump();
    });
    const error = await rejection(client(server.url, 5000).sendMessage({ phoneNumber: '0812 3456 7890', message: 'x' }));
    expect(error).toMatchObject({ kind: 'protocol', outcome: 'unknown', retryable: false, status: 200 });
    expect(error.message).toContain("The Blazwa server's answer is larger than 1024 kB");
    expect(error.message).toContain('may have been sent');
    expect(server.requests()).toBe(1);
    expect(written).toBeLessThan(50 * 1024 * 1024);
  });

  it('an answer announcing more than the limit is refused at its headers', async () => {
    const server = await misbehaving((res) => {
      res.writeHead(500, { 'content-type': 'application/json', 'content-length': String(MAX_ANSWER_BYTES * 10) });
      res.write('{"message":"');
    });
    const error = await rejection(client(server.url, 5000).status());
    expect(error).toMatchObject({ kind: 'protocol', status: 500 });
    expect(error.message).toContain('larger than 1024 kB');
    // Not retried: a server that answers this way will answer so again.
    expect(server.requests()).toBe(1);
  });
});
