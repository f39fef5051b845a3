import { createDirectory, type Directory } from './directory.js';
import { toQueuedFault } from './faults.js';
import { newMessageId } from './ids.js';
import { newQrText } from './qr.js';
import { jakartaTimestamp } from './time.js';
import type { Delivery, FaultSpec, OutboxEntry, QrAs, QueuedFault, RequestLogEntry, SandboxOptions, SandboxState } from './types.js';

export const DEFAULTS = {
  apiKeys: ['sandbox-api-key'],
  groups: ['Staff', 'Pelanggan'],
  deviceNumber: '6280000000000',
  webhookTimeoutMs: 10_000,
} as const;

const LOG_LIMIT = 1000;

/** Everything the sandbox remembers, and the few ways it changes. */
export class Store {
  readonly apiKeys: readonly string[];
  readonly groups: readonly string[];
  readonly deviceNumber: string;
  readonly directory: Directory;
  webhookTimeoutMs: number;
  restartUnpairs: boolean;
  qrAs: QrAs;
  /** How often the login QR changes while unpaired, as WhatsApp's does; 0 keeps one code until a pairing ends. */
  qrRotateMs: number;
  /** The word `status` answers instead of `qr`/`connected`, for a service in a state the documents do not list. */
  statusAs: string | null;
  paired: boolean;
  webhook: string | null = null;
  #qrIssued = 1;
  #qrText = newQrText();
  #qrShownAt = Date.now();
  readonly outbox: OutboxEntry[] = [];
  readonly deliveries: Delivery[] = [];
  readonly requests: RequestLogEntry[] = [];
  readonly faults: QueuedFault[] = [];
  /** Wakes the console page's live view. */
  version = 0;

  constructor(options: SandboxOptions = {}) {
    this.apiKeys = nonEmptyList(options.apiKeys, 'apiKeys') ?? DEFAULTS.apiKeys;
    this.groups = nonEmptyList(options.groups, 'groups') ?? DEFAULTS.groups;
    this.deviceNumber = options.deviceNumber ?? DEFAULTS.deviceNumber;
    this.directory = createDirectory(options.registered, options.unregistered);
    this.webhookTimeoutMs = options.webhookTimeoutMs ?? DEFAULTS.webhookTimeoutMs;
    this.restartUnpairs = options.restartUnpairs ?? false;
    this.qrAs = qrAsOf(options.qrAs ?? 'image');
    this.qrRotateMs = qrRotateMsOf(options.qrRotateMs ?? 0);
    this.statusAs = statusAsOf(options.statusAs ?? null);
    this.paired = options.paired ?? false;
  }

  /**
   * The text the login QR encodes now. With rotation on, a new code replaces the old one every `qrRotateMs` on a
   * fixed schedule (worked out when asked, so no timer outlives the sandbox).
   */
  get qrText(): string {
    this.#rotateIfDue();
    return this.#qrText;
  }

  /** How many codes the device has shown, the first one included. */
  get qrIssued(): number {
    this.#rotateIfDue();
    return this.#qrIssued;
  }

