import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

type Json = Record<string, unknown>;

/**
 * Validates requests and answers against packages/core/openapi.yaml with ajv (JSON Schema 2020-12, the dialect
 * of OpenAPI 3.1): the document is added whole, and each schema is reached by a JSON pointer into it.
 */
export function loadOpenApi(path = new URL('../../openapi.yaml', import.meta.url)) {
  const document = parse(readFileSync(path, 'utf8')) as Json & { paths: Record<string, Record<string, Json>> };
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  (addFormats as unknown as (ajv: Ajv2020) => void)(ajv);
  ajv.addSchema(document, 'openapi');

  const pointer = (...parts: string[]) => `openapi#/${parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;

  function check(ref: string, value: unknown): string[] {
    const validate = ajv.getSchema(ref);
    if (!validate) throw new Error(`no schema at ${ref}`);
    return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
  }

  /** The path template (`/openapi/wa/check-number/{phoneNumber}`) a concrete path matches. */
  function template(path: string): string {
    const bare = path.split('?')[0]!.replace(/^\/backend(?=\/openapi)/, '');
    for (const candidate of Object.keys(document.paths)) {
      const pattern = new RegExp(`^${candidate.replace(/\{[^}]+\}/g, '[^/]+')}$`);
      if (pattern.test(bare)) return candidate;
    }
    throw new Error(`openapi.yaml has no path for ${path}`);
  }

  return {
    document,
    template,
    /** Problems with an answer's JSON body for method + path + status; [] when it conforms. */
    checkResponse(method: string, path: string, status: number, body: unknown): string[] {
      const at = template(path);
      const operation = document.paths[at]![method.toLowerCase()] as Json | undefined;
      if (!operation) return [`${method} ${at} is not in openapi.yaml`];
      const response = (operation.responses as Record<string, Json>)[String(status)];
      if (!response) return [`${method} ${at} does not document status ${status}`];
      // Shared error answers are `$ref`s to components.responses.
      const base = typeof response.$ref === 'string' ? `openapi${response.$ref}` : pointer('paths', at, method.toLowerCase(), 'responses', String(status));
      return check(`${base}/content/application~1json/schema`, body);
    },
    /** Problems with a form/JSON request body; [] when it conforms. */
    checkRequest(method: string, path: string, body: Json): string[] {
      const at = template(path);
      const operation = document.paths[at]![method.toLowerCase()] as Json | undefined;
      if (!operation) return [`${method} ${at} is not in openapi.yaml`];
      if (!operation.requestBody) return Object.keys(body).length === 0 ? [] : [`${method} ${at} takes no body`];
      return check(pointer('paths', at, method.toLowerCase(), 'requestBody', 'content', 'application/x-www-form-urlencoded', 'schema'), body);
    },
    /** The inbound webhook payload. */
    checkInbound(body: unknown): string[] {
      return check('openapi#/components/schemas/InboundMessage', body);
    },
  };
}
