import { resolveBaseUrl } from '@blazwa/core';

export interface DemoSettings {
  host: string;
  nodeRedPort: number;
  sandboxPort: number;
  /** Set when the demo runs against the real service instead of the sandbox. */
  real?: { apiKey: string; server: string; baseUrl: string };
  userDir: string;
}

/** `pnpm demo:n8n`: n8n instead of Node-RED, always on 127.0.0.1. */
export interface N8nDemoSettings {
  n8nPort: number;
  sandboxPort: number;
  real?: DemoSettings['real'];
  /** n8n's user folder for this run, made afresh: never the user's ~/.n8n. */
  userDir: string;
}

function port(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > 65535) throw new Error(`${name}=${value} is not a port number (0 to 65535)`);
  return number;
}

function realService(env: NodeJS.ProcessEnv): DemoSettings['real'] {
  const apiKey = env.BLAZWA_API_KEY?.trim();
  if (!apiKey) return undefined;
  const server = env.BLAZWA_SERVER?.trim() || (env.BLAZWA_BASE_URL ? 'custom' : 'blazwa');
  return { apiKey, server, baseUrl: resolveBaseUrl(server, env.BLAZWA_BASE_URL) };
}

/** The demo's settings from the environment: ports, and the real service when BLAZWA_API_KEY is set. */
export function settingsFromEnv(env: NodeJS.ProcessEnv, userDir: string): DemoSettings {
  const settings: DemoSettings = {
    host: env.DEMO_HOST || '127.0.0.1',
    nodeRedPort: port(env, 'DEMO_NODE_RED_PORT', 1880),
    sandboxPort: port(env, 'DEMO_SANDBOX_PORT', 8080),
    userDir,
  };
  const real = realService(env);
  if (real) settings.real = real;
  return settings;
}

/** The same for `pnpm demo:n8n`; n8n's own default port. */
export function n8nSettingsFromEnv(env: NodeJS.ProcessEnv, userDir: string): N8nDemoSettings {
  const settings: N8nDemoSettings = {
    n8nPort: port(env, 'DEMO_N8N_PORT', 5678),
    sandboxPort: port(env, 'DEMO_SANDBOX_PORT', 8080),
    userDir,
  };
  const real = realService(env);
  if (real) settings.real = real;
  return settings;
}
