/**
 * What went wrong, in the words a flow author can act on.
 *
 * - `input`: what was given to us is unusable (no digits in a phone number, no message); nothing was sent.
 * - `validation`: the service answered 400 (its `errors[]` lines are in `errors` and in the message).
 * - `unauthorized`: the service answered 401: the API key is missing or wrong.
 * - `server`: the service failed (500, 502, 503, 429 and other unexpected statuses).
 * - `timeout`: no answer in time, from our side (client timeout) or the service's (504).
 * - `network`: no connection, or it broke before an answer arrived.
 * - `protocol`: an answer we cannot read (not JSON, a required field missing, a 404 from a wrong base URL).
 * - `cancelled`: a queued send was dropped before it was sent, because its node or workflow stopped.
 */
export type BlazwaErrorKind = 'input' | 'validation' | 'unauthorized' | 'server' | 'timeout' | 'network' | 'protocol' | 'cancelled';

/**
 * Whether the failed call may still have taken effect, for a flow to branch on without reading English.
 *
 * - `not-sent`: provably nothing happened: the input was refused before sending, the service refused the request
 *   (400, 401, 403, no API at that address: 404/405), the connection never opened, or a queued send was dropped
 *   before its turn. Sending it again (fixed) cannot make a duplicate.
 * - `unknown`: the request reached the service and no answer says it was refused: a 5xx, a 429, a timeout, a
 *   dropped connection, an unreadable 200. A message may have been sent: check the chat before sending it again.
 */
export type BlazwaErrorOutcome = 'not-sent' | 'unknown';

export interface BlazwaErrorOptions {
  kind: BlazwaErrorKind;
  message: string;
  /** HTTP status of the service's answer, when there was one. */
  status?: number;
  /** The `code` field of the service's answer, when it had one. */
  code?: unknown;
  /** The `errors[]` lines of a 400 answer. */
  errors?: string[];
  /** Whether trying the same call again later may succeed. */
  retryable?: boolean;
  /** The input field at fault, for `input` errors (`phoneNumber`, `imageUrl`, …). */
  field?: string;
  /** The client method that failed (`sendMessage`, `status`, …). */
  operation?: string;
  /**
   * For `network` and `timeout` errors: `false` only when the request provably never reached the service (the
   * connection was refused before a byte was written), which is the one case where a send may be retried.
   */
  requestSent?: boolean;
  /** Milliseconds the service asked us to wait (`Retry-After`). */
  retryAfterMs?: number;
  /** Defaults from `kind`, `status` and `requestSent` (see {@link BlazwaErrorOutcome}). */
  outcome?: BlazwaErrorOutcome;
  cause?: unknown;
}

/** Statuses by which the service says it refused the request, so it did nothing. */
const REFUSED_STATUSES = new Set([400, 401, 403, 404, 405]);

function defaultOutcome(options: BlazwaErrorOptions): BlazwaErrorOutcome {
  if (options.kind === 'input' || options.requestSent === false) return 'not-sent';
  if (options.status !== undefined && REFUSED_STATUSES.has(options.status)) return 'not-sent';
  return 'unknown';
}

/** The calls whose effect a failure may hide: their status label says so. */
const SENDS = new Set(['sendMessage', 'sendGroupMessage']);

/** The one error type every core call throws. Its message and fields never contain the API key. */
export class BlazwaError extends Error {
  override readonly name = 'BlazwaError';
  readonly kind: BlazwaErrorKind;
  readonly status?: number;
  readonly code?: unknown;
  readonly errors?: string[];
  readonly retryable: boolean;
  readonly field?: string;
  readonly operation?: string;
  readonly requestSent?: boolean;
  readonly retryAfterMs?: number;
  readonly outcome: BlazwaErrorOutcome;

  constructor(options: BlazwaErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.kind = options.kind;
    this.retryable = options.retryable ?? false;
    this.outcome = options.outcome ?? defaultOutcome(options);
    if (options.status !== undefined) this.status = options.status;
    if (options.code !== undefined) this.code = options.code;
    if (options.errors !== undefined) this.errors = options.errors;
    if (options.field !== undefined) this.field = options.field;
    if (options.operation !== undefined) this.operation = options.operation;
    if (options.requestSent !== undefined) this.requestSent = options.requestSent;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }

  /** A send whose answer never came: the message may have gone out, so sending it again may send it twice. */
  get mayHaveBeenSent(): boolean {
    return this.outcome === 'unknown' && this.operation !== undefined && SENDS.has(this.operation);
  }

  /** A few words for a node's status line: `invalid phoneNumber`, `401 unauthorized`, `timeout`. */
  get shortReason(): string {
    switch (this.kind) {
      case 'input':
        return this.field ? `invalid ${this.field}` : 'invalid input';
      case 'unauthorized':
        return '401 unauthorized';
      case 'validation':
        return '400 rejected';
      case 'timeout': {
        const label = this.status ? `${this.status} timeout` : 'timeout';
        return this.mayHaveBeenSent ? `${label}, may be sent` : label;
      }
      case 'server':
        return this.status === 429 ? '429 too many requests' : `${this.status ?? ''} server error`.trim();
      case 'network':
        return 'no connection';
      case 'protocol':
        return this.status && this.status !== 200 ? `${this.status} unexpected` : 'bad answer';
      case 'cancelled':
        return 'cancelled';
    }
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      kind: this.kind,
      message: this.message,
      status: this.status,
      code: this.code,
      errors: this.errors,
      retryable: this.retryable,
      outcome: this.outcome,
      field: this.field,
      operation: this.operation,
      requestSent: this.requestSent,
    };
  }

  static input(field: string, message: string): BlazwaError {
    return new BlazwaError({ kind: 'input', field, message, outcome: 'not-sent' });
  }

  /** For transports: the service did not answer within `timeoutMs`. */
  static timeout(timeoutMs: number, options: { requestSent?: boolean; cause?: unknown } = {}): BlazwaError {
    return new BlazwaError({
      kind: 'timeout',
      message: `No answer from the Blazwa server within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}: the server is slow or unreachable; try again later or raise the timeout`,
      retryable: true,
      requestSent: options.requestSent ?? true,
      cause: options.cause,
    });
  }

  /**
   * For transports: the connection failed. Pass `requestSent: false` only when nothing can have reached the
   * server (connection refused, host not found), since that allows a send to be retried.
   */
  static network(detail: string, options: { requestSent: boolean; cause?: unknown }): BlazwaError {
    return new BlazwaError({
      kind: 'network',
      // Only a connection that never opened points at the address or the network; one that broke was reached.
      message: options.requestSent
        ? `The Blazwa server did not answer (${detail}): try again later`
        : `Cannot reach the Blazwa server (${detail}): check the server address and this machine's network`,
      retryable: true,
      requestSent: options.requestSent,
      cause: options.cause,
    });
  }

  /** A call dropped by its caller: `not-sent` for one dropped from a queue before its turn (the default). */
  static cancelled(message: string, outcome: BlazwaErrorOutcome = 'not-sent'): BlazwaError {
    return new BlazwaError({ kind: 'cancelled', message, outcome });
  }
}

/** True for a BlazwaError, also one thrown by another bundled copy of core (each adapter bundles its own). */
export function isBlazwaError(value: unknown): value is BlazwaError {
  return (
    value instanceof BlazwaError || (value instanceof Error && value.name === 'BlazwaError' && typeof (value as { kind?: unknown }).kind === 'string')
  );
}
