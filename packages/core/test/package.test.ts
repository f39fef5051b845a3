import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveBaseUrl, SERVER_IDS, SERVERS, VERSION } from '../src/index.js';

describe('package facts', () => {
  it('VERSION matches package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(VERSION).toBe(pkg.version);
  });

  it('the main entry has no runtime dependency: only the undici entry needs one', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(pkg.dependencies)).toEqual(['undici']);
    const built = readFileSync(new URL('../dist/index.js', import.meta.url), 'utf8');
    expect(built).not.toMatch(/from ['"](?!\.)/);
  });
});

describe('servers', () => {
  it('names the documents’ three bases', () => {
    expect(Object.values(SERVERS).map((s) => s.baseUrl)).toEqual([
      'https://openapi.blazwa.com',
      'https://wa.kpntr.com/backend',
      'https://kpwa.kpntr.com/backend',
    ]);
    expect(SERVER_IDS).toEqual(['blazwa', 'kasirpintar', 'kasirpintar-kpwa', 'custom']);
  });

  it('resolves presets and custom URLs', () => {
    expect(resolveBaseUrl('kasirpintar')).toBe('https://wa.kpntr.com/backend');
    expect(resolveBaseUrl(undefined)).toBe('https://openapi.blazwa.com');
    expect(resolveBaseUrl('custom', ' http://127.0.0.1:8080/ ')).toBe('http://127.0.0.1:8080');
    expect(() => resolveBaseUrl('custom', '')).toThrow(/with server "custom", give the base URL/);
    expect(() => resolveBaseUrl('wablas')).toThrow(/server 'wablas' is unknown: choose one of blazwa, kasirpintar, kasirpintar-kpwa, custom/);
  });
});
