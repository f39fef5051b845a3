// Issue 14 §4 in Node-RED's own process and default layout (admin and node routes at `/`, so Node-RED's admin body
// parser reads every delivery first), with the trigger wired twice as the auto-reply example is: Node-RED clones the
// msg for the second wire. No delivery may stop the process, and the trigger's own limits hold.
import { request } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startNodeRedProcess, type NodeRedProcess } from './node-red-process.js';
import { until } from './support.js';

const TOKEN = 'c0ffee5a1e0b4d7e9f21a3b5c7d9e1f3';
const PATH = `/blazwa/${TOKEN}`;
let nodeRed: NodeRedProcess;

beforeAll(async () => {
  nodeRed = await startNodeRedProcess();
  await nodeRed.deploy([
    { id: 'tab1', type: 'tab', label: 'WhatsApp' },
    { id: 'trig1', type: 'blazwa-trigger', z: 'tab1', path: PATH, register: false, wires: [['wireA', 'wireB']] },
    { id: 'wireA', type: 'debug', z: 'tab1', name: 'wire-a', active: true, tosidebar: false, console: true, complete: 'payload', wires: [] },
    { id: 'wireB', type: 'debug', z: 'tab1', name: 'wire-b', active: true, tosidebar: false, console: true, complete: 'payload', wires: [] },
  ]);
}, 60_000);

afterAll(async () => {
  await nodeRed?.stop();
});

interface Answer {
  status: number;
  type: string;
  text: string;
}

/** A POST as a webhook sender makes it; `chunked` leaves out Content-Length, so only the parsed body tells its size. */
function post(body: string, options: { contentType?: string; chunked?: boolean } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'content-type': options.contentType ?? 'application/json' };
    if (!options.chunked) headers['content-length'] = String(Buffer.byteLength(body));
    const outgoing = request(`${nodeRed.url}${PATH}`, { method: 'POST', headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, type: String(response.headers['content-type']), text }));
    });
    outgoing.on('error', reject);
    if (options.chunked) for (let i = 0; i < body.length; i += 64 * 1024) outgoing.write(body.slice(i, i + 64 * 1024));
    else outgoing.write(body);
    outgoing.end();
  });
}

/** How many msgs with this payload each wire's debug node logged. */
function arrivals(payload: string): { a: number; b: number } {
  const lines = nodeRed.output().split('\n');
  const count = (name: string): number => lines.filter((line) => line.includes(`[debug:${name}]`) && line.endsWith(` ${payload}`)).length;
  return { a: count('wire-a'), b: count('wire-b') };
}

/** 4 KB of real message and one extra field nested `depth` levels deep. */
function deepDelivery(depth: number, message: string): string {
  return `{"message":${JSON.stringify(message)},"from":"0812-3456-7890","pad":"${'x'.repeat(4000)}","extra":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;
}

it('a delivery nested 2,000 levels deep reaches both wires and Node-RED keeps running; the next one works', async () => {
  const before = await post(JSON.stringify({ message: 'before', from: '0812-3456-7890' }));
  expect(before.status).toBe(200);
  await until(() => arrivals('before').b === 1, 'the first delivery on both wires');

  const deep = await post(deepDelivery(2000, 'deep'));
  expect(deep.status).toBe(200);
  await until(() => arrivals('deep').b === 1, 'the deep delivery on both wires');
  // A deeper one still, past what JSON.stringify can turn into text.
  const deeper = await post(deepDelivery(40_000, 'deeper'), { chunked: true });
  expect(deeper.status).toBe(200);
  await until(() => arrivals('deeper').b === 1, 'the deeper delivery on both wires');

  const after = await post(JSON.stringify({ message: 'after', from: '0812-3456-7890' }));
  expect(after.status).toBe(200);
  await until(() => arrivals('after').b === 1, 'the delivery after on both wires');

  const counts = ['before', 'deep', 'deeper', 'after'].map((payload) => ({ payload, ...arrivals(payload) }));
  console.log(
    `[default layout] deliveries 4 (2 nested 2,000 and 40,000 deep) → msgs per wire: ${counts.map((c) => `${c.payload} a=${c.a} b=${c.b}`).join(', ')}; ` +
      `lost 0, twice 0; Node-RED exited: ${nodeRed.exited() === undefined ? 'no' : nodeRed.exited()}`,
  );
  expect(counts).toEqual(['before', 'deep', 'deeper', 'after'].map((payload) => ({ payload, a: 1, b: 1 })));
  expect(nodeRed.exited()).toBeUndefined();
  expect(nodeRed.output()).not.toMatch(/Uncaught Exception|Maximum call stack|UnhandledPromiseRejection/);
}, 60_000);

it("answers broken JSON with the trigger's own 400 and log line, and reads a form body, past Node-RED's admin parsers", async () => {
  const broken = await post('{"message": "broken');
  const form = await post('message=lewat+form&from=0812-3456-7890', { contentType: 'application/x-www-form-urlencoded' });
  console.log(`[default layout] broken JSON: ${broken.status} ${broken.type}; form body: ${form.status}`);
  expect(broken.status).toBe(400);
  expect(broken.type).toBe('application/json; charset=utf-8');
  expect(JSON.parse(broken.text)).toMatchObject({ error: 'bad-request', message: expect.stringContaining('not valid JSON') });
  await until(
    () => nodeRed.output().includes('Ignored a webhook call that is not a WhatsApp message: webhook body is not valid JSON'),
    'the log line',
  );
  expect(form.status).toBe(200);
  await until(() => arrivals('lewat form').b === 1, 'the form delivery on both wires');
  expect(arrivals('lewat form')).toEqual({ a: 1, b: 1 });
});

it("keeps the trigger's 256 kB limit in front of Node-RED's 5 MB admin parsers", async () => {
  const big = JSON.stringify({ message: 'x'.repeat(4.5 * 1024 * 1024), from: '0812-3456-7890' });
  const declared = await post(big);
  const chunked = await post(big, { chunked: true });
  console.log(`[default layout] 4.5 MB delivery: with Content-Length ${declared.status}, chunked ${chunked.status}`);
  for (const answer of [declared, chunked]) {
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.text)).toMatchObject({ error: 'too-large' });
  }
  expect(arrivals('x'.repeat(16)).a).toBe(0);
  const logged = (): number => nodeRed.output().match(/Ignored a webhook call larger than 262144 bytes/g)?.length ?? 0;
  await until(() => logged() === 2, 'a log line for each');
  expect(nodeRed.exited()).toBeUndefined();
}, 60_000);

it("leaves Node-RED's own admin API parsing its bodies: a deploy without the trigger works, and its route is gone", async () => {
  await nodeRed.deploy([{ id: 'tab1', type: 'tab', label: 'WhatsApp' }]);
  const flows = (await (await fetch(`${nodeRed.url}/flows`)).json()) as Array<{ id: string }>;
  expect(flows.map((node) => node.id)).toEqual(['tab1']);
  expect((await post(JSON.stringify({ message: 'gone', from: '0812' }))).status).toBe(404);
  expect(nodeRed.exited()).toBeUndefined();
});
