import { resolveBaseUrl } from '@blazwa/core';
import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { toNodeError } from '../../shared/errors';
import { blazwaClient } from '../../shared/transport';
import {
	accountKey,
	hold,
	liveHolder,
	release,
	sameTrigger,
	testHolder,
	type TriggerRef,
} from './accountWebhooks';
import { newSecret } from './secret';

/** What this node registered with the service, kept in the workflow's static data. */
interface Registration extends IDataObject {
	/** This node's webhook URL, without the secret. */
	webhookUrl?: string;
	secret?: string;
	/** Registered by "Listen for test event" (n8n keeps a test's static data apart from the published one's). */
	test?: boolean;
}

function registrationOf(context: IHookFunctions): Registration {
	return context.getWorkflowStaticData('node') as Registration;
}

function triggerOf(context: IHookFunctions): TriggerRef {
	const workflow = context.getWorkflow();
	return {
		workflowId: workflow.id ?? '',
		workflowName: workflow.name ?? workflow.id ?? '',
		nodeName: context.getNode().name,
	};
}

async function accountOf(context: IHookFunctions): Promise<string> {
	const credentials = await context.getCredentials('blazwaApi');
	try {
		return accountKey(
			resolveBaseUrl(
				credentials.server as string | undefined,
				credentials.baseUrl as string | undefined,
			),
			String(credentials.apiKey ?? ''),
		);
	} catch (error) {
		throw toNodeError(context.getNode(), error);
	}
}

function withSecret(webhookUrl: string, secret: string): string {
	const url = new URL(webhookUrl);
	url.searchParams.set('secret', secret);
	return url.toString();
}

/** Points the account's webhook at `url`, or resets it when `url` is null. */
async function setAccountWebhook(context: IHookFunctions, url: string | null): Promise<void> {
	const client = await blazwaClient(context);
	if (url === null) await client.resetWebhook();
	else await client.setWebhook(url);
}

function takenError(context: IHookFunctions, holder: TriggerRef): NodeOperationError {
	const me = triggerOf(context);
	const who =
		holder.workflowId === me.workflowId
			? `The node '${holder.nodeName}' of this workflow`
			: `Workflow '${holder.workflowName}'`;
	return new NodeOperationError(
		context.getNode(),
		`${who} already receives this account's messages: unpublish it first`,
		{
			description:
				'Blazwa keeps one webhook per account, so one published Blazwa Trigger per account can receive its messages. Branch inside that workflow (IF or Switch) to handle different messages differently, or use another Blazwa account.',
		},
	);
}

export const webhookMethods = {
	default: {
		// The service cannot be asked which URL it holds, so a trigger registers again on every activation: a
		// webhook changed meanwhile (dashboard, Webhook → Set) is repaired instead of trusted.
		async checkExists(this: IHookFunctions): Promise<boolean> {
			const registration = registrationOf(this);
			if (registration.webhookUrl !== this.getNodeWebhookUrl('default')) {
				delete registration.webhookUrl;
				delete registration.secret;
				delete registration.test;
			}
			return false;
		},

		async create(this: IHookFunctions): Promise<boolean> {
			const webhookUrl = this.getNodeWebhookUrl('default') as string;
			const test = this.getMode() === 'manual';
			const account = await accountOf(this);
			const me = triggerOf(this);
			const live = liveHolder(account);
			if (!test && live && !sameTrigger(live, me)) throw takenError(this, live);

			const registration = registrationOf(this);
			// Keeping the secret across re-registrations lets deliveries already on their way still be accepted.
			const secret =
				registration.webhookUrl === webhookUrl && registration.secret
					? registration.secret
					: newSecret();
			const holder = { ...me, url: withSecret(webhookUrl, secret) };
			// Claimed before the request so a second activation running at the same time is refused, not raced.
			const previous = test ? testHolder(account) : live;
			hold(account, test ? 'test' : 'live', holder);
			try {
				await setAccountWebhook(this, holder.url);
			} catch (error) {
				if (previous) hold(account, test ? 'test' : 'live', previous);
				else release(account, test ? 'test' : 'live', me);
				throw toNodeError(this.getNode(), error);
			}
			registration.webhookUrl = webhookUrl;
			registration.secret = secret;
			if (test) registration.test = true;
			else delete registration.test;
			return true;
		},

		async delete(this: IHookFunctions): Promise<boolean> {
			const registration = registrationOf(this);
			// Registered nothing: the account's webhook belongs to someone else.
			if (registration.webhookUrl === undefined) return true;
			const account = await accountOf(this);
			const me = triggerOf(this);
			const test = registration.test === true;

			// What the account's webhook should be once this registration ends; undefined: leave it as it is.
			let next: string | null | undefined;
			if (test) {
				// A later test (of another workflow) holds it now: that one puts it back when it ends.
				const wasHolding = release(account, 'test', me);
				next = wasHolding ? (liveHolder(account)?.url ?? null) : undefined;
			} else {
				const live = liveHolder(account);
				if (live && !sameTrigger(live, me)) {
					next = undefined;
				} else {
					// Let go whatever the service answers: the workflow stops receiving either way.
					release(account, 'live', me);
					// A test listening right now holds the webhook; when it ends it resets it.
					next = testHolder(account) ? undefined : null;
				}
			}

			if (next !== undefined) {
				try {
					await setAccountWebhook(this, next);
				} catch (error) {
					this.logger.warn(
						`Blazwa Trigger: could not ${next === null ? 'reset' : 'restore'} the webhook: ${error instanceof Error ? error.message : String(error)}`,
					);
					return false;
				}
			}
			delete registration.webhookUrl;
			delete registration.secret;
			delete registration.test;
			return true;
		},
	},
};
