// Property-based fuzzing of what a flow hands blazwa-send (msg.phoneNumber, msg.payload, msg.groupName,
// msg.imageUrl: text, unicode, numbers, objects, huge strings, nothing): each msg either is sent, and the sandbox
// recorded it with the number as core normalizes it, or reaches the Catch node with an error naming the field. Never a
// crash, an unhandled rejection, a msg that hangs or one that ends twice.
import { normalizePhoneNumber } from '@blazwa/core';
import { startSandbox, type OutboxEntry, type Sandbox } from '@blazwa/sandbox';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { calls, catchAll, configFor, configNode, helper, onTab, sendNode, startServer, stopServer, type TestNode } from '../support.js';
import { API_KEY, LeakWatch, report, trapProcessErrors, watchOutput } from './harness.js';

const SEED = Number(process.env.BLAZWA_FUZZ_SEED ?? 20261107);
/** Longest wait for one msg to end before it counts as hung (a loaded machine is slow, a hang is forever). */
const HANG_MS = 30_000;
const GROUPS = ['Staff', 'Pelanggan'];
const PHONE = '6281234567890';

const watch = new LeakWatch(API_KEY);
const trap = trapProcessErrors();
let restoreOutput: () => void;
let sandbox: Sandbox;
let numberNode: TestNode;
let groupNode: TestNode;
const nodeCalls: unknown[][][] = [];

type Outcome = { kind: 'sent' | 'error'; msg: Record<string, any>; outbox: OutboxEntry[] };
const pending = new Map<number, (outcome: Omit<Outcome, 'outbox'>) => void>();
const endings = new Map<number, number>();
let nextId = 0;
/** Per property: how its runs ended, and which field each error named. */
const tallies = new Map<string, { sent: number; errors: Map<string, number> }>();
let property = '';
const tally = (): { sent: number; errors: Map<string, number> } => {
  if (!tallies.has(property)) tallies.set(property, { sent: 0, errors: new Map() });
  return tallies.get(property)!;
};

beforeAll(async () => {
  restoreOutput = watchOutput(watch);
  sandbox = await startSandbox({ paired: true, apiKeys: [API_KEY], groups: GROUPS });
  await startServer();
  await helper.load(
    [configNode, sendNode],
    onTab([
      // No faults here: a slow answer on a loaded machine must not pass for an error.
      configFor(sandbox, { timeout: 30 }),
      { id: 'send-number', type: 'blazwa-send', account: 'account', target: 'number', wires: [['out']] },
      { id: 'send-group', type: 'blazwa-send', account: 'account', target: 'group', wires: [['out']] },
      { id: 'out', type: 'helper' },
      ...catchAll,
    ]),
    { account: { apiKey: API_KEY } },
  );
  numberNode = helper.getNode('send-number');
  groupNode = helper.getNode('send-group');
  for (const node of [numberNode, groupNode]) for (const method of ['status', 'warn', 'error', 'log'] as const) nodeCalls.push(calls(node, method));
  const settle = (kind: Outcome['kind']) => (msg: Record<string, any>) => {
    watch.scan(kind === 'sent' ? 'output msg' : 'caught msg', msg);
    const id = msg._fuzz as number;
    endings.set(id, (endings.get(id) ?? 0) + 1);
    pending.get(id)?.({ kind, msg });
    pending.delete(id);
  };
  helper.getNode('out').on('input', settle('sent'));
  helper.getNode('caught').on('input', settle('error'));
});

afterAll(async () => {
  await helper.unload();
  await stopServer();
  await sandbox.close();
  restoreOutput();
  trap.release();
  watch.scan('send node calls', nodeCalls);
  watch.scan('the helper log', helper.log().args);
  const twice = [...endings.values()].filter((count) => count > 1).length;
  const lines = [...tallies].map(([name, { sent, errors }]) => {
    const failed = [...errors.values()].reduce((sum, count) => sum + count, 0);
    return `${name}: ${sent + failed} msgs → ${sent} sent, ${failed} errors (${[...errors].map(([field, count]) => `${field} ${count}`).join(', ')})`;
  });
  report(
    `fuzz (seed ${SEED}): ${nextId} msgs, every one sent and in the outbox or an error naming its field; hung: 0, ended twice: ${twice}; ${lines.join('; ')}`,
  );
  expect(twice).toBe(0);
  expect(watch.found, 'places the API key showed up').toEqual([]);
  expect(trap.seen).toEqual([]);
});

/** Sends one msg through a node and waits for how it ends, with what the outbox gained meanwhile. */
async function run(node: TestNode, fields: Record<string, unknown>): Promise<Outcome> {
  const id = nextId++;
  const before = sandbox.state.outbox.length;
  let timer: NodeJS.Timeout | undefined;
  const ended = new Promise<Omit<Outcome, 'outbox'>>((resolve, reject) => {
    pending.set(id, resolve);
    timer = setTimeout(() => reject(new Error(`msg ${id} hung: no output and no error within ${HANG_MS} ms (${describe(fields)})`)), HANG_MS);
  });
  node.receive({ ...fields, _fuzz: id });
  try {
    const outcome = await ended;
    return { ...outcome, outbox: sandbox.state.outbox.slice(before) };
  } finally {
    clearTimeout(timer);
  }
}

