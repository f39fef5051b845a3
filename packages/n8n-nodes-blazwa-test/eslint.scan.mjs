// The rules n8n's package scanner (@n8n/scan-community-package) applies before a community package can be
// verified: @n8n/eslint-plugin-community-nodes' recommended config, no-console, and eslint-plugin-n8n-nodes-base's
// community / credentials / nodes rulesets with the scanner's own exceptions. test/package.test.ts runs them on the
// packed tarball (compiled .js and package.json); the sources get n8n's own `n8n-node lint`.
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

export function scanConfig() {
	return [
		n8nCommunityNodesPlugin.configs.recommended,
		{ rules: { 'no-console': 'error' } },
		{ plugins: { 'n8n-nodes-base': n8nNodesBase } },
		{ files: ['package.json'], rules: { ...n8nNodesBase.configs.community.rules } },
		{
			files: ['**/credentials/**/*.ts'],
			rules: {
				...n8nNodesBase.configs.credentials.rules,
				'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
				'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
			},
		},
		{
			files: ['**/nodes/**/*.ts'],
			rules: {
				...n8nNodesBase.configs.nodes.rules,
				'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
				'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
				'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
			},
		},
		{ files: ['**/*.json'], languageOptions: { parser: tseslint.parser } },
		{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } },
	];
}
