import type { NodeAPI } from './red.js';

const SLOT = '\u0000count\u0000';

/**
 * A catalogue text with a number in it (`__count__`, or the substitution `name`), translated once: the trigger and
 * the send node show a status on every msg, and a translation lookup per msg cost more than the rest of the
 * trigger's work together.
 */
export function countText(RED: NodeAPI, key: string, name = 'count'): (count: number) => string {
  const template = RED._(key, { [name]: SLOT });
  // Without its slot (a catalogue that leaves the count out) the text is the same for every count.
  return template.includes(SLOT) ? (count) => template.replace(SLOT, String(count)) : () => template;
}
