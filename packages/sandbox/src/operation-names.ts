import type { ApiOperation } from './types.js';

export const API_OPERATIONS: readonly ApiOperation[] = [
  'restart',
  'status',
  'login-qr',
  'check-number',
  'message',
  'message-group',
  'webhook',
  'webhook/reset',
];

/** Core's method names, so a test can say `sendMessage` as well as `message`. */
const CORE_NAMES: Record<string, ApiOperation> = {
  restart: 'restart',
  status: 'status',
  loginQr: 'login-qr',
  checkNumber: 'check-number',
  sendMessage: 'message',
  sendGroupMessage: 'message-group',
  setWebhook: 'webhook',
  resetWebhook: 'webhook/reset',
};

export function toApiOperation(name: string): ApiOperation | undefined {
  const trimmed = name.trim().replace(/^\/+/, '');
  if ((API_OPERATIONS as readonly string[]).includes(trimmed)) return trimmed as ApiOperation;
  return CORE_NAMES[trimmed];
}
