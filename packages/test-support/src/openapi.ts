import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';

type Json = Record<string, unknown>;
interface Operation {
  requestBody?: { content: Record<string, unknown> };
  responses: Record<string, { $ref?: string; content?: Record<string, unknown> }>;
}
export interface OpenApiDocument {
  servers: Array<{ url: string; description?: string }>;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown>; responses: Record<string, unknown> };
}

/** One answer as a test saw it. */
export interface Answer {
  method: string;
  /** The request path, with or without the `/backend` prefix and a query string. */
  path: string;
  status: number;
  contentType: string;
  json?: unknown;
  /** For `image/png` answers: whether the body really is a PNG. */
  png?: boolean;
}

const DOC_ID = 'https://blazwa.local/openapi.yaml';

/**
 * Checks requests and answers against packages/core/openapi.yaml with ajv (JSON Schema 2020-12, OpenAPI 3.1's
 * dialect). Each check returns the problems found, `[]` when it conforms, so a failing test says what differs.
 */
export function createOpenApiChecker(file: string | URL) {
  const document = parse(readFileSync(file, 'utf8')) as OpenApiDocument;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addFormat('uri', (value: string) => /^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(value));
  ajv.addSchema({ ...document, $id: DOC_ID });
  const templates = Object.keys(document.paths).map((template) => ({
    template,
    pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
  }));

  function validate(pointer: string, value: unknown): string[] {
    const check = ajv.getSchema(`${DOC_ID}${pointer}`);
    if (!check) return [`openapi.yaml has no schema at ${pointer}`];
    return check(value) ? [] : (check.errors ?? []).map((error) => `${error.instancePath || '(body)'} ${error.message ?? ''}`);
  }

  /** The path template a concrete path matches, e.g. `/openapi/wa/check-number/{phoneNumber}`. */
  function template(path: string): string | undefined {
    const bare = path.replace(/\?.*$/, '').replace(/^\/backend(?=\/openapi\/)/, '');
    return templates.find(({ pattern }) => pattern.test(bare))?.template;
  }

  function operation(method: string, path: string): { at: string; op: Operation; pointer: string } | string {
    const at = template(path);
    if (!at) return `${path} is not a path of the API`;
    const op = document.paths[at]?.[method.toLowerCase()];
    if (!op) return `${method.toUpperCase()} is not documented for ${at}`;
    return { at, op, pointer: `#/paths/${escape(at)}/${method.toLowerCase()}` };
  }

  return {
    document,
    template,
    responseProblems(answer: Answer): string[] {
      const found = operation(answer.method, answer.path);
      if (typeof found === 'string') return [found];
      let response = found.op.responses[String(answer.status)];
      if (!response) return [`status ${answer.status} is not documented for ${answer.method.toUpperCase()} ${found.at}`];
      let pointer = `${found.pointer}/responses/${answer.status}`;
      if (response.$ref) {
        pointer = response.$ref;
        response = resolve(document, response.$ref) as typeof response;
      }
      const mediaType = answer.contentType.split(';')[0]!.trim();
      if (!response.content?.[mediaType]) return [`content type ${mediaType} is not documented for ${answer.status}`];
      if (mediaType === 'image/png') return answer.png ? [] : ['the image/png body is not a PNG'];
      return validate(`${pointer}/content/${escape(mediaType)}/schema`, answer.json);
    },
    /** A request body's fields (form or JSON) against the operation's request schema. */
    requestProblems(method: string, path: string, fields: Json): string[] {
      const found = operation(method, path);
      if (typeof found === 'string') return [found];
      if (!found.op.requestBody) return Object.keys(fields).length === 0 ? [] : [`${found.at} takes no body`];
      return validate(`${found.pointer}/requestBody/content/application~1x-www-form-urlencoded/schema`, fields);
    },
    /** A webhook payload against the documents' inbound message. */
    inboundProblems(payload: unknown): string[] {
      return validate('#/components/schemas/InboundMessage', payload);
    },
  };
}

export type OpenApiChecker = ReturnType<typeof createOpenApiChecker>;

function resolve(document: unknown, ref: string): unknown {
  return ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((node, key) => (node as Json)[key.replace(/~1/g, '/').replace(/~0/g, '~')], document);
}

function escape(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
