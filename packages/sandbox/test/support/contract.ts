import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';

// The lead's reconstruction of the documents; the sandbox must answer within it.
const require = createRequire(import.meta.url);
const OPENAPI_PATH = require.resolve('@blazwa/core/openapi.yaml');
const DOC_ID = 'https://blazwa.local/openapi.yaml';

type Doc = { paths: Record<string, Record<string, { responses: Record<string, unknown> }>>; components: { responses: Record<string, unknown> } };

const doc = parse(readFileSync(OPENAPI_PATH, 'utf8')) as Doc;
const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addFormat('uri', true);
ajv.addSchema({ ...doc, $id: DOC_ID });

const TEMPLATES = Object.keys(doc.paths).map((template) => ({
  template,
  pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
}));

export interface ContractAnswer {
  method: string;
  /** The request path, with or without the `/backend` prefix and a query string. */
  path: string;
  status: number;
  contentType: string;
  json: unknown;
  png: boolean;
}

/** Problems with an answer, measured against openapi.yaml; an empty list when it fits. */
export function contractProblems(answer: ContractAnswer): string[] {
  const path = answer.path.replace(/\?.*$/, '').replace(/^\/backend(?=\/openapi\/)/, '');
  const found = TEMPLATES.find(({ pattern }) => pattern.test(path));
  if (!found) return [`${path} is not a path of the API`];
  const method = answer.method.toLowerCase();
  const operation = doc.paths[found.template]?.[method];
  if (!operation) return [`${method.toUpperCase()} is not documented for ${found.template}`];
  let response = operation.responses[String(answer.status)] as { $ref?: string; content?: Record<string, unknown> } | undefined;
  if (!response) return [`status ${answer.status} is not documented for ${method.toUpperCase()} ${found.template}`];
  let pointer = `#/paths/${escape(found.template)}/${method}/responses/${answer.status}`;
  if (response.$ref) {
    pointer = response.$ref;
    response = resolve(response.$ref) as typeof response;
  }
  const mediaType = answer.contentType.split(';')[0]!.trim();
  if (!response?.content?.[mediaType]) return [`content type ${mediaType} is not documented for ${answer.status}`];
  if (mediaType === 'image/png') return answer.png ? [] : ['the image/png body is not a PNG'];
  const validate = ajv.getSchema(`${DOC_ID}${pointer}/content/${escape(mediaType)}/schema`);
  if (!validate) return [`no schema at ${pointer}`];
  if (validate(answer.json)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || '(body)'} ${error.message ?? ''}`);
}

/** Statuses the documents give every operation; others (429, 502, 503) are the sandbox's fault injection. */
export const DOCUMENTED_STATUSES = new Set([200, 400, 401, 500, 504]);

function resolve(ref: string): unknown {
  return ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
}

function escape(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Problems with a webhook payload, against the documents' inbound message schema. */
export function inboundProblems(payload: unknown): string[] {
  const validate = ajv.getSchema(`${DOC_ID}#/components/schemas/InboundMessage`);
  if (!validate) return ['no InboundMessage schema'];
  return validate(payload) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath || '(body)'} ${error.message ?? ''}`);
}
