import { createPacer } from '@blazwa/core';
import type { Pacer, PacerLane } from '@blazwa/core';
import { sleep } from 'n8n-workflow';

import { DEFAULT_MIN_INTERVAL_SECONDS } from './pace-defaults';

interface AccountPacer {
	intervalMs: number;
	pacer: Pacer;
}

/**
 * One pacer per credential for the whole n8n process: module state, so every execution and every Blazwa node
 * of a workflow takes its turn on the same queue. Not on `globalThis`: n8n's verification rules forbid it, and
 * n8n loads one copy of a community package per process, so this module is already the only one.
 */
const pacers = new Map<string, AccountPacer>();

/**
 * A lane on the account's pacer, for one node run: it keeps the account's order and pace with every other run,
 * and closing it (the execution was stopped) drops only this run's waiting messages.
 */
export function accountLane(credentialKey: string, intervalMs: number): PacerLane {
	const interval = Math.max(0, intervalMs);
	let entry = pacers.get(credentialKey);
	// A changed interval in the credential takes effect from the next run; the old queue drains at its own pace.
	if (entry?.intervalMs !== interval) {
		entry = {
			intervalMs: interval,
			// From the end of the previous send: many executions share n8n's event loop, and a request it puts on
			// the wire late must still arrive a whole interval after the one before.
			pacer: createPacer({
				minIntervalMs: interval,
				sleep,
				now: () => Date.now(),
				spaceFrom: 'end',
			}),
		};
		pacers.set(credentialKey, entry);
	}
	return entry.pacer.lane();
}

/** The credential's pace in milliseconds: its field in seconds, the default where it is missing (older credentials). */
export function credentialIntervalMs(value: unknown): number {
	if (value === undefined || value === null || value === '')
		return DEFAULT_MIN_INTERVAL_SECONDS * 1000;
	const seconds = Number(value);
	return Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1000) : 0;
}
