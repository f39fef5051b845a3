import { contentType, requireJson } from './body.js';
import { BlazwaError, isBlazwaError } from './errors.js';
import { errorFromResponse } from './http-errors.js';
import { OPERATIONS, operationPath, type Operation, type OperationName } from './endpoints.js';
import { formBody } from './form-body.js';
import { parseRegistered, parseSentMessage, parseSetWebhook, parseStatus, requireText } from './parse-results.js';
import { prepareMessage, prepareTo, type MessageInput, type OutgoingMessage, type SendOptions } from './outgoing.js';
import { normalizePhoneNumber } from './phone.js';
import { sniffImageType } from './qr.js';
import type {
  CheckNumberResult,
  LoginQrResult,
  ResetWebhookResult,
  ResponseAs,
  RestartResult,
  SendMessageResult,
  SentMessage,
  SetWebhookResult,
  StatusResult,
} from './results.js';
import { DEFAULT_RETRY, retryDelay, shouldRetry, type RetryOptions, type RetryPolicy } from './retry.js';
import type { Transport, TransportRequest, TransportResponse } from './transport.js';
import { validateHttpUrl } from './validation.js';

export interface BlazwaClientOptions {
  transport: Transport;
  /** Retries of calls that are safe to repeat; `false` for none. Needs `sleep`. */
  retry?: RetryOptions | false;
  /** Waits between retries. Required unless `retry` is `false`. */
  sleep?: (ms: number) => Promise<void>;
  /** For `Retry-After` given as a date. Defaults to Date.now. */
  now?: () => number;
  /** Jitter source, 0 ≤ x < 1. Defaults to Math.random. */
  random?: () => number;
  /**
   * Where the user fixes a rejected key, as a 401's message names it: `the Blazwa config node`, `the Blazwa API
   * credential`. Defaults to `your Blazwa settings`.
   */
  apiKeyLocation?: string;
}

export interface LoginQrOptions {
  /** `image` (the default) asks for a PNG; `string` for JSON with `qr_string`. */
  responseAs?: ResponseAs;
}

export interface SendMessageOptions {
  /** Any common way of writing it: `0812-3456 7890`, `+62 812…`, `62812…`. */
  phoneNumber: string | number;
  message?: string;
  /** Absolute http(s) URL of a (non-transparent) image to send. */
  imageUrl?: string;
}

export interface SendGroupMessageOptions {
  /** The group's name exactly as WhatsApp shows it. */
  groupName: string;
  message?: string;
  imageUrl?: string;
}

const JSON_ACCEPT = { accept: 'application/json' };

/**
 * The Blazwa API, one method per operation. Every input is checked before anything is sent, and every failure is a
 * {@link BlazwaError}.
 */
export class BlazwaClient {
  readonly #transport: Transport;
  readonly #retry: RetryPolicy | undefined;
  readonly #sleep: ((ms: number) => Promise<void>) | undefined;
  readonly #now: () => number;
  readonly #random: () => number;
  readonly #apiKeyLocation: string | undefined;

  constructor(options: BlazwaClientOptions) {
    if (!options || typeof options.transport?.request !== 'function') {
      throw new TypeError('BlazwaClient needs a transport: pass { transport: undiciTransport({ baseUrl, apiKey }) } from @blazwa/core/undici');
    }
    this.#transport = options.transport;
    this.#retry = options.retry === false ? undefined : { ...DEFAULT_RETRY, ...options.retry };
    if (this.#retry && this.#retry.retries > 0 && !options.sleep) {
      throw new TypeError('BlazwaClient needs { sleep } to wait between retries, or { retry: false }');
    }
    this.#sleep = options.sleep;
    this.#now = options.now ?? Date.now;
    this.#random = options.random ?? Math.random;
    this.#apiKeyLocation = options.apiKeyLocation;
  }

