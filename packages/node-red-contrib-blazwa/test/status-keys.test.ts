// Every status text a node sends is a key both catalogues hold, or a count: the editor shows a missing key raw.
import { readdirSync, readFileSync } from 'node:fs';
import { BlazwaError } from '@blazwa/core';
import { describe, expect, it } from 'vitest';
import { ACTIONS } from '../src/nodes/blazwa-status/actions.js';
import { countText } from '../src/lib/count-text.js';
import { reasonText } from '../src/lib/status.js';

const LANGUAGES = ['en-US', 'id'] as const;
const catalogue = (language: string, node: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../src/locales/${language}/${node}.json`, import.meta.url), 'utf8'));

/** A key as the editor resolves it: `namespace:path`, or a path in the node's own catalogue. */
function lookUp(language: string, ownNode: string, key: string): unknown {
  const [node, path] = key.includes(':') ? [key.slice(key.indexOf('/') + 1, key.indexOf(':')), key.slice(key.indexOf(':') + 1)] : [ownNode, key];
  return path.split('.').reduce<unknown>((value, part) => (value as Record<string, unknown> | undefined)?.[part], catalogue(language, node));
}

const sourceFiles = (dir: URL): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(new URL(`${entry.name}/`, dir))
      : entry.name.endsWith('.ts')
        ? [readFileSync(new URL(entry.name, dir), 'utf8')]
        : [],
  );

describe('status keys', () => {
  it('every fixed status key in the code is a text in English and Indonesian', () => {
    const keys = new Set<string>();
    for (const source of sourceFiles(new URL('../src/', import.meta.url))) {
      for (const [, node, key] of source.matchAll(/statusKey\('(blazwa-[a-z]+)', '([a-z-]+)'\)/g)) keys.add(`${node}|${key}`);
    }
    // Built from a variable in the code: the refusals of the trigger and the registration's two.
    for (const key of ['no-secret-path', 'no-path', 'no-account', 'no-public-url']) keys.add(`blazwa-trigger|${key}`);
    for (const action of ACTIONS) keys.add(`blazwa-status|running.${action}`).add(`blazwa-status|done.${action}`);
    console.log(`[status-keys] ${keys.size} status keys × ${LANGUAGES.length} languages`);
    expect(keys.size).toBeGreaterThan(20);
    for (const language of LANGUAGES) {
      for (const entry of keys) {
        const [node, key] = entry.split('|') as [string, string];
        expect(typeof lookUp(language, node, `${node}.status.${key}`), `${language} ${node}.status.${key}`).toBe('string');
      }
    }
  });

  it('every failure reason is a key both languages translate, and never the English of the server', () => {
    const errors = [
      BlazwaError.input('phoneNumber', 'x'),
      BlazwaError.input('imageUrl', 'x'),
      new BlazwaError({ kind: 'input', message: 'x' }),
      new BlazwaError({ kind: 'validation', status: 400, message: 'x' }),
      new BlazwaError({ kind: 'unauthorized', status: 401, message: 'x' }),
      new BlazwaError({ kind: 'timeout', status: 504, operation: 'sendMessage', message: 'x' }),
      new BlazwaError({ kind: 'timeout', operation: 'status', message: 'x' }),
      new BlazwaError({ kind: 'server', status: 429, message: 'x' }),
      new BlazwaError({ kind: 'server', status: 503, message: 'x' }),
      BlazwaError.network('refused', { requestSent: false }),
      new BlazwaError({ kind: 'protocol', status: 200, message: 'x' }),
      BlazwaError.cancelled('x'),
      new Error('not ours'),
    ];
    const texts = errors.map(reasonText);
    expect(new Set(texts).size).toBe(errors.length);
    for (const language of LANGUAGES) {
      for (const text of texts) expect(typeof lookUp(language, 'blazwa-send', text), `${language} ${text}`).toBe('string');
    }
    expect(lookUp('id', 'blazwa-send', reasonText(new BlazwaError({ kind: 'server', status: 429, message: 'x' })))).toBe('terlalu banyak permintaan');
    // A field without its own text keeps core's words, which start with a letter: the editor shows them unchanged.
    expect(reasonText(BlazwaError.input('allowFrom', 'x'))).toBe('invalid allowFrom');
  });

  it('counts start with a sign, so the editor never looks them up as keys', () => {
    const counts = [countText.sent(3), countText.waiting(12), countText.received(1)];
    expect(counts).toEqual(['✓ 3', '… 12', '✉ 1']);
    // The editor's own rule (red.js, "status/#"): only a text starting with a letter or @ is translated.
    for (const text of counts) expect(/^[@a-zA-Z]/.test(text)).toBe(false);
  });
});
