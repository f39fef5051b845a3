export { checkApiKey } from './api-key.js';
export { BlazwaClient } from './client.js';
export type { BlazwaClientOptions, LoginQrOptions, SendGroupMessageOptions, SendMessageOptions } from './client.js';
export { connectionError, errorCode } from './connection-errors.js';
export { BlazwaError, isBlazwaError } from './errors.js';
export type { BlazwaErrorKind, BlazwaErrorOptions, BlazwaErrorOutcome } from './errors.js';
export { DEFAULT_API_KEY_LOCATION, errorFromResponse, parseRetryAfter } from './http-errors.js';
export type { ErrorContext } from './http-errors.js';
export { parseInboundMessage } from './inbound.js';
export { answerTooLarge, DEFAULT_TIMEOUT_MS, MAX_ANSWER_BYTES, MAX_IMAGE_ANSWER_BYTES, maxAnswerBytes } from './limits.js';
export { createSenderFilter } from './senders.js';
export type { SenderFilterOptions } from './senders.js';
export type { InboundMessage, ParseInboundOptions } from './inbound.js';
export { OPERATIONS, operationPath } from './endpoints.js';
export type { Operation, OperationName } from './endpoints.js';
export { isPrepared, prepareMessage, prepareTo } from './outgoing.js';
export type { MessageInput, OutgoingMessage, SendOptions } from './outgoing.js';
export { createPacer } from './pacer.js';
export type { Pacer, PacerLane, PacerOptions } from './pacer.js';
export { MAX_PHONE_DIGITS, MIN_PHONE_DIGITS, normalizePhoneNumber, readInboundPhoneNumber, servicePhoneRule } from './phone.js';
export { imageToDataUrl, loginQrImage, qrStringToImage, sniffImageType } from './qr.js';
export { qrTextToImage, type QrPictureOptions } from './qr-picture.js';
export { decodeBase64, encodeBase64 } from './base64.js';
export type {
  CheckNumberResult,
  LoginQrResult,
  QrImage,
  ResetWebhookResult,
  ResponseAs,
  RestartResult,
  SendMessageResult,
  SentMessage,
  ServiceState,
  SetWebhookResult,
  StatusResult,
} from './results.js';
export { DEFAULT_RETRY, shouldRetry } from './retry.js';
export type { Idempotency, RetryOptions } from './retry.js';
export { resolveBaseUrl, SERVER_IDS, SERVERS } from './servers.js';
export type { ServerId, ServerPreset, ServerPresetId } from './servers.js';
export type { HttpMethod, Transport, TransportRequest, TransportResponse } from './transport.js';
export { MAX_MESSAGE_LENGTH, validateContent, validateGroupName, validateHttpUrl } from './validation.js';
export { VERSION } from './version.js';
