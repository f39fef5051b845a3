import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError, WAIT_INDEFINITELY } from 'n8n-workflow';

const UNIT_MS: Record<string, number> = {
	seconds: 1000,
	minutes: 60_000,
	hours: 3_600_000,
	days: 86_400_000,
};

/**
 * Until when the execution waits for an answer: forever unless Limit Wait Time is set. When the limit passes, n8n
 * resumes the execution and the node hands on its input items, as n8n's own send-and-wait nodes do.
 */
export function waitTill(context: IExecuteFunctions): Date {
	const limit = context.getNodeParameter('options.limitWaitTime.values', 0, {}) as IDataObject;
	if (Object.keys(limit).length === 0) return WAIT_INDEFINITELY;
	let until: Date;
	if (limit.limitType === 'atSpecifiedTime') {
		until = new Date(String(limit.maxDateAndTime ?? ''));
	} else {
		const amount = Number(limit.resumeAmount ?? 1);
		const unit = UNIT_MS[String(limit.resumeUnit ?? 'hours')];
		until = new Date(Date.now() + (unit === undefined || amount < 0 ? NaN : amount * unit));
	}
	if (Number.isNaN(until.getTime())) {
		throw new NodeOperationError(context.getNode(), 'Could not configure Limit Wait Time', {
			description:
				'Give a number of seconds, minutes, hours or days of 0 or more, or a date and time such as 2026-12-31T17:00',
		});
	}
	return until;
}
