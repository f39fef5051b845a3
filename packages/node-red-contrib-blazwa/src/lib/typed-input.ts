import type { Node, NodeAPI, NodeMessage } from './red.js';

/** A TypedInput setting (`str`, `msg`, `flow`, `global`, `env`, `jsonata`, …) as saved by the editor. */
export interface TypedSetting {
  value: unknown;
  type: string;
}

/** The setting's value for this msg; `undefined` when it is left empty, so the msg's own field applies. */
export function evaluate(RED: NodeAPI, node: Node, setting: TypedSetting, msg: NodeMessage): Promise<unknown> {
  const type = setting.type || 'str';
  if (setting.value === undefined || setting.value === null || (setting.value === '' && type !== 'jsonata')) {
    return Promise.resolve(undefined);
  }
  if (type === 'jsonata' && String(setting.value).trim() === '') return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    RED.util.evaluateNodeProperty(setting.value, type, node, msg, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

export function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}
