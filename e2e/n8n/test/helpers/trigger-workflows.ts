// Workflows that answer every incoming message with a reply naming themselves, so the outbox shows which workflow
// each delivery reached.
import { blazwaNode, blazwaTriggerNode, n8nWorkflow, type CredentialRef } from '@blazwa/test-support/n8n-workflows';

import { CREDENTIAL } from './workflows.ts';

export interface ReplyWorkflow {
  id: string;
  name: string;
  /** Every reply it sends starts with this. */
  tag: string;
  webhookId: string;
}

export const TRIGGER_NODE = 'Blazwa Trigger';

/** Trigger → reply, as a user builds it; a second one made with *Duplicate* differs only in ids, name and webhookId. */
export function replyWorkflow({ id, name, tag, webhookId }: ReplyWorkflow, credential: CredentialRef = CREDENTIAL): object {
  return n8nWorkflow(id, name, [
    blazwaTriggerNode(TRIGGER_NODE, credential, webhookId, { id: `${id}-trigger` }),
    blazwaNode(
      'Reply',
      {
        resource: 'message',
        operation: 'sendToNumber',
        phoneNumber: '={{ $json.from }}',
        message: `=${tag} {{ $json.message }}`,
        imageUrl: '',
        options: {},
      },
      credential,
      { id: `${id}-reply`, position: [260, 0] },
    ),
  ]);
}
