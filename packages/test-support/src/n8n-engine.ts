// What a run of our nodes in n8n-core's WorkflowExecute needs without an n8n server: the tests and the n8n bench run
// workflows in the engine alone, each with its own n8n-workflow and n8n-core. Each caller passes its own
// n8n-workflow, so the classes here extend and match that copy; nothing here imports n8n.

/** What these helpers use of the caller's n8n-workflow. */
export interface N8nWorkflowModule {
  ICredentialsHelper: abstract new () => object;
  NodeHelpers: { getVersionedNodeType(type: unknown, version?: number): unknown };
}

type Credentials = Record<string, unknown>;
type GenericAuthenticate = { type: 'generic'; properties: Record<string, Record<string, string>> };
type RequestOptions = Record<string, unknown>;
interface WorkflowInstance {
  expression: {
    getSimpleParameterValue(
      node: unknown,
      value: string,
      mode: string,
      additionalKeys: object,
      executeData: undefined,
      defaultValue: string,
    ): unknown;
  };
}

/** `IWorkflowExecuteAdditionalData` for an engine-only run: local URLs, and what needs a server refuses. */
export function engineOnlyAdditionalData(credentialsHelper: unknown): Record<string, unknown> {
  return {
    credentialsHelper,
    webhookBaseUrl: 'http://127.0.0.1/webhook/',
    webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting/',
    webhookTestBaseUrl: 'http://127.0.0.1/webhook-test/',
    restApiUrl: 'http://127.0.0.1/rest',
    formWaitingBaseUrl: 'http://127.0.0.1/form-waiting/',
    instanceBaseUrl: 'http://127.0.0.1/',
    variables: {},
    currentNodeParameters: undefined,
    executeWorkflow: async () => {
      throw new Error('not used');
    },
    getRunExecutionData: async () => undefined,
    logAiEvent: () => {},
    startRunnerTask: async () => {
      throw new Error('not used');
    },
  };
}

/** `INodeTypes` over the given node types, by type name; versioned types resolve as n8n resolves them. */
export function engineOnlyNodeTypes(workflow: N8nWorkflowModule, types: Record<string, unknown>): unknown {
  const get = (name: string): unknown => {
    const type = types[name];
    if (!type) throw new Error(`Unknown node type ${name}`);
    return type;
  };
  return {
    getByName: get,
    getByNameAndVersion: (name: string, version?: number) => workflow.NodeHelpers.getVersionedNodeType(get(name), version),
    getKnownTypes: () => ({}),
  };
}

/**
 * A CredentialsHelper that hands out the run's decrypted `data` by credential type and applies a credential type's
 * `authenticate`, resolving a generic one's expressions with the workflow's expression engine, as n8n's own does.
 */
export function engineOnlyCredentialsHelper(
  workflow: N8nWorkflowModule,
  types: Record<string, { authenticate?: unknown }>,
  data: Record<string, Credentials>,
): unknown {
  class CredentialsHelper extends workflow.ICredentialsHelper {
    getParentTypes(): string[] {
      return [];
    }

    getCredentialsProperties() {
      return [];
    }

    async authenticate(
      credentials: Credentials,
      typeName: string,
      requestOptions: RequestOptions,
      instance: WorkflowInstance,
      node: unknown,
    ): Promise<RequestOptions> {
      const authenticate = types[typeName]?.authenticate as
        ((credentials: Credentials, options: RequestOptions) => Promise<RequestOptions>) | GenericAuthenticate | undefined;
      if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
      if (authenticate?.type !== 'generic') return requestOptions;
      const resolve = (value: string) =>
        String(instance.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials }, undefined, ''));
      const target = requestOptions as Record<string, Record<string, string>>;
      for (const [outerKey, entries] of Object.entries(authenticate.properties)) {
        target[outerKey] ??= {};
        for (const [key, value] of Object.entries(entries)) target[outerKey]![resolve(key)] = resolve(value);
      }
      return requestOptions;
    }

    async preAuthentication() {
      return undefined;
    }

    async runPreAuthentication() {
      return undefined;
    }

    async getDecrypted(_additionalData: unknown, _nodeCredentials: unknown, type: string): Promise<Credentials> {
      const credentials = data[type];
      if (!credentials) throw new Error(`No credentials of type ${type} in this run`);
      return { ...credentials };
    }

    async getCredentials(): Promise<never> {
      throw new Error('not used in an engine-only run');
    }

    async updateCredentials(): Promise<void> {}

    async updateCredentialsOauthTokenData(): Promise<void> {}

    getOAuth2Options() {
      return undefined;
    }

    isCredentialUsableByNode() {
      return true;
    }
  }
  return new CredentialsHelper();
}

/** A pass-through start node, a stand-in for a trigger: the items the run is given go on to the next node. */
export const startNodeType = {
  description: {
    displayName: 'Start',
    name: 'start',
    group: ['input'],
    version: 1,
    description: 'Passes the run’s items on',
    defaults: { name: 'Start' },
    inputs: ['main'],
    outputs: ['main'],
    properties: [],
  },
  async execute(this: { getInputData(): unknown[] }) {
    return [this.getInputData()];
  },
};
