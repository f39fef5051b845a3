// The standard built-ins core relies on. Every runtime our users have (Node ≥ 20, n8n's sandbox, browsers)
// provides them; declaring just these, instead of loading Node's or the DOM's types, keeps the main entry
// from reaching for anything else.

declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: Uint8Array): string;
}

declare class TextEncoder {
  encode(input?: string): Uint8Array;
}

declare class URL {
  constructor(input: string, base?: string);
  readonly protocol: string;
  readonly hostname: string;
  readonly href: string;
  readonly username: string;
  readonly password: string;
}

declare class URLSearchParams {
  constructor(init?: string | Record<string, string>);
  get(name: string): string | null;
  forEach(callback: (value: string, key: string) => void): void;
  toString(): string;
}