  /** `GET /openapi/wa/restart`: restarts the WhatsApp session. Never retried unless it provably never left. */
  async restart(): Promise<RestartResult> {
    return parseStatus(await this.#json('restart'), 'restart');
  }

  /** `POST /openapi/wa/status`: `qr` while waiting for a scan, `connected` once paired. */
  async status(): Promise<StatusResult> {
    return parseStatus(await this.#json('status'), 'status');
  }

  /** `POST /openapi/wa/login-qr`: the QR to scan with WhatsApp on the phone (Linked devices). */
  async loginQr(options: LoginQrOptions = {}): Promise<LoginQrResult> {
    const responseAs = options.responseAs ?? 'image';
    if (responseAs !== 'image' && responseAs !== 'string') {
      throw BlazwaError.input('responseAs', `responseAs '${String(responseAs)}' is unknown: use 'image' or 'string'`);
    }
    const accept = responseAs === 'image' ? 'image/png, image/*;q=0.9, application/json;q=0.8' : 'application/json';
    const response = await this.#call('loginQr', {}, { accept }, formBody({ responseAs }), (answer) => answer);
    const type = contentType(response);
    const mimeType = type.startsWith('image/') ? type : sniffImageType(response.body);
    if (mimeType) return { kind: 'image', mimeType, data: response.body };
    const json = requireJson(response, 'loginQr');
    return { kind: 'string', qrString: requireText(json, 'qr_string', 'loginQr'), message: requireText(json, 'message', 'loginQr'), code: json.code };
  }

  /** `GET /openapi/wa/check-number/{phoneNumber}`: whether the number has WhatsApp. */
  async checkNumber(phoneNumber: string | number): Promise<CheckNumberResult> {
    const normalized = normalizePhoneNumber(phoneNumber);
    const json = await this.#json('checkNumber', { phoneNumber: normalized });
    return {
      phoneNumber: normalized,
      isRegistered: parseRegistered(json, 'checkNumber'),
      message: requireText(json, 'message', 'checkNumber'),
      code: json.code,
    };
  }

  /**
   * The one way to send: a message from {@link prepareMessage} (anything else is prepared first), to its number or
   * group, optionally only after `check-number` says the number is on WhatsApp. Resolves with the message as the
   * service recorded it, which is what both adapters output.
   */
  async send(message: OutgoingMessage | MessageInput, options: SendOptions = {}): Promise<SentMessage> {
    const outgoing = prepareMessage(message);
    const content = { message: outgoing.message, imageUrl: outgoing.imageUrl };
    if (outgoing.target === 'group') {
      return (await this.#deliver('sendGroupMessage', formBody({ groupName: outgoing.groupName, ...content }))).result;
    }
    if (options.checkNumberFirst) {
      const check = await this.checkNumber(outgoing.phoneNumber).catch((error: unknown) => {
        throw checkFailed(error);
      });
      if (!check.isRegistered) {
        throw BlazwaError.input('phoneNumber', `phone number ${check.phoneNumber} is not on WhatsApp: check the number (nothing was sent)`);
      }
    }
    return (await this.#deliver('sendMessage', formBody({ phoneNumber: outgoing.phoneNumber, ...content }))).result;
  }

  /** `POST /openapi/wa/message`: a text, an image, or an image with a caption to one number. */
  async sendMessage(options: SendMessageOptions): Promise<SendMessageResult> {
    const outgoing = prepareTo('number', { phoneNumber: options?.phoneNumber, message: options?.message, imageUrl: options?.imageUrl });
    return await this.#deliver('sendMessage', formBody({ phoneNumber: phoneOf(outgoing), message: outgoing.message, imageUrl: outgoing.imageUrl }));
  }

  /** `POST /openapi/wa/message-group`: the same to a group this account is in. */
  async sendGroupMessage(options: SendGroupMessageOptions): Promise<SendMessageResult> {
    const outgoing = prepareTo('group', { groupName: options?.groupName, message: options?.message, imageUrl: options?.imageUrl });
    return await this.#deliver(
      'sendGroupMessage',
      formBody({ groupName: groupOf(outgoing), message: outgoing.message, imageUrl: outgoing.imageUrl }),
    );
  }

  /** `POST /openapi/wa/webhook`: where the service POSTs incoming messages. One per account. */
  async setWebhook(url: string): Promise<SetWebhookResult> {
    const webhook = validateHttpUrl(url, 'webhook');
    return parseSetWebhook(await this.#json('setWebhook', {}, formBody({ webhook })), 'setWebhook');
  }

  /** `GET /openapi/wa/webhook/reset`: stop delivering incoming messages. */
  async resetWebhook(): Promise<ResetWebhookResult> {
    return parseStatus(await this.#json('resetWebhook'), 'resetWebhook');
  }

  async #deliver(operation: 'sendMessage' | 'sendGroupMessage', body: string): Promise<SendMessageResult> {
    return this.#sent(await this.#json(operation, {}, body), operation);
  }

  #sent(json: Record<string, unknown>, operation: OperationName): SendMessageResult {
    try {
      return { message: requireText(json, 'message', operation), result: parseSentMessage(json, operation), code: json.code };
    } catch (unreadable) {
      throw withUnansweredAdvice(withOperation(unreadable, operation), OPERATIONS[operation]);
    }
  }

  #json(name: OperationName, params: Record<string, string> = {}, body?: string): Promise<Record<string, unknown>> {
    return this.#call(name, params, JSON_ACCEPT, body, requireJson);
  }

  /** The request, its retries, and `read` applied to the 2xx answer: one async layer on the path of every send. */
  async #call<T>(
    name: OperationName,
    params: Record<string, string>,
    headers: Record<string, string>,
    body: string | undefined,
    read: (response: TransportResponse, operation: OperationName) => T,
  ): Promise<T> {
    const operation = OPERATIONS[name];
    const request: TransportRequest = {
      method: operation.method,
      path: operationPath(operation, params),
      headers: body === undefined ? { ...headers } : { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
      ...(body === undefined ? {} : { body }),
    };
    for (let attempt = 0; ; attempt++) {
      let answer: TransportResponse | BlazwaError;
      try {
        answer = await this.#transport.request(request);
      } catch (thrown) {
        answer = withOperation(thrown, name);
      }
      if (!isBlazwaError(answer) && answer.status >= 200 && answer.status < 300) {
        try {
          return read(answer, name);
        } catch (unreadable) {
          // A 200 we cannot read still says the service did the work: a send may well have gone out.
          throw withUnansweredAdvice(withOperation(unreadable, name), operation);
        }
      }
      const error = isBlazwaError(answer) ? answer : this.#errorFrom(answer, name);
      const delay =
        this.#retry && this.#sleep && attempt < this.#retry.retries && shouldRetry(error, operation.idempotency)
          ? retryDelay(this.#retry, attempt, error, this.#random)
          : undefined;
      if (delay === undefined) throw withUnansweredAdvice(error, operation);
      await this.#sleep!(delay);
    }
  }

  #errorFrom(response: TransportResponse, operation: OperationName): BlazwaError {
    return errorFromResponse(response, operation, {
      now: this.#now,
      ...(this.#apiKeyLocation ? { apiKeyLocation: this.#apiKeyLocation } : {}),
    });
  }
}

function phoneOf(message: OutgoingMessage): string {
  return message.target === 'number' ? message.phoneNumber : '';
}

function groupOf(message: OutgoingMessage): string {
  return message.target === 'group' ? message.groupName : '';
}

/**
 * A call that must not run twice, whose failure does not prove it did nothing, may have happened: its error says
 * what to check first, and is never marked retryable (retrying is how a message goes out twice).
 */
function withUnansweredAdvice(error: BlazwaError, operation: Operation): BlazwaError {
  if (!operation.ifUnanswered || error.outcome !== 'unknown') return error;
  // Advice to try again contradicts the check that must come first.
  const said = error.message.replace(/[;:] try again later( or raise the timeout)?$/, '');
  return new BlazwaError({ ...error, kind: error.kind, message: `${said}. ${operation.ifUnanswered}`, retryable: false, cause: error.cause });
}

/**
 * The number check before a send failed: whatever that read's own outcome, the message was not sent, so a flow may
 * send it again (when the error is retryable) without risking a duplicate.
 */
function checkFailed(error: unknown): unknown {
  if (!isBlazwaError(error) || error.outcome === 'not-sent') return error;
  return new BlazwaError({
    ...error,
    kind: error.kind,
    message: `${error.message} (while checking the number first: the message was not sent)`,
    outcome: 'not-sent',
    cause: error.cause,
  });
}

function withOperation(error: unknown, operation: OperationName): BlazwaError {
  if (isBlazwaError(error)) {
    return error.operation ? error : new BlazwaError({ ...error, message: error.message, kind: error.kind, operation, cause: error.cause });
  }
  // A transport that throws something else gives us no proof the request stayed home.
  const detail = error instanceof Error ? error.message : String(error);
  return BlazwaError.network(detail, { requestSent: true, cause: error });
}
