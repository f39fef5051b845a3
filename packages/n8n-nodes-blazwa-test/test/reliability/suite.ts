// What every reliability file shares: a sandbox that accepts only a distinctive API key, the n8n harness pointed at
// it, and a capture of everything a user or an operator could see (log lines, console, errors, node output,
// exported workflows) that the file's last test scans for the key, along with any unhandled rejection.
import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';

import { createRequire } from 'node:module';

import { startSandbox, type Sandbox } from '@blazwa/sandbox';
import { trapProcessErrors } from '@blazwa/test-support/reliability';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	Logger as N8nLogger,
} from 'n8n-workflow';
import { afterAll, beforeAll, expect, test } from 'vitest';

import {
	BLAZWA,
	createHarness,
	runWorkflow,
	START,
	startNodeType,
	workflow,
	type Harness,
	type RunResult,
} from '../helpers/n8n';

// n8n-core's own container and logger class (its copies of @n8n/di and @n8n/backend-common).
const coreRequire = createRequire(createRequire(import.meta.url).resolve('n8n-core'));
const { Container } = coreRequire('@n8n/di') as {
	Container: { get<T>(type: abstract new (...args: never[]) => T): T };
};
/** The part of winston n8n's logger writes to. */
interface WinstonLike {
	log(level: string, message: string, meta?: unknown): WinstonLike;
	child(options: object): WinstonLike;
}
const { Logger: BackendLogger } = coreRequire('@n8n/backend-common') as {
	Logger: abstract new (
		...args: never[]
	) => N8nLogger & { internalLogger: WinstonLike; setInternalLogger(logger: WinstonLike): void };
};

const KEY_SECRET_PART = randomBytes(12).toString('hex');
export const API_KEY = `sk-reliability-${KEY_SECRET_PART}`;

export interface Reliability {
	sandbox: Sandbox;
	harness: Harness;
	credential: ICredentialDataDecryptedObject;
	/** Adds what a user could see (an error, an output, an exported workflow) to the secrets scan. */
	keep(label: string, value: unknown): void;
}

interface Capture {
	texts: string[];
	crashes: string[];
	stop(): void;
}

type Write = (chunk: unknown, ...rest: unknown[]) => boolean;

function startCapture(): Capture {
	const texts: string[] = [];
	const restores: Array<() => void> = [];

	// Console output: vitest's console writes to console._stdout/_stderr, anything else to the process's own.
	const consoleStreams = console as unknown as {
		_stdout?: { write: Write };
		_stderr?: { write: Write };
	};
	const streams = [
		consoleStreams._stdout,
		consoleStreams._stderr,
		process.stdout,
		process.stderr,
	] as Array<{ write: Write } | undefined>;
	for (const stream of streams) {
		if (!stream) continue;
		const original = stream.write;
		stream.write = function (this: unknown, chunk: unknown, ...rest: unknown[]) {
			texts.push(
				typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'),
			);
			return original.call(this, chunk, ...rest);
		} as Write;
		restores.push(() => {
			stream.write = original;
		});
	}

	// n8n's logger (the error reporter logs every failed execution's error and its causes through it): recorded with
	// its metadata instead of printed, so the fuzzing's hundreds of expected failures do not flood the test output.
	const logger = Container.get(BackendLogger);
	const internal = logger.internalLogger;
	const recordingLogger: WinstonLike = {
		log(level, message, meta) {
			texts.push(`n8n ${level}: ${message} ${inspect(meta, { depth: 6 })}`);
			return recordingLogger;
		},
		child: () => recordingLogger,
	};
	logger.setInternalLogger(recordingLogger);
	restores.push(() => logger.setInternalLogger(internal));

	// Every LoggerProxy call too, at every level (debug, which the default level drops, included). n8n's logger
	// claims the proxy when it is created, so it exists by now and the recorder forwards to it.
	const levels = ['error', 'warn', 'info', 'debug'] as const;
	const recorder = Object.fromEntries(
		levels.map((level) => [
			level,
			(message: string, meta?: Parameters<N8nLogger['debug']>[1]) => {
				texts.push(`${level}: ${message} ${inspect(meta, { depth: 6 })}`);
				logger[level](message, meta);
			},
		]),
	);
	workflow.LoggerProxy.init(recorder as unknown as N8nLogger);
	restores.push(() => workflow.LoggerProxy.init(logger));

	const trap = trapProcessErrors();
	restores.push(() => trap.release());

	return {
		texts,
		crashes: trap.seen,
		stop() {
			for (const restore of restores.reverse()) restore();
		},
	};
}

/** Everything an object shows when inspected or serialized: own fields, error messages, stacks, causes. */
function render(value: unknown): string {
	let json = '';
	try {
		json = JSON.stringify(value) ?? '';
	} catch {
		json = '(circular)';
	}
	return `${inspect(value, { depth: 8, maxArrayLength: null, maxStringLength: null, breakLength: Infinity })}\n${json}`;
}

