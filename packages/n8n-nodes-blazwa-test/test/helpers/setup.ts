import { startSandbox, type Sandbox, type SandboxOptions } from '@blazwa/sandbox';
import type { IDataObject, INode } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach } from 'vitest';

import { createHarness, runNode, START, startNodeType, type Harness, type RunResult } from './n8n';

export interface Context {
	sandbox: Sandbox;
	harness: Harness;
	/** Runs the Blazwa node once over `items` with these parameters. */
	run(
		parameters: IDataObject,
		items?: IDataObject[],
		settings?: Partial<INode>,
		onStarted?: (stop: () => void) => void,
	): Promise<RunResult>;
}

/** One sandbox per test file, reset between tests; n8n talks to it with the credential pointed at its URL. */
export function useSandbox(options: SandboxOptions = {}, apiKey?: string): Context {
	const context = {} as Context;
	beforeAll(async () => {
		context.sandbox = await startSandbox(options);
		context.harness = createHarness(
			{
				blazwaApi: {
					server: 'custom',
					baseUrl: context.sandbox.url,
					apiKey: apiKey ?? context.sandbox.apiKey,
				},
			},
			{ [START]: startNodeType },
		);
		context.run = async (parameters, items, settings, onStarted) =>
			await runNode(context.harness, {
				parameters,
				...(items ? { items } : {}),
				...(settings ? { settings } : {}),
				...(onStarted ? { onStarted } : {}),
			});
	});
	beforeEach(() => {
		context.sandbox.reset();
		if (options.paired) context.sandbox.pair();
		else context.sandbox.unpair();
	});
	afterAll(async () => {
		await context.sandbox?.close();
	});
	return context;
}
