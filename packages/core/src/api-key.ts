import { BlazwaError } from './errors.js';

// What a paste adds around a key: spaces, tabs, a line break. Only these are removed; anything else is reported.
const PLAIN_WHITESPACE = /^[ \t\r\n\u00a0]+|[ \t\r\n\u00a0]+$/g;

/**
 * The API key as it goes into the `X-API-KEY` header: plain whitespace around it (a trailing newline from a paste)
 * removed, and any other character outside visible ASCII refused. Such a character (a zero-width space, a BOM) is
 * invisible in every settings field and makes the HTTP client fail before anything is sent, with an error that
 * otherwise reads like a broken connection. The error names the character and its position, never the key.
 *
 * @param location Where the user fixes it, as the error names it (`the Blazwa config node`).
 * @throws {BlazwaError} kind `input`, field `apiKey`.
 */
export function checkApiKey(value: unknown, location = 'your Blazwa settings'): string {
  const key = typeof value === 'string' ? value.replace(PLAIN_WHITESPACE, '') : '';
  if (key === '') {
    throw BlazwaError.input('apiKey', `API key is empty: paste the key from your Blazwa / Kasirpintar WA dashboard into ${location}`);
  }
  let position = 0;
  for (const char of key) {
    position++;
    const code = char.codePointAt(0)!;
    if (code > 0x20 && code < 0x7f) continue;
    const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
    const what =
      code === 0x20 || code === 0x09
        ? 'a space'
        : /[\p{L}\p{N}\p{P}\p{S}]/u.test(char)
          ? `a character no API key has (${hex})`
          : `an invisible character (${hex})`;
    throw BlazwaError.input(
      'apiKey',
      `API key has ${what} at position ${position}: copy the key again from your Blazwa / Kasirpintar WA dashboard into ${location}, or type it`,
    );
  }
  return key;
}