/** The error names `field` (its message is what the Catch node's msg.error carries); counted for the report. */
function expectErrorNaming(outcome: Outcome, fields: RegExp): void {
  expect(outcome.outbox, 'nothing sent on an error').toEqual([]);
  const message = String(outcome.msg.error?.message);
  const named = fields.exec(message)?.[0];
  expect(named, `the error names ${fields}: ${message.slice(0, 300)}`).toBeDefined();
  tally().errors.set(named!, (tally().errors.get(named!) ?? 0) + 1);
}

function expectSent(outcome: Outcome): OutboxEntry {
  expect(outcome.outbox).toHaveLength(1);
  const entry = outcome.outbox[0]!;
  expect(outcome.msg.payload).toMatchObject({ id: entry.id, to: entry.to, body: entry.body });
  tally().sent++;
  return entry;
}

/**
 * `fc.assert` with a short failure report: the counterexample clipped (a huge string would fill the log), the seed
 * and path that replay it, and the first lines of the error.
 */
async function check<T>(name: string, arbitrary: fc.IAsyncProperty<T>, numRuns: number): Promise<void> {
  property = name;
  const result = await fc.check(arbitrary, { seed: SEED, numRuns });
  if (!result.failed) {
    // A property whose runs all end the same way would prove half of what it claims.
    expect(tally().sent, `${name}: runs that were sent`).toBeGreaterThan(0);
    expect(tally().errors.size, `${name}: runs that failed`).toBeGreaterThan(0);
    return;
  }
  const error = result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance);
  throw new Error(
    `property failed after ${result.numRuns} runs (seed ${result.seed}, path "${result.counterexamplePath}", shrunk ${result.numShrinks} times)\n` +
      `counterexample: ${describe(result.counterexample)}\n${error.split('\n').slice(0, 6).join('\n')}`,
  );
}

/** What UTF-8 makes of a string: a lone surrogate cannot be encoded and becomes U+FFFD on the way out. */
const wellFormed = (text: string): string => Buffer.from(text, 'utf8').toString('utf8');

const describe = (value: unknown): string => {
  try {
    const text = JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? `${item}n` : item));
    return text === undefined ? String(value) : text.length > 200 ? `${text.slice(0, 200)}…` : text;
  } catch {
    return String(value);
  }
};

// Around and far past WhatsApp's 65,536 characters, and past the sandbox's 1 MB body: core refuses a text that long
// before sending, naming the field.
const huge = fc.oneof(
  fc.integer({ min: 60_000, max: 2_000_000 }).map((length) => 'x'.repeat(length)),
  fc.integer({ min: 20_000, max: 70_000 }).map((length) => '😀'.repeat(length)),
  fc.integer({ min: 100, max: 300_000 }).map((length) => '0'.repeat(length)),
);
const loneSurrogates = fc
  .array(fc.integer({ min: 0xd800, max: 0xdfff }), { minLength: 1, maxLength: 5 })
  .map((units) => `Halo ${String.fromCharCode(...units)}`);
const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  loneSurrogates,
  fc.constantFrom('', ' ', '\n\t', '\u200b', '\u0000'),
);
const weird = fc.oneof(
  fc.constantFrom(null, undefined, true, false, 0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, -(2 ** 60)),
  fc.integer(),
  fc.double(),
  fc.bigInt(),
  fc.date(),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }),
  fc.anything({
    maxDepth: 2,
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withTypedArray: true,
    withSparseArray: true,
  }),
);
const indonesian = fc
  .tuple(
    fc.constantFrom('0', '62', '+62 ', '+62-', '(0', '8', '62 8'),
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 8, maxLength: 12 }),
    fc.constantFrom('', ' ', '-', '.'),
  )
  .map(([prefix, digits, separator]) => `${prefix}8${digits.join('').replace(/(\d{4})/g, `$1${separator}`)}`.trim());

const groupLike = fc
  .tuple(fc.constantFrom(...GROUPS), fc.constantFrom('', ' ', '  \t'), fc.boolean())
  .map(([group, space, upper]) => `${space}${upper ? group.toUpperCase() : group.toLowerCase()}${space}`);

it('msg.phoneNumber: sent to the number core normalizes it to, or an error naming phoneNumber', async () => {
  await check(
    'phoneNumber',
    fc.asyncProperty(fc.oneof(indonesian, text, huge, weird), async (phoneNumber) => {
      const outcome = await run(numberNode, { phoneNumber, payload: 'fuzz phoneNumber' });
      let normalized: string | undefined;
      try {
        normalized = typeof phoneNumber === 'string' || typeof phoneNumber === 'number' ? normalizePhoneNumber(phoneNumber) : undefined;
      } catch {
        normalized = undefined;
      }
      // The sandbox has every well-formed Indonesian mobile on WhatsApp: such a number must go through.
      const mustSend =
        normalized !== undefined && /^628\d{8,11}$/.test(normalized) && !(typeof phoneNumber === 'string' && phoneNumber.trim() === '');
      if (outcome.kind === 'sent') {
        expect(normalized, `sent to a number core cannot read: ${describe(phoneNumber)}`).toBeDefined();
        expect(expectSent(outcome)).toMatchObject({ kind: 'number', to: normalized, body: 'fuzz phoneNumber' });
      } else {
        expect(mustSend, `refused a good number ${describe(phoneNumber)}: ${outcome.msg.error?.message}`).toBe(false);
        expectErrorNaming(outcome, /phoneNumber/);
      }
    }),
    300,
  );
}, 300_000);

