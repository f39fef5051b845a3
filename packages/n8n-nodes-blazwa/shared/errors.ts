import { isBlazwaError } from '@blazwa/core';
import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

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
	if (error.kind === 'input') {
		return new NodeOperationError(node, error.message, {
			itemIndex,
			description: `Check the '${error.field ?? 'input'}' field`,
		});
	}
	const details: JsonObject = { kind: error.kind, message: error.message };
	if (error.status !== undefined) details.httpCode = String(error.status);
	if (error.operation !== undefined) details.operation = error.operation;
	if (error.errors !== undefined) details.errors = error.errors;
	return new NodeApiError(node, details, {
		message: error.message,
		...(error.status === undefined ? {} : { httpCode: String(error.status) }),
		...(itemIndex === undefined ? {} : { itemIndex }),
	});
}
