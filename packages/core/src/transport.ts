/**
 * How core reaches the service. Core builds the request (path, headers, form body) and reads the answer; the
 * transport only moves bytes and adds what belongs to the connection: the base URL, the `X-API-KEY` header and
 * the timeout. `@blazwa/core/undici` is the default for Node; n8n passes its own authenticated helper.
 */
export type HttpMethod = 'GET' | 'POST';

export interface TransportRequest {
  method: HttpMethod;
  /** Path below the base URL, percent-encoded, e.g. `/openapi/wa/check-number/6281234567890`. */
  path: string;
  /** `Accept`, and `Content-Type` when there is a body. */
  headers: Record<string, string>;
  /** `application/x-www-form-urlencoded` text, as the documents' samples send it. */
  body?: string;
}

export interface TransportResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string | undefined>;
  /** May be a view into a larger buffer: read it within its `byteOffset` and `byteLength`, never through `.buffer` alone. */
  body: Uint8Array;
}

export interface Transport {
  /**
   * Sends one request and resolves with whatever status the service answered. Rejects only when there is no
   * answer, preferably with `BlazwaError.timeout(…)` or `BlazwaError.network(…, { requestSent })`.
   */
  request(request: TransportRequest): Promise<TransportResponse>;
}
