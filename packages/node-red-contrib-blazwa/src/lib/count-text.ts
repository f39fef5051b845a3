/**
 * Status texts with a number in them. Node-RED's editor translates a status text only when the whole text is a
 * catalogue key, and passes no values (node-red/node-red#2429): a text with a count cannot be a key. So a count is
 * shown as Node-RED's own delay and debug nodes show theirs, as a number, led by a sign every language reads the
 * same; starting with a sign, the editor leaves it as it is. The state is said by the colour and the shape too.
 */
export const countText = {
  /** Messages this node has sent. */
  sent: (count: number): string => `✓ ${count}`,
  /** Messages of this node waiting for their turn (while one is sending, or not). */
  waiting: (count: number): string => `… ${count}`,
  /** Messages this trigger has received. */
  received: (count: number): string => `✉ ${count}`,
} as const;
