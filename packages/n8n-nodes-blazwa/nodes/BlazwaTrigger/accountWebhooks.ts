import { createHash } from 'node:crypto';

/**
 * Who holds each account's one webhook, in this n8n process. The service keeps a single URL per account and cannot
 * tell us which, so every Blazwa Trigger of the instance consults this before it sets or resets it. n8n registers
 * production and test webhooks on its main process (also in queue mode), so one process sees every registration.
 */

/** A Blazwa Trigger node in a workflow. */
export interface TriggerRef {
	workflowId: string;
	workflowName: string;
	nodeName: string;
}

/** A trigger and the URL (secret included) it registered. */
export interface Holder extends TriggerRef {
	url: string;
}

interface AccountWebhook {
	/** The published workflow that receives the account's messages. */
	live?: Holder;
	/** A "Listen for test event" that borrowed the webhook; when it ends, the webhook goes back to `live`. */
	test?: Holder;
}

const accounts = new Map<string, AccountWebhook>();

/** One account = one server and API key, whichever credential holds them. The key is hashed, never kept. */
export function accountKey(baseUrl: string, apiKey: string): string {
	return createHash('sha256').update(`${baseUrl}\n${apiKey}`).digest('hex');
}

export function sameTrigger(a: TriggerRef, b: TriggerRef): boolean {
	return a.workflowId === b.workflowId && a.nodeName === b.nodeName;
}

/** The published trigger that receives this account's messages, if any. */
export function liveHolder(account: string): Holder | undefined {
	return accounts.get(account)?.live;
}

export function testHolder(account: string): Holder | undefined {
	return accounts.get(account)?.test;
}

export function hold(account: string, role: keyof AccountWebhook, holder: Holder): void {
	const entry = accounts.get(account) ?? {};
	entry[role] = holder;
	accounts.set(account, entry);
}

/** Lets go of the role if `trigger` holds it; says whether it did. */
export function release(account: string, role: keyof AccountWebhook, trigger: TriggerRef): boolean {
	const entry = accounts.get(account);
	const holder = entry?.[role];
	if (!entry || !holder || !sameTrigger(holder, trigger)) return false;
	delete entry[role];
	if (!entry.live && !entry.test) accounts.delete(account);
	return true;
}