const captures = new WeakMap<Reliability, () => Capture>();

export function useReliability(): Reliability {
	const suite = {} as Reliability;
	let capture: Capture;
	beforeAll(async () => {
		capture = startCapture();
		suite.sandbox = await startSandbox({ apiKeys: [API_KEY], paired: true });
		suite.credential = { server: 'custom', baseUrl: suite.sandbox.url, apiKey: API_KEY };
		suite.harness = createHarness({ blazwaApi: suite.credential }, { [START]: startNodeType });
		suite.keep = (label, value) => capture.texts.push(`${label}: ${render(value)}`);
	});
	afterAll(async () => {
		capture?.stop();
		await suite.sandbox?.close();
	});
	captures.set(suite, () => capture);
	return suite;
}

/**
 * The file's last test: the key is in nothing captured, and nothing crashed. Register it after the file's other
 * tests (vitest runs a file's tests in order).
 */
export function secretsAndCrashesTest(suite: Reliability): void {
	test('secrets and crashes: the API key is in no log line, error, output or workflow; no unhandled rejection', async () => {
		const capture = captures.get(suite)!();
		// Proof the key is in use here: the node, with this credential, gets an answer the key unlocks.
		const status = await runNodeOnce(suite, { resource: 'device', operation: 'getStatus' });
		expect(status.output('Blazwa')[0]?.json).toMatchObject({ status: 'connected' });

		// The capture works: a line through each path is found, so an empty scan cannot pass for a clean one.
		const canary = `canary-${randomBytes(4).toString('hex')}`;
		workflow.LoggerProxy.debug(`${canary} proxy`);
		Container.get(BackendLogger).error(`${canary} logger`);
		console.log(`${canary} console`);
		process.stdout.write(`${canary} stdout\n`);
		const captured = capture.texts.join('\n');
		for (const path of ['proxy', 'logger', 'console', 'stdout'])
			expect(captured.includes(`${canary} ${path}`), `capture through ${path}`).toBe(true);

		// The sandbox's own logs too (it redacts the key header).
		const sandboxLogs =
			render(suite.sandbox.state.requests) + render(suite.sandbox.state.deliveries);
		const everything = `${captured}\n${sandboxLogs}`;
		const found = everything.split(KEY_SECRET_PART).length - 1;
		console.log(
			`secrets: ${capture.texts.length} captured texts (${(everything.length / 1e6).toFixed(1)} MB) scanned, API key found ${found} times; ` +
				`unhandled rejections or uncaught exceptions: ${capture.crashes.length}`,
		);
		expect(found).toBe(0);
		expect(capture.crashes).toEqual([]);
	});
}

export interface SendRun extends RunResult {
	/** Items that left by the success output. */
	sent: INodeExecutionData[];
	/** Items that left by the error output. */
	failed: INodeExecutionData[];
}

/**
 * Runs `Start → Blazwa (send to number, phone and text from each item)` over `items`, by default with the error
 * output on, as a user who wants to handle failures would.
 */
export async function runSend(
	suite: Reliability,
	items: IDataObject[],
	options: { timeoutMs?: number; onError?: INode['onError'] } = {},
): Promise<SendRun> {
	const parameters = {
		resource: 'message',
		operation: 'sendToNumber',
		phoneNumber: '={{ $json.phone }}',
		message: '={{ $json.text }}',
		options: options.timeoutMs ? { timeout: options.timeoutMs } : {},
	};
	const result = await runNodeOnce(
		suite,
		parameters,
		items,
		options.onError ?? 'continueErrorOutput',
	);
	const main = result.run.data.resultData.runData.Blazwa?.[0]?.data?.main ?? [];
	return { ...result, sent: main[0] ?? [], failed: main[1] ?? [] };
}

/** One execution of `Start → Blazwa`, its exported workflow and its run kept for the secrets scan. */
async function runNodeOnce(
	suite: Reliability,
	parameters: IDataObject,
	items: IDataObject[] = [{}],
	onError: INode['onError'] = 'stopWorkflow',
): Promise<RunResult> {
	const start: INode = {
		id: 'start',
		name: 'Start',
		type: START,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const blazwa: INode = {
		id: 'blazwa-node',
		name: 'Blazwa',
		type: BLAZWA,
		typeVersion: 1,
		position: [200, 0],
		parameters: parameters as INode['parameters'],
		credentials: { blazwaApi: { id: '1', name: 'Blazwa account' } },
		onError,
	};
	const definition = {
		nodes: [start, blazwa],
		connections: { Start: { main: [[{ node: 'Blazwa', type: 'main' as const, index: 0 }]] } },
	};
	suite.keep('exported workflow', definition);
	const result = await runWorkflow(suite.harness, { ...definition, startNode: 'Start', items });
	suite.keep('run', result.run);
	return result;
}
