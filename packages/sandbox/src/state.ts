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
  paired: boolean;
  webhook: string | null = null;
  qrText = newQrText();
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
    this.paired = options.paired ?? false;
  }

  pair(): void {
    this.paired = true;
    this.changed();
  }

  unpair(): void {
    this.paired = false;
    // A new session shows a new code, as WhatsApp does.
    this.qrText = newQrText();
    this.changed();
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
      status: this.paired ? 'connected' : 'qr',
      webhook: this.webhook,
      deviceNumber: this.deviceNumber,
      groups: this.groups,
      restartUnpairs: this.restartUnpairs,
      qrAs: this.qrAs,
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
