// Flows the Node-RED benches deploy. Each path starts at the node a msg is handed to and ends at an inactive debug
// node, where the bench sees it arrive; a catch node sends a failed msg to a second end, so every msg ends once.

/** Where a path starts and ends, and what counts as a good answer at its end. */
export interface Path {
  start: string;
  end: string;
  failed: string;
  /** An arriving msg that is not a success (the `http request` node passes a 4xx on as a msg). */
  ok?: (msg: Record<string, any>) => boolean;
}

const end = (id: string, z: string) => ({ id, z, type: 'debug', active: false, tosidebar: true, console: false, complete: 'false', wires: [] });
const catcher = (id: string, z: string, scope: string[], failed: string) => [
  { id, z, type: 'catch', scope, uncaught: false, wires: [[failed]] },
  end(failed, z),
];

/** The Blazwa config node against a sandbox; `minIntervalS` is its pacing (0: one after another, no pause). */
export function accountNode(id: string, sandbox: { url: string; apiKey: string }, minIntervalS: number) {
  return {
    id,
    type: 'blazwa-config',
    name: 'bench',
    server: 'custom',
    baseUrl: sandbox.url,
    timeout: 30,
    minInterval: minIntervalS,
    publicBaseUrl: '',
    credentials: { apiKey: sandbox.apiKey },
  };
}

/** blazwa-send with its fields left empty: it takes msg.phoneNumber and the text in msg.payload. */
export function sendPath(prefix: string, account: string): { flows: object[]; path: Path } {
  const z = `${prefix}-tab`;
  const empty = (field: string) => ({ [field]: '', [`${field}Type`]: 'str' });
  return {
    flows: [
      { id: z, type: 'tab', label: `${prefix}: blazwa-send` },
      {
        id: `${prefix}-send`,
        z,
        type: 'blazwa-send',
        account,
        target: 'number',
        ...empty('phoneNumber'),
        ...empty('groupName'),
        ...empty('message'),
        ...empty('imageUrl'),
        checkNumber: false,
        wires: [[`${prefix}-end`]],
      },
      end(`${prefix}-end`, z),
      ...catcher(`${prefix}-catch`, z, [`${prefix}-send`], `${prefix}-failed`),
    ],
    path: { start: `${prefix}-send`, end: `${prefix}-end`, failed: `${prefix}-failed`, ok: (msg) => typeof msg.payload?.id === 'string' },
  };
}

/**
 * The same call without our package: a change node builds URL, headers (with X-API-KEY) and the JSON body from the
 * same msg, and the core `http request` node POSTs it with keep-alive on, as the send node's client does. The body is
 * built with move/set rules, not JSONata, so the baseline pays the least a flow author could make it pay.
 */
export function httpRequestPath(prefix: string, sandbox: { url: string; apiKey: string }): { flows: object[]; path: Path } {
  const z = `${prefix}-tab`;
  const rule = (t: string, p: string, to: string, tot: string) => ({ t, p, pt: 'msg', to, tot });
  return {
    flows: [
      { id: z, type: 'tab', label: `${prefix}: change + http request` },
      {
        id: `${prefix}-build`,
        z,
        type: 'change',
        name: 'build the API call',
        rules: [
          rule('move', 'payload', 'message', 'msg'),
          rule('set', 'payload', '{}', 'json'),
          rule('move', 'phoneNumber', 'payload.phoneNumber', 'msg'),
          rule('move', 'message', 'payload.message', 'msg'),
          rule('set', 'url', `${sandbox.url}/openapi/wa/message`, 'str'),
          rule('set', 'headers', JSON.stringify({ 'X-API-KEY': sandbox.apiKey, accept: 'application/json' }), 'json'),
        ],
        wires: [[`${prefix}-request`]],
      },
      {
        id: `${prefix}-request`,
        z,
        type: 'http request',
        method: 'POST',
        ret: 'obj',
        paytoqs: 'ignore',
        url: '',
        tls: '',
        persist: true,
        proxy: '',
        insecureHTTPParser: false,
        authType: '',
        senderr: false,
        headers: [],
        wires: [[`${prefix}-end`]],
      },
      end(`${prefix}-end`, z),
      ...catcher(`${prefix}-catch`, z, [`${prefix}-build`, `${prefix}-request`], `${prefix}-failed`),
    ],
    path: {
      start: `${prefix}-build`,
      end: `${prefix}-end`,
      failed: `${prefix}-failed`,
      ok: (msg) => msg.statusCode === 200 && msg.payload?.code === 20001,
    },
  };
}

/** blazwa-trigger on `path` (the path is its secret); a msg per delivery to the end node. */
export function triggerPath(prefix: string, routePath: string): { flows: object[]; end: string } {
  const z = `${prefix}-tab`;
  return {
    flows: [
      { id: z, type: 'tab', label: `${prefix}: blazwa-trigger` },
      {
        id: `${prefix}-trigger`,
        z,
        type: 'blazwa-trigger',
        path: routePath,
        account: '',
        register: false,
        allowFrom: '',
        wires: [[`${prefix}-end`]],
      },
      end(`${prefix}-end`, z),
    ],
    end: `${prefix}-end`,
  };
}

/** The core `http in` (POST) answered by `http response`, with the msg also going on to the end node. */
export function httpInPath(prefix: string, routePath: string): { flows: object[]; end: string } {
  const z = `${prefix}-tab`;
  return {
    flows: [
      { id: z, type: 'tab', label: `${prefix}: http in + http response` },
      {
        id: `${prefix}-in`,
        z,
        type: 'http in',
        url: routePath,
        method: 'post',
        upload: false,
        swaggerDoc: '',
        wires: [[`${prefix}-response`, `${prefix}-end`]],
      },
      { id: `${prefix}-response`, z, type: 'http response', statusCode: '', headers: {}, wires: [] },
      end(`${prefix}-end`, z),
    ],
    end: `${prefix}-end`,
  };
}
