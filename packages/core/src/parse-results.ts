import { BlazwaError } from './errors.js';
import type { SentMessage, SetWebhookResult, StatusResult } from './results.js';

// The documents' 200 schemas, checked by hand to keep core free of dependencies: extra fields are fine, a missing
// required field is a protocol error naming it.

type Json = Record<string, unknown>;

function missingFieldError(operation: string, field: string, expected: string): BlazwaError {
  return new BlazwaError({
    kind: 'protocol',
    operation,
    status: 200,
    message: `The Blazwa server's answer to ${operation} has no valid '${field}' (${expected} expected): check the server address, or report it if it is right`,
  });
}

export function requireText(json: Json, field: string, operation: string): string {
  const value = json[field];
  if (typeof value !== 'string') throw missingFieldError(operation, field, 'text');
  return value;
}

export function requireField(json: Json, field: string, operation: string): unknown {
  if (!(field in json)) throw missingFieldError(operation, field, 'a value');
  return json[field];
}

export function parseStatus(json: Json, operation: string): StatusResult {
  return {
    message: requireText(json, 'message', operation),
    status: requireText(json, 'status', operation),
    code: requireField(json, 'code', operation),
  };
}

export function parseSetWebhook(json: Json, operation: string): SetWebhookResult {
  const code = json.code;
  if (typeof code !== 'number' || !Number.isInteger(code)) throw missingFieldError(operation, 'code', 'an integer');
  return { message: requireText(json, 'message', operation), code };
}

export function parseRegistered(json: Json, operation: string): boolean {
  const value = json.is_registered;
  if (typeof value !== 'boolean') throw missingFieldError(operation, 'is_registered', 'true or false');
  return value;
}

export function parseSentMessage(json: Json, operation: string): SentMessage {
  const result = json.result;
  if (typeof result !== 'object' || result === null || Array.isArray(result)) throw missingFieldError(operation, 'result', 'an object');
  const sent = result as Json;
  const media = sent.media_url;
  if (!(media === null || typeof media === 'string')) throw missingFieldError(operation, 'result.media_url', 'text or null');
  // The answer was parsed for this call alone: its fields are set in place, keeping any the documents do not name.
  sent.id = fieldText(sent, 'id', operation);
  sent.body = fieldText(sent, 'body', operation);
  sent.from = fieldText(sent, 'from', operation);
  sent.to = fieldText(sent, 'to', operation);
  sent.created_at = fieldText(sent, 'created_at', operation);
  return sent as unknown as SentMessage;
}

function fieldText(json: Json, field: string, operation: string): string {
  const value = json[field];
  // Some gateways send numeric ids; the documents say string, so we hand back a string either way.
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') throw missingFieldError(operation, `result.${field}`, 'text');
  return value;
}
