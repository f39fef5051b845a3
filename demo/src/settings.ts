import { resolveBaseUrl } from '@blazwa/core';

export interface DemoSettings {
  host: string;
  nodeRedPort: number;
  sandboxPort: number;
  /** Set when the demo runs against the real service instead of the sandbox. */
  real?: { apiKey: string; server: string; baseUrl: string };
  userDir: string;
}

/** The demo's settings from the environment: ports, and the real service when BLAZWA_API_KEY is set. */
export function settingsFromEnv(env: NodeJS.ProcessEnv, userDir: string): DemoSettings {
  const port = (name: string, fallback: number): number => {
    const value = env[name];
    if (value === undefined || value === '') return fallback;
    const number = Number(value);
    if (!Number.isInteger(number) || number < 0 || number > 65535) throw new Error(`${name}=${value} is not a port number (0 to 65535)`);
    return number;
  };
  const settings: DemoSettings = {
    host: env.DEMO_HOST || '127.0.0.1',
    nodeRedPort: port('DEMO_NODE_RED_PORT', 1880),
    sandboxPort: port('DEMO_SANDBOX_PORT', 8080),
    userDir,
  };
  const apiKey = env.BLAZWA_API_KEY?.trim();
  if (apiKey) {
    const server = env.BLAZWA_SERVER?.trim() || (env.BLAZWA_BASE_URL ? 'custom' : 'blazwa');
    settings.real = { apiKey, server, baseUrl: resolveBaseUrl(server, env.BLAZWA_BASE_URL) };
  }
  return settings;
}
