import type { Node, NodeAPI, NodeMessage } from './red.js';

/** A TypedInput setting (`str`, `msg`, `flow`, `global`, `env`, `jsonata`, …) as saved by the editor. */
export interface TypedSetting {
  value: unknown;
  type: string;
}

/**
 * Reads a setting's value for one msg: the value itself when Node-RED has it at once, a promise when it has to wait (a
 * JSONata expression, an asynchronous context store); `undefined` when the setting is left empty, so the msg's
 * own field applies. A setting that cannot be read throws or rejects.
 */
export type SettingReader = (msg: NodeMessage) => unknown;

/**
 * The reader of `setting` for each msg. A JSONata expression is parsed here, once per node as Node-RED's own nodes do, not
 * once per msg; every other type costs no promise unless Node-RED answers later.
 */
export function settingReader(RED: NodeAPI, node: Node, setting: TypedSetting): SettingReader {
  const type = setting.type || 'str';
  if (setting.value === undefined || setting.value === null || (setting.value === '' && type !== 'jsonata')) {
    return () => undefined;
  }
  if (type === 'jsonata') {
    if (String(setting.value).trim() === '') return () => undefined;
    let expression: ReturnType<NodeAPI['util']['prepareJSONataExpression']>;
    try {
      expression = RED.util.prepareJSONataExpression(String(setting.value), node);
    } catch (error) {
      return () => Promise.reject(error);
    }
    return (msg) => fromCallback((callback) => RED.util.evaluateJSONataExpression(expression, msg, callback));
  }
  return (msg) => fromCallback((callback) => RED.util.evaluateNodeProperty(setting.value, type, node, msg, callback));
}

/** What a Node-RED callback gave: returned (or thrown) when it came at once, otherwise as a promise. */
function fromCallback(start: (callback: (err: Error | null, result: unknown) => void) => void): unknown {
  let outcome: { error: Error } | { value: unknown } | undefined;
  let later: ((err: Error | null, result: unknown) => void) | undefined;
  start((err, result) => {
    if (later) later(err, result);
    else outcome = err ? { error: err } : { value: result };
  });
  if (outcome) {
    if ('error' in outcome) throw outcome.error;
    return outcome.value;
  }
  return new Promise((resolve, reject) => {
    later = (err, result) => (err ? reject(err) : resolve(result));
  });
}

export function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}
