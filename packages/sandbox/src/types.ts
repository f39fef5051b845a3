/** How a sandbox starts. Every field is optional; the defaults suit a test or a first try. */
export interface SandboxOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** `127.0.0.1` by default, so nothing outside this machine can reach it. */
  host?: string;
  /** Accepted `X-API-KEY` values; default `['sandbox-api-key']`. */
  apiKeys?: string[];
  /** WhatsApp groups the device is in; default `['Staff', 'Pelanggan']`. */
  groups?: string[];
  /** `false` (the default): the device waits for a QR scan, as a fresh license does. */
  paired?: boolean;
  /** Numbers always on WhatsApp, besides well-formed Indonesian mobiles (628…). Any spelling; normalized. */
  registered?: string[];
  /** Numbers never on WhatsApp, even if well-formed. Wins over `registered`. */
  unregistered?: string[];
  /** How long an inbound delivery waits for the webhook; default 10 000 ms. */
  webhookTimeoutMs?: number;
  /** The device's own number, the `from` of sent messages; default `6280000000000`. */
  deviceNumber?: string;
  /** Whether `restart` drops the pairing (the phone must scan again); default `false`. */
  restartUnpairs?: boolean;
  /**
   * How `login-qr` answers, for testing clients against every kind of service: `image` (the default) honours
   * `responseAs`; `base64` always answers JSON with the PNG as bare base64 in `qr_string`; `text` always answers
   * JSON whose `qr_string` is the text the QR encodes, which the client must draw itself.
   */
  qrAs?: QrAs;
  /**
   * Milliseconds between two login QR codes while unpaired, as WhatsApp's linking code rotates (every 20 s or so);
   * each code is new and scannable. 0 (the default) keeps one code until a pairing ends.
   */
  qrRotateMs?: number;
  /**
   * A status word `status` answers whatever the pairing (`ready`, `loading`…), for testing a client against a service
   * in a state the documents do not list. `null` (the default): `qr` or `connected`.
   */
  statusAs?: string | null;
}

/** See {@link SandboxOptions.qrAs}. */
export type QrAs = 'image' | 'base64' | 'text';

/** One sent message, as the sandbox recorded it. */
export interface OutboxEntry {
  id: string;
  kind: 'number' | 'group';
  /** The normalized phone number, or the group's name. */
  to: string;
  groupName?: string;
  body: string;
  media_url: string | null;
  /** `YYYY-MM-DD HH:mm:ss`, Asia/Jakarta time (as the service's own clock would say). */
  created_at: string;
  /** Epoch milliseconds. */
  at: number;
}

/** One attempt to POST an inbound message to the webhook. */
export interface Delivery {
  url: string;
  /** The webhook's HTTP status, when it answered. */
  status?: number;
  latencyMs: number;
  /** Why the delivery failed (no answer, timeout, non-2xx); absent when it succeeded. */
  error?: string;
  /** The JSON that was POSTed. */
  body: unknown;
  /** The start of the webhook's answer, for a person debugging a flow. */
  response?: string;
  at: number;
}

/** One request to the API (not the control endpoints). */
export interface RequestLogEntry {
  method: string;
  path: string;
  /** The operation it reached (`message`, `status`, …), when it matched one. */
  operation?: string;
  /** The status answered; 0 when the connection was dropped on purpose, 499 when the client gave up first. */
  status: number;
  body: unknown;
  /** Request headers, with `x-api-key` and `authorization` redacted. */
  headers: Record<string, string>;
  /** When the request arrived, in milliseconds since the epoch (the entry itself is written at the answer). */
  at: number;
}

/** API operation names as they appear in the path. */
export type ApiOperation = 'restart' | 'status' | 'login-qr' | 'check-number' | 'message' | 'message-group' | 'webhook' | 'webhook/reset';

/**
 * Misbehaviour for the next `count` API requests (matching `operations`, default all). Order of effects: a
 * `drop` or a `status` happens before the request is processed (nothing sent, nothing recorded); a `delayMs`
 * alone processes the request first and answers late; `dropAfterProcessing` processes it, then drops the
 * connection without answering.
 */
export interface FaultSpec {
  status?: 500 | 502 | 503 | 504 | 429;
  /** For 429 (and any status): the `Retry-After` header, in seconds. 429 defaults to 1. */
  retryAfterSeconds?: number;
  delayMs?: number;
  drop?: boolean;
  dropAfterProcessing?: boolean;
  /** How many requests it applies to; default 1. */
  count?: number;
  /** `message`, `message-group`, `status`, … (core's names like `sendMessage` work too); default all. */
  operations?: string[];
}

export interface QueuedFault extends Omit<FaultSpec, 'operations' | 'count'> {
  operations?: ApiOperation[];
  /** Requests it still applies to. */
  remaining: number;
}

/** A live, read-only view of the sandbox. The arrays are the sandbox's own: they grow as things happen. */
export interface SandboxState {
  readonly paired: boolean;
  readonly webhook: string | null;
  /** The text the current login QR encodes (it changes with `qrRotateMs` and on unpair). */
  readonly qrText: string;
  /** How many login QR codes the device has shown, the first one included. */
  readonly qrIssued: number;
  readonly outbox: readonly OutboxEntry[];
  readonly deliveries: readonly Delivery[];
  readonly requests: readonly RequestLogEntry[];
  readonly faults: readonly QueuedFault[];
}

export interface InboundInput extends Record<string, unknown> {
  from: string;
  message: string;
}

export interface Sandbox {
  /** The Blazwa base URL, e.g. `http://127.0.0.1:41234`; `${url}/backend` works too (Kasirpintar style). */
  url: string;
  /** The first accepted API key. */
  apiKey: string;
  close(): Promise<void>;
  state: SandboxState;
  /** What scanning the QR with the phone does. */
  pair(): void;
  unpair(): void;
  /** POSTs `{ from, message, … }` as JSON to the registered webhook; throws when none is set. */
  inject(message: InboundInput): Promise<Delivery>;
  fault(spec: FaultSpec): void;
  /** Clears outbox, deliveries, requests and faults; keeps keys, groups, pairing and the webhook. */
  reset(): void;
}