it('msg.payload: sent as the text it holds, or an error naming message (or imageUrl from a payload object)', async () => {
  const payloadObject = fc.record({ message: fc.oneof(text, weird), imageUrl: fc.oneof(text, weird, fc.webUrl()) }, { requiredKeys: [] });
  await check(
    'payload',
    fc.asyncProperty(fc.oneof(text, huge, weird, payloadObject), async (payload) => {
      const outcome = await run(numberNode, { phoneNumber: PHONE, payload });
      const isText = (typeof payload === 'string' && payload.trim() !== '') || typeof payload === 'number';
      if (outcome.kind === 'sent') {
        const entry = expectSent(outcome);
        expect(entry.to).toBe(PHONE);
        if (isText) expect(entry.body).toBe(wellFormed(String(payload)));
      } else {
        // Any text up to a WhatsApp message's length must go through.
        expect(
          typeof payload === 'string' && payload.trim() !== '' && payload.length <= 65_536,
          `refused the text ${describe(payload)}: ${outcome.msg.error?.message}`,
        ).toBe(false);
        expectErrorNaming(outcome, /\bmessage\b|imageUrl/);
      }
    }),
    300,
  );
}, 300_000);

it('msg.groupName: sent to the configured group it names (any case, any spaces), or an error naming groupName', async () => {
  await check(
    'groupName',
    fc.asyncProperty(fc.oneof(groupLike, text, huge, weird), async (groupName) => {
      const outcome = await run(groupNode, { groupName, payload: 'fuzz groupName' });
      const group = typeof groupName === 'string' ? GROUPS.find((name) => name.toLowerCase() === groupName.trim().toLowerCase()) : undefined;
      if (outcome.kind === 'sent') {
        expect(group, `sent to a group that is not configured: ${describe(groupName)}`).toBeDefined();
        expect(expectSent(outcome)).toMatchObject({ kind: 'group', groupName: group, body: 'fuzz groupName' });
      } else {
        expect(group, `refused the group ${describe(groupName)}: ${outcome.msg.error?.message}`).toBeUndefined();
        expectErrorNaming(outcome, /groupName/);
      }
    }),
    200,
  );
}, 300_000);

it('msg.imageUrl: sent with the URL, or an error naming imageUrl', async () => {
  const urlLike = fc.oneof(
    fc.webUrl({ withQueryParameters: true, withFragments: true }),
    fc.webUrl().map((url) => `  ${url}  `),
    fc.constantFrom(
      'ftp://example.com/a.png',
      'javascript:alert(1)',
      'data:image/png;base64,AAAA',
      '/relative/a.png',
      'http://',
      'https://exa mple.com/x',
      'file:///etc/passwd',
    ),
  );
  await check(
    'imageUrl',
    fc.asyncProperty(fc.oneof(urlLike, text, huge, weird), async (imageUrl) => {
      const outcome = await run(numberNode, { phoneNumber: PHONE, payload: 'fuzz imageUrl', imageUrl });
      if (outcome.kind === 'sent') {
        const entry = expectSent(outcome);
        const given = typeof imageUrl === 'string' ? imageUrl.trim() : '';
        // An empty imageUrl is no image; anything else went out as the URL it was.
        expect(entry.media_url).toBe(given === '' ? null : given);
      } else {
        expectErrorNaming(outcome, /imageUrl/);
      }
    }),
    200,
  );
}, 300_000);

it('everything at once: sent as given, or an error naming one of the fields', async () => {
  // Each field good more often than not, so that runs with every field good enough to send happen too.
  const mostly = <T>(good: fc.Arbitrary<T>) =>
    fc.oneof({ arbitrary: good, weight: 3 }, { arbitrary: fc.oneof(indonesian, text, weird, fc.webUrl()), weight: 1 });
  const fields = fc.record(
    {
      phoneNumber: mostly(indonesian),
      payload: mostly(fc.string({ minLength: 1 })),
      imageUrl: mostly(fc.constantFrom(undefined, '', 'https://example.com/a.png')),
      groupName: mostly(groupLike),
    },
    { requiredKeys: [] },
  );
  await check(
    'all fields',
    fc.asyncProperty(fields, fc.boolean(), async (fields, toGroup) => {
      const outcome = await run(toGroup ? groupNode : numberNode, fields);
      if (outcome.kind === 'sent') expectSent(outcome);
      else expectErrorNaming(outcome, toGroup ? /groupName|\bmessage\b|imageUrl/ : /phoneNumber|\bmessage\b|imageUrl/);
    }),
    300,
  );
}, 300_000);
