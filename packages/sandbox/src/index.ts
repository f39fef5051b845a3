export { startSandbox } from './start.js';
export { DEFAULTS } from './state.js';
export { NoWebhookError } from './inbound.js';
export type {
  ApiOperation,
  Delivery,
  FaultSpec,
  InboundInput,
  OutboxEntry,
  QrAs,
  QueuedFault,
  RequestLogEntry,
  Sandbox,
  SandboxOptions,
  SandboxState,
} from './types.js';
