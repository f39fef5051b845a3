// The account has one webhook and the service cannot say whose it is: the Blazwa Trigger must never leave a
// published workflow deaf. The sequences (helpers/trigger-ownership.ts) run here on one n8n 2 and one n8n 1
// process; queue-mode.test.ts runs the same on a queue-mode cluster.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startSandbox, type Sandbox } from '@blazwa/sandbox';
import { afterAll, beforeAll, describe } from 'vitest';

import { N8nInstance, packNodesPackage, progress, RELEASES, signIn, signInAsNewOwner, type Release, type Session } from '@blazwa/n8n-harness';
import {
  OWNER_WORKFLOWS,
  ownershipCredentialFile,
  ownershipSequences,
  ownershipWorkflowFile,
  type OwnershipTarget,
} from './helpers/trigger-ownership.ts';

type Summary = { id: string; workflowId: string; status: string; mode: string };

describe.each(RELEASES)('$title: one published Blazwa Trigger per account, never deaf', (release: Release) => {
  let sandbox: Sandbox;
  let n8n: N8nInstance;
  let session: Session;
  let workDir: string;
  const logFile = () => join(workDir, 'n8n.log');

  const target = (): OwnershipTarget => ({
    title: release.title,
    release,
    sandbox,
    session,
    productionUrl: (workflow) => `${n8n.url}/webhook/${workflow.webhookId}/webhook`,
    testUrl: (workflow) => `${n8n.url}/webhook-test/${workflow.webhookId}/webhook`,
    async productionRuns() {
      const counts: Record<string, number> = {};
      for (const workflow of OWNER_WORKFLOWS) {
        const filter = encodeURIComponent(JSON.stringify({ workflowId: workflow.id }));
        const { results } = await session.request<{ results: Summary[] }>('GET', `/executions?filter=${filter}&limit=100`);
        counts[workflow.tag] = results.filter((run) => run.mode === 'webhook').length;
      }
      return counts;
    },
    async restart(before) {
      await n8n.stop();
      await before?.();
      await n8n.start();
      // The owner set up before the restart signs in again, as on the editor's login page.
      session = await signIn(n8n.url, 'owner@e2e.example', 'E2e-owner-password-1');
    },
    async activate(workflow) {
      await n8n.cliOk(release.activateArgs(workflow.id));
    },
    said: () => `n8n said:\n${n8n.log}`,
    logs: () => [readFileSync(logFile(), 'utf8')],
  });

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'blazwa-e2e-n8n-owner-'));
    const tarball = packNodesPackage(workDir);
    sandbox = await startSandbox({ paired: true, apiKeys: [`e2e-${randomBytes(12).toString('hex')}`] });
    n8n = await N8nInstance.create(release, { logFile: logFile() });
    n8n.installCommunityNode(tarball);

    await n8n.importFixtures({
      credentials: ownershipCredentialFile(sandbox.url, sandbox.apiKey),
      workflows: ownershipWorkflowFile(),
    });
    await n8n.start();
    session = await signInAsNewOwner(n8n.url);
    progress(`${release.title}: ${OWNER_WORKFLOWS.length} workflows imported, n8n running`);
  });

  afterAll(async () => {
    await n8n?.dispose();
    await sandbox?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  ownershipSequences(target);
});
