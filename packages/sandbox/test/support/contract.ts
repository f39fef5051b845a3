import { createRequire } from 'node:module';
import { createOpenApiChecker, type Answer } from '@blazwa/test-support/openapi';

// The lead's reconstruction of the documents; the sandbox must answer within it.
const checker = createOpenApiChecker(createRequire(import.meta.url).resolve('@blazwa/core/openapi.yaml'));

/** Problems with an answer, measured against openapi.yaml; an empty list when it fits. */
export const contractProblems = (answer: Answer): string[] => checker.responseProblems(answer);

/** Problems with a webhook payload, against the documents' inbound message schema. */
export const inboundProblems = (payload: unknown): string[] => checker.inboundProblems(payload);

/** Statuses the documents give every operation; others (429, 502, 503) are the sandbox's fault injection. */
export const DOCUMENTED_STATUSES = new Set([200, 400, 401, 500, 504]);
