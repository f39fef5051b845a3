import { checkApiKey, SERVERS } from '@blazwa/core';
import type {
	Icon,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { DEFAULT_MIN_INTERVAL_SECONDS } from '../shared/pace-defaults';

/** Preset id → base URL, for the credential test's expression (it runs before any node code). */
const PRESET_BASE_URLS = JSON.stringify(
	Object.fromEntries(Object.entries(SERVERS).map(([id, preset]) => [id, preset.baseUrl])),
);

export class BlazwaApi implements ICredentialType {
	name = 'blazwaApi';

	displayName = 'Blazwa API';

	icon: Icon = { light: 'file:../icons/blazwa.svg', dark: 'file:../icons/blazwa.dark.svg' };

	documentationUrl =
		'https://github.com/blazwa/blazwa-integrations/tree/main/packages/n8n-nodes-blazwa#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Server',
			name: 'server',
			type: 'options',
			options: [
				{ name: SERVERS.blazwa.label, value: 'blazwa' },
				{ name: SERVERS.kasirpintar.label, value: 'kasirpintar' },
				{ name: SERVERS['kasirpintar-kpwa'].label, value: 'kasirpintar-kpwa' },
				{ name: 'Custom (Enter a Base URL)', value: 'custom' },
			],
			default: 'blazwa',
			description:
				'Which Blazwa service your account is on. Pick Custom for a proxy or a test server.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://openapi.blazwa.com',
			description: 'The address before /openapi/wa/…, e.g. http://127.0.0.1:8080',
			displayOptions: { show: { server: ['custom'] } },
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The API key from your Blazwa dashboard. It is sent as the X-API-KEY header.',
		},
		{
			displayName: 'Minimum Interval Between Messages (Seconds)',
			name: 'minInterval',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 2 },
			default: DEFAULT_MIN_INTERVAL_SECONDS,
			description:
				"The least time between two messages sent from this account, across every workflow and execution of this n8n (in queue mode: of each worker). Sending fast can get a WhatsApp account blocked. A node's Wait Between Messages option can only make it slower.",
		},
	];

	// A function, not n8n's generic header expression: the dialog's Test runs only this, not the nodes' code, and with
	// the expression a key with an invisible character (a zero-width space, a BOM) passed the Test while every
	// execution refused it. checkApiKey trims what a paste adds (a trailing newline) and names any other character,
	// never the key.
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		const apiKey = checkApiKey(credentials.apiKey, 'the Blazwa API credential');
		return { ...requestOptions, headers: { ...requestOptions.headers, 'X-API-KEY': apiKey } };
	};

	// Asks for the device status: the cheapest call that needs a valid key, so a wrong key shows in the dialog.
	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{ $credentials.server === 'custom' ? String($credentials.baseUrl).trim().replace(/\\/+$/, '') : (${PRESET_BASE_URLS})[$credentials.server || 'blazwa'] }}`,
			url: '/openapi/wa/status',
			method: 'POST',
			headers: { Accept: 'application/json' },
		},
		// n8n's dialog would say only "Unauthorized": say what to fix, as the nodes' errors do.
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'API key rejected (401): copy the API key again from your Blazwa dashboard, and check that Server is the service the key belongs to (Blazwa and Kasirpintar WA keys differ)',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'The server has no Blazwa API here (404): check Server, or the Base URL (the address before /openapi/wa/…; Kasirpintar-style addresses end in /backend)',
				},
			},
		],
	};
}
