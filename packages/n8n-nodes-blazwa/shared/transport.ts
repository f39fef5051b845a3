import { BlazwaClient, BlazwaError, resolveBaseUrl } from '@blazwa/core';
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

export const DEFAULT_TIMEOUT_MS = 30_000;

/** Error codes that mean the connection never opened, so nothing can have reached the service. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT']);
/**
 * Words instead of the codes: n8n's NodeApiError swaps any message containing `ECONNREFUSED` & co. for its own
 * generic sentence, which would lose our advice on what to check.
 */
const CODE_WORDS: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ENOTFOUND: 'host name not found',
	EAI_AGAIN: 'host name lookup failed',
	EHOSTUNREACH: 'host unreachable',
	ENETUNREACH: 'network unreachable',
	ECONNRESET: 'connection closed by the server',
	EPIPE: 'connection closed by the server',
};

/**
 * A core client whose requests go through n8n's own authenticated HTTP helper, so the instance's proxy settings,
 * SSRF rules and credential handling apply and the API key is added by n8n, never by us.
 */
export async function blazwaClient(context: BlazwaContext, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<BlazwaClient> {
	const credentials = await context.getCredentials('blazwaApi');
	const baseUrl = resolveBaseUrl(credentials.server as string | undefined, credentials.baseUrl as string | undefined);
	return new BlazwaClient({ transport: n8nTransport(context, baseUrl, timeoutMs), sleep });
}

function n8nTransport(context: BlazwaContext, baseUrl: string, timeoutMs: number): Transport {
	return {
		async request(request: TransportRequest): Promise<TransportResponse> {
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
				response = (await context.helpers.httpRequestWithAuthentication.call(
					context,
					'blazwaApi',
					options,
				)) as IN8nHttpFullResponse;
			} catch (error) {
				throw connectionError(error, timeoutMs);
			}
			return { status: response.statusCode, headers: lowerCaseHeaders(response.headers), body: toBytes(response.body) };
		},
	};
}

/** n8n wraps the connection failure in a NodeApiError; its code is somewhere down the cause chain. */
function connectionError(error: unknown, timeoutMs: number): BlazwaError {
	const code = findCode(error);
	if (code === 'ERR_CANCELED') {
		return BlazwaError.cancelled('Stopped: the execution was stopped while waiting for the Blazwa server');
	}
	if (code !== undefined && TIMEOUT_CODES.has(code)) return BlazwaError.timeout(timeoutMs, { cause: error });
	const detail = (code === undefined ? undefined : CODE_WORDS[code]) ?? 'connection failed';
	return BlazwaError.network(detail, { requestSent: code === undefined || !NOT_SENT_CODES.has(code), cause: error });
}

function findCode(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 6 && typeof current === 'object' && current !== null; depth++) {
		const { code, cause } = current as { code?: unknown; cause?: unknown };
		if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
		current = cause;
	}
	const text = error instanceof Error ? error.message : '';
	return /\b(E[A-Z]{4,})\b/.exec(text)?.[1];
}

function lowerCaseHeaders(headers: IN8nHttpFullResponse['headers'] | undefined): Record<string, string | undefined> {
	const result: Record<string, string | undefined> = {};
	for (const [name, value] of Object.entries(headers ?? {})) {
		result[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value === undefined || value === null ? undefined : String(value);
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
