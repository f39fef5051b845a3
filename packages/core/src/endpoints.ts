import type { Idempotency } from './retry.js';
import type { HttpMethod } from './transport.js';

export interface Operation {
  method: HttpMethod;
  /** Path template; `{name}` segments are filled by `operationPath`. */
  path: string;
  idempotency: Idempotency;
  /** For a call that must not run twice: what to check when it got no answer and may have happened anyway. */
  ifUnanswered?: string;
}

export const MESSAGE_MAY_HAVE_GONE = 'The message may have been sent: check the chat before sending it again';

/** The eight operations, exactly as the API documents give them. */
export const OPERATIONS = {
  restart: {
    method: 'GET',
    path: '/openapi/wa/restart',
    idempotency: 'once',
    ifUnanswered: 'The restart may have happened: check the status before restarting again',
  },
  status: { method: 'POST', path: '/openapi/wa/status', idempotency: 'safe' },
  loginQr: { method: 'POST', path: '/openapi/wa/login-qr', idempotency: 'safe' },
  checkNumber: { method: 'GET', path: '/openapi/wa/check-number/{phoneNumber}', idempotency: 'safe' },
  sendMessage: { method: 'POST', path: '/openapi/wa/message', idempotency: 'once', ifUnanswered: MESSAGE_MAY_HAVE_GONE },
  sendGroupMessage: { method: 'POST', path: '/openapi/wa/message-group', idempotency: 'once', ifUnanswered: MESSAGE_MAY_HAVE_GONE },
  setWebhook: { method: 'POST', path: '/openapi/wa/webhook', idempotency: 'safe' },
  resetWebhook: { method: 'GET', path: '/openapi/wa/webhook/reset', idempotency: 'safe' },
} as const satisfies Record<string, Operation>;

export type OperationName = keyof typeof OPERATIONS;

/** The one place path parameters are encoded. */
export function operationPath(operation: Operation, params: Record<string, string> = {}): string {
  if (!operation.path.includes('{')) return operation.path;
  return operation.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`path parameter ${name} missing for ${operation.path}`);
    return encodeURIComponent(value);
  });
}
