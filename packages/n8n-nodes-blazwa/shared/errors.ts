import { isBlazwaError } from '@blazwa/core';
import type { BlazwaError } from '@blazwa/core';
import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/**
 * What a workflow can branch on without reading English, on every error this package raises (in the error's
 * `context.blazwa`, and in the `details` of an error item): `outcome` (`not-sent`, or `unknown` when a message may
 * have been sent), `kind`, `retryable`, and `httpCode` when the service answered.
 */
export interface BlazwaErrorDetails extends IDataObject {
	kind: BlazwaError['kind'];
	outcome: BlazwaError['outcome'];
	retryable: boolean;
	httpCode?: string;
	field?: string;
	operation?: string;
}

/**
 * The n8n error for a failure: what the user gave us is wrong → NodeOperationError; the service or the network
 * failed → NodeApiError with the HTTP status. Core's message already says what to fix and never holds the key.
 */
export function toNodeError(
	node: INode,
	error: unknown,
	itemIndex?: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (!isBlazwaError(error)) {
		return new NodeOperationError(node, error instanceof Error ? error : String(error), {
			itemIndex,
		});
	}
	const details = blazwaDetails(error);
	if (error.kind === 'input') {
		const inputError = new NodeOperationError(node, error.message, {
			itemIndex,
			description: `Check the '${error.field ?? 'input'}' field`,
		});
		inputError.context.blazwa = details;
		return inputError;
	}
	const response: JsonObject = { ...details, message: error.message };
	if (error.errors !== undefined) response.errors = error.errors;
	const apiError = new NodeApiError(node, response, {
		message: error.message,
		...(error.status === undefined ? {} : { httpCode: String(error.status) }),
		...(itemIndex === undefined ? {} : { itemIndex }),
	});
	apiError.context.blazwa = details;
	return apiError;
}

/** The `details` of an error item (Continue On Fail): the fields of {@link BlazwaErrorDetails}. */
export function errorItemDetails(
	error: NodeApiError | NodeOperationError,
): IDataObject | undefined {
	const details = error.context?.blazwa as IDataObject | undefined;
	if (details) return details;
	return error instanceof NodeApiError && error.httpCode ? { httpCode: error.httpCode } : undefined;
}

function blazwaDetails(error: BlazwaError): BlazwaErrorDetails {
	const details: BlazwaErrorDetails = {
		kind: error.kind,
		outcome: error.outcome,
		retryable: error.retryable,
	};
	if (error.status !== undefined) details.httpCode = String(error.status);
	if (error.field !== undefined) details.field = error.field;
	if (error.operation !== undefined) details.operation = error.operation;
	return details;
}
