import { BlazwaError } from './errors.js';
import { validateHttpUrl } from './validation.js';

export interface ServerPreset {
  /** The name users know the service by. */
  readonly label: string;
  readonly baseUrl: string;
}

/** The hosts the two API documents name. Kasirpintar's bases carry a `/backend` path. */
export const SERVERS = {
  blazwa: { label: 'Blazwa (openapi.blazwa.com)', baseUrl: 'https://openapi.blazwa.com' },
  kasirpintar: { label: 'Kasirpintar WA (wa.kpntr.com)', baseUrl: 'https://wa.kpntr.com/backend' },
  'kasirpintar-kpwa': { label: 'Kasirpintar WA (kpwa.kpntr.com)', baseUrl: 'https://kpwa.kpntr.com/backend' },
} as const satisfies Record<string, ServerPreset>;

export type ServerPresetId = keyof typeof SERVERS;
/** A preset, or `custom` with a base URL of your own (a sandbox, a proxy). */
export type ServerId = ServerPresetId | 'custom';

export const SERVER_IDS: readonly ServerId[] = [...(Object.keys(SERVERS) as ServerPresetId[]), 'custom'];

/**
 * The base URL for a server setting: the preset's, or for `custom` the given URL, checked and without a
 * trailing slash.
 */
export function resolveBaseUrl(server: string | undefined, baseUrl?: string): string {
  const id = server === undefined || server === '' ? 'blazwa' : server;
  if (id === 'custom') {
    if (baseUrl === undefined || baseUrl.trim() === '') {
      throw BlazwaError.input('baseUrl', 'baseUrl is empty: with server "custom", give the base URL, like http://127.0.0.1:8080');
    }
    return validateHttpUrl(baseUrl.trim(), 'baseUrl').replace(/\/+$/, '');
  }
  const preset = (SERVERS as Record<string, ServerPreset>)[id];
  if (!preset) {
    throw BlazwaError.input('server', `server '${id}' is unknown: choose one of ${SERVER_IDS.join(', ')}`);
  }
  return preset.baseUrl;
}
