import { createHash, randomUUID } from 'node:crypto';

import type { IDataObject, IExecuteFunctions, IWorkflowExecutionCustomData } from 'n8n-workflow';

/** How long a sent message is remembered, and how many: enough for a retry the same day, bounded in memory. */
export const LEDGER_TTL_MS = 24 * 60 * 60 * 1000;
export const LEDGER_MAX_ENTRIES = 20_000;

/**
 * The execution custom data key that names a run's ledger. n8n keeps custom data in the execution's data, so
 * Retry On Fail (the same execution) and a Retry from the Executions list (a new execution started from the
 * failed one's data) find the same name, while any new run of the workflow starts without it.
 */
export const LEDGER_CUSTOM_DATA_KEY = 'blazwaSendLedger';

/** What a send returned, kept to answer a retry of it; never the credential or the key. */
interface Entry {
	json: string;
	expires: number;
}

export interface SendLedgerOptions {
	ttlMs?: number;
	maxEntries?: number;
	now?: () => number;
}

/**
 * The messages this process has sent, by what identifies one send (see {@link sendKey}). Oldest first, so the
 * first entries are the ones to drop when it is full.
 */
export class SendLedger {
	private readonly entries = new Map<string, Entry>();
	private readonly ttlMs: number;
	private readonly maxEntries: number;
	private readonly now: () => number;

	constructor(options: SendLedgerOptions = {}) {
		this.ttlMs = options.ttlMs ?? LEDGER_TTL_MS;
		this.maxEntries = options.maxEntries ?? LEDGER_MAX_ENTRIES;
		this.now = options.now ?? (() => Date.now());
	}

	get size(): number {
		return this.entries.size;
	}

	/** The earlier result of this send (a copy the caller may change), or undefined if it was not sent. */
	get(key: string): IDataObject | undefined {
		const entry = this.entries.get(key);
		if (!entry) return undefined;
		if (entry.expires <= this.now()) {
			this.entries.delete(key);
			return undefined;
		}
		return JSON.parse(entry.json) as IDataObject;
	}

	record(key: string, json: IDataObject): void {
		this.entries.delete(key);
		this.entries.set(key, { json: JSON.stringify(json), expires: this.now() + this.ttlMs });
		this.prune();
	}

	private prune(): void {
		const now = this.now();
		for (const [key, entry] of this.entries) {
			if (this.entries.size <= this.maxEntries && entry.expires > now) break;
			this.entries.delete(key);
		}
	}
}

/** The process's ledger, shared by every execution (module state, like the account pacers). */
export const sendLedger = new SendLedger();

/**
 * The name of this run's ledger: read from the execution's custom data, or made and stored there on the first
 * send. Where n8n refuses one more custom data key (it keeps 10), the execution id still covers Retry On Fail.
 */
export function ledgerScope(context: IExecuteFunctions): string {
	const fallback = `execution:${context.getExecutionId()}`;
	try {
		// n8n 1.x offers custom data to expressions only ($execution.customData); 2.x to nodes as well.
		const customData =
			(context.customData as IWorkflowExecutionCustomData | undefined) ??
			(context.getWorkflowDataProxy(0).$execution as { customData?: IWorkflowExecutionCustomData })
				.customData;
		if (!customData) return fallback;
		const existing = customData.get(LEDGER_CUSTOM_DATA_KEY) as string | undefined;
		if (existing) return existing;
		customData.set(LEDGER_CUSTOM_DATA_KEY, randomUUID());
		return (customData.get(LEDGER_CUSTOM_DATA_KEY) as string | undefined) ?? fallback;
	} catch {
		// A context without execution data (n8n throws on customData there) has no execution Retry to recognise.
		return fallback;
	}
}

/**
 * Which run of the node this is within the execution (a loop or an AI agent runs it more than once). Retry On Fail
 * and an execution Retry repeat the failed run under its own index, so it tells them from a later run.
 */
export function nodeRunIndex(context: IExecuteFunctions): number {
	try {
		return Number(context.getWorkflowDataProxy(0).$runIndex) || 0;
	} catch {
		return 0;
	}
}

/**
 * One send: which run (scope), which node and which run of it, which item, and what it sends to whom from which
 * credential. A changed message, number or account is a new send; the same item of the same run is the one sent
 * before.
 */
export function sendKey(parts: {
	scope: string;
	nodeId: string;
	runIndex: number;
	itemIndex: number;
	credential: string;
	operation: string;
	fields: Record<string, string>;
}): string {
	const digest = createHash('sha256')
		.update(JSON.stringify([parts.credential, parts.operation, parts.fields]))
		.digest('base64url');
	return `${parts.scope}|${parts.nodeId}|${parts.runIndex}|${parts.itemIndex}|${digest}`;
}
