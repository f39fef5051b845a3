export { createNodeClient } from './client.js';
export type { NodeClientOptions } from './client.js';
export { nodeSleep, undiciTransport, USER_AGENT } from './transport.js';
export type { UndiciTransport, UndiciTransportOptions } from './transport.js';
