// The instance-wide data n8n-core's WorkflowExecute asks for, as far as a run of our nodes without a server uses
// it: the tests and the n8n bench run workflows in the engine alone, each with its own n8n-core.

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
