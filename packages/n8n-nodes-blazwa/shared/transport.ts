import {
	answerTooLarge,
	BlazwaClient,
	BlazwaError,
	checkApiKey,
	connectionError,
	DEFAULT_TIMEOUT_MS,
	isBlazwaError,
	maxAnswerBytes,
	resolveBaseUrl,
} from '@blazwa/core';
import type { Transport, TransportRequest, TransportResponse } from '@blazwa/core';
import type {
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	IWebhookFunctions,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

export type BlazwaContext = IExecuteFunctions | IHookFunctions | IWebhookFunctions;

export { DEFAULT_TIMEOUT_MS };

/**
 * A core client whose requests go through n8n's own authenticated HTTP helper, so the instance's proxy settings,
 * SSRF rules and credential handling apply and the API key is added by n8n, never by us.
 */
export async function blazwaClient(
	context: BlazwaContext,
	timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<BlazwaClient> {
	const credentials = await context.getCredentials('blazwaApi');
	// n8n adds the key itself; a character a header cannot carry would fail there as a broken connection.
	checkApiKey(credentials.apiKey, 'the Blazwa API credential');
	const baseUrl = resolveBaseUrl(
		credentials.server as string | undefined,
		credentials.baseUrl as string | undefined,
	);
	return new BlazwaClient({
		transport: n8nTransport(context, baseUrl, timeoutMs),
		sleep,
		apiKeyLocation: 'the Blazwa API credential',
	});
}

function n8nTransport(context: BlazwaContext, baseUrl: string, timeoutMs: number): Transport {
	return {
		async request(request: TransportRequest): Promise<TransportResponse> {
			const deadline = AbortSignal.timeout(timeoutMs);
			const options: IHttpRequestOptions = {
				method: request.method,
				url: baseUrl + request.path,
				headers: request.headers,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				encoding: 'arraybuffer',
				json: false,
				timeout: timeoutMs,
			};
			if (request.body !== undefined) options.body = request.body;
			let response: IN8nHttpFullResponse;
			try {
				// axios's timeout restarts with every chunk, and n8n replaces any abortSignal with the execution's own: the
				// deadline for the whole call is a race, and a dripping answer is left to n8n's timeout in the background.
				response = (await Promise.race([
					context.helpers.httpRequestWithAuthentication.call(context, 'blazwaApi', options),
					new Promise<never>((_, reject) =>
						deadline.addEventListener('abort', () => reject(BlazwaError.timeout(timeoutMs)), {
							once: true,
						}),
					),
				])) as IN8nHttpFullResponse;
			} catch (error) {
				// Our deadline is already core's error; n8n wraps other failures in a NodeApiError, whose cause chain
				// core reads for the code. Either becomes a NodeApiError in toNodeError.
				throw isBlazwaError(error) ? error : connectionError(error, timeoutMs);
			}
			const body = toBytes(response.body);
			// n8n's helper reads an answer whole before we see it: the limit still keeps it out of the item.
			const limit = maxAnswerBytes(request);
			if (body.byteLength > limit) throw answerTooLarge(limit, response.statusCode);
			return { status: response.statusCode, headers: lowerCaseHeaders(response.headers), body };
		},
	};
}

function lowerCaseHeaders(
	headers: IN8nHttpFullResponse['headers'] | undefined,
): Record<string, string | undefined> {
	const result: Record<string, string | undefined> = {};
	for (const [name, value] of Object.entries(headers ?? {})) {
		result[name.toLowerCase()] = Array.isArray(value)
			? value.join(', ')
			: value === undefined || value === null
				? undefined
				: String(value);
	}
	return result;
}

function toBytes(body: unknown): Uint8Array {
	if (body instanceof Uint8Array) return body;
	if (body instanceof ArrayBuffer) return new Uint8Array(body);
	if (typeof body === 'string') return new TextEncoder().encode(body);
	if (body === undefined || body === null) return new Uint8Array(0);
	return new TextEncoder().encode(JSON.stringify(body));
}
