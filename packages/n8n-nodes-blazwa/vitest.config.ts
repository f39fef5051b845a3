import { packageTestConfig } from '../../vitest.shared';

export default packageTestConfig('n8n-nodes-blazwa');
