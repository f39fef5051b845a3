const JAKARTA_OFFSET_MS = 7 * 60 * 60 * 1000;

/**
 * `YYYY-MM-DD HH:mm:ss` in Asia/Jakarta (UTC+7, no daylight saving), the service's local time. Done by offset
 * rather than Intl so it does not depend on the runtime's time-zone data.
 */
export function jakartaTimestamp(epochMs: number): string {
  return new Date(epochMs + JAKARTA_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}
