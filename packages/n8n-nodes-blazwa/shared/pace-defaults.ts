/** The credential's default pace, the Node-RED config node's: a careful pace for a WhatsApp account. */
export const DEFAULT_MIN_INTERVAL_SECONDS = 2;