  #rotateIfDue(): void {
    const now = Date.now();
    if (this.qrRotateMs > 0 && now - this.#qrShownAt >= this.qrRotateMs) {
      this.#qrShownAt += Math.floor((now - this.#qrShownAt) / this.qrRotateMs) * this.qrRotateMs;
      this.#newQr();
    }
  }

  #newQr(): void {
    this.#qrText = newQrText();
    this.#qrIssued += 1;
    this.changed();
  }

  /** What `status` answers. */
  get status(): string {
    return this.statusAs ?? (this.paired ? 'connected' : 'qr');
  }

  pair(): void {
    this.paired = true;
    this.changed();
  }

  unpair(): void {
    this.paired = false;
    // A new session shows a new code, as WhatsApp does.
    this.#qrShownAt = Date.now();
    this.#newQr();
  }

  /** The group as configured, matched without regard to case or surrounding spaces. */
  findGroup(name: string): string | undefined {
    const wanted = name.trim().toLowerCase();
    return this.groups.find((group) => group.trim().toLowerCase() === wanted);
  }

  record(entry: Omit<OutboxEntry, 'id' | 'created_at' | 'at'>): OutboxEntry {
    const at = Date.now();
    const sent: OutboxEntry = { id: newMessageId(), ...entry, created_at: jakartaTimestamp(at), at };
    this.outbox.push(sent);
    this.changed();
    return sent;
  }

  logRequest(entry: RequestLogEntry): void {
    this.requests.push(entry);
    if (this.requests.length > LOG_LIMIT) this.requests.splice(0, this.requests.length - LOG_LIMIT);
    this.changed();
  }

  logDelivery(delivery: Delivery): void {
    this.deliveries.push(delivery);
    this.changed();
  }

  addFault(spec: FaultSpec): QueuedFault {
    const fault = toQueuedFault(spec);
    this.faults.push(fault);
    this.changed();
    return fault;
  }

  setWebhook(url: string | null): void {
    this.webhook = url;
    this.changed();
  }

  reset(): void {
    this.outbox.length = 0;
    this.deliveries.length = 0;
    this.requests.length = 0;
    this.faults.length = 0;
    this.changed();
  }

  changed(): void {
    this.version += 1;
  }

  /** The live view handed to tests. */
  view(): SandboxState {
    const store = this;
    return {
      get paired() {
        return store.paired;
      },
      get webhook() {
        return store.webhook;
      },
      get qrText() {
        return store.qrText;
      },
      get qrIssued() {
        return store.qrIssued;
      },
      outbox: this.outbox,
      deliveries: this.deliveries,
      requests: this.requests,
      faults: this.faults,
    };
  }

  /** What `GET /_sandbox/state` answers. No API key in it. */
  snapshot() {
    return {
      paired: this.paired,
      status: this.status,
      webhook: this.webhook,
      deviceNumber: this.deviceNumber,
      groups: this.groups,
      restartUnpairs: this.restartUnpairs,
      qrAs: this.qrAs,
      qrRotateMs: this.qrRotateMs,
      qrIssued: this.qrIssued,
      statusAs: this.statusAs,
      webhookTimeoutMs: this.webhookTimeoutMs,
      outbox: this.outbox,
      deliveries: this.deliveries,
      requests: this.requests,
      faults: this.faults,
      version: this.version,
    };
  }
}

function nonEmptyList(list: string[] | undefined, field: string): string[] | undefined {
  if (list === undefined) return undefined;
  if (!Array.isArray(list) || list.length === 0 || list.some((item) => typeof item !== 'string' || item.trim() === '')) {
    throw new TypeError(`${field} must be a non-empty list of non-empty strings`);
  }
  return [...list];
}

const QR_AS: readonly QrAs[] = ['image', 'base64', 'text'];

/** The option checked, with an error that names the allowed values. */
export function qrAsOf(value: unknown): QrAs {
  if (QR_AS.includes(value as QrAs)) return value as QrAs;
  throw new Error(`qrAs '${String(value)}' is not allowed: use ${QR_AS.join(', ')}`);
}

/** Milliseconds between two login QR codes: 0 (never) or more. */
export function qrRotateMsOf(value: unknown): number {
  const ms = Number(value);
  if (value === null || value === '' || !Number.isFinite(ms) || ms < 0) {
    throw new Error(`qrRotateMs '${String(value)}' is not allowed: give milliseconds between two QR codes (0 keeps one code)`);
  }
  return ms;
}

/** A status word to answer instead of the pairing's, or `null` (or '') for the pairing's own. */
export function statusAsOf(value: unknown): string | null {
  if (value === null || value === '') return null;
  if (typeof value === 'string' && /^[\w-]{1,40}$/.test(value)) return value;
  throw new Error(`statusAs '${String(value)}' is not allowed: give a status word like ready or loading, or null`);
}
