// Workflows that answer every incoming message with a reply naming themselves, so the outbox shows which workflow
// each delivery reached.
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
export function replyWorkflow({ id, name, tag, webhookId }: ReplyWorkflow, credential: { id: string; name: string } = CREDENTIAL): object {
  const credentials = { blazwaApi: credential };
  return {
    id,
    name,
    active: false,
    nodes: [
      {
        parameters: { senders: '' },
        id: `${id}-trigger`,
        name: TRIGGER_NODE,
        type: 'n8n-nodes-blazwa.blazwaTrigger',
        typeVersion: 1,
        position: [0, 0],
        webhookId,
        credentials,
      },
      {
        parameters: {
          resource: 'message',
          operation: 'sendToNumber',
          phoneNumber: '={{ $json.from }}',
          message: `=${tag} {{ $json.message }}`,
          imageUrl: '',
          options: {},
        },
        id: `${id}-reply`,
        name: 'Reply',
        type: 'n8n-nodes-blazwa.blazwa',
        typeVersion: 1,
        position: [260, 0],
        credentials,
      },
    ],
    connections: { [TRIGGER_NODE]: { main: [[{ node: 'Reply', type: 'main', index: 0 }]] } },
    settings: { executionOrder: 'v1' },
  };
}
