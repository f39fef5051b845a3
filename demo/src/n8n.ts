// `pnpm demo:n8n`: the sandbox and a real n8n (installed into .cache/ on first use) with the packed
// n8n-nodes-blazwa, a Blazwa credential and the example workflows.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installN8n2, N8N_2, N8nInstance, packNodesPackage, progress, signInAsNewOwner, type Owner } from '@blazwa/n8n-harness';
import { startSandbox, type Sandbox } from '@blazwa/sandbox';
import { AUTO_REPLY, credentialFile, workflowFile, type N8nAccount } from './n8n-workflows.ts';
import { ensurePortFree } from './ports.ts';
import type { N8nDemoSettings } from './settings.ts';

const HOST = '127.0.0.1';

export interface RunningN8nDemo {
  n8nUrl: string;
  /** The owner account made for this run: n8n has no editor without one. */
  login: Pick<Owner, 'email' | 'password'>;
  /** Absent when the demo runs against the real service. */
  sandbox?: Sandbox;
  /** Only against the sandbox: on a real account, activating it would replace the account's one webhook. */
  autoReplyActive: boolean;
  /** n8n's own output, kept out of the terminal. */
  logFile: string;
  stop(): Promise<void>;
}

/** A fresh password each run, shown in the terminal only; n8n wants a digit and a capital letter. */
function demoOwner(): Owner {
  return { email: 'demo@blazwa.local', firstName: 'Blazwa', lastName: 'Demo', password: `Demo-${randomBytes(6).toString('base64url')}-1` };
}

async function checkPorts(settings: N8nDemoSettings): Promise<void> {
  await ensurePortFree(settings.n8nPort, HOST, 'n8n', 'DEMO_N8N_PORT');
  if (!settings.real) await ensurePortFree(settings.sandboxPort, HOST, 'the Blazwa sandbox', 'DEMO_SANDBOX_PORT');
}

/** The packed package installed with npm into the user folder, as n8n's manual community-node install does. */
function installPackedNodes(n8n: N8nInstance): void {
  const work = mkdtempSync(join(tmpdir(), 'blazwa-demo-pack-'));
  try {
    n8n.installCommunityNode(packNodesPackage(work));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The credential (removed again once n8n has it encrypted) and the workflows, then the auto-reply marked active. */
async function importDemo(n8n: N8nInstance, account: N8nAccount, activateAutoReply: boolean): Promise<void> {
  await n8n.importFixtures({ credentials: credentialFile(account), workflows: workflowFile() });
  // Published before start, as n8n 2's CLI documents: the server activates it, registering its webhook.
  if (activateAutoReply) await n8n.cliOk(N8N_2.activateArgs(AUTO_REPLY.id));
}

export async function startN8nDemo(settings: N8nDemoSettings): Promise<RunningN8nDemo> {
  await checkPorts(settings);
  await installN8n2();
  // The first install takes minutes: something may have taken a port meanwhile.
  await checkPorts(settings);

  // Paired, so the first click already sends; "Log out (unpair)" in the sandbox console shows the QR.
  const sandbox = settings.real ? undefined : await startSandbox({ host: HOST, port: settings.sandboxPort, paired: true });
  const account: N8nAccount = settings.real ?? { server: 'custom', baseUrl: sandbox!.url, apiKey: sandbox!.apiKey };
  const logFile = join(settings.userDir, 'n8n.log');
  let n8n: N8nInstance | undefined;
  try {
    // n8n's user folder for this run, inside the repository and ignored by git; never ~/.n8n.
    rmSync(settings.userDir, { recursive: true, force: true });
    mkdirSync(settings.userDir, { recursive: true });
    n8n = await N8nInstance.create(N8N_2, { userFolder: settings.userDir, port: settings.n8nPort, logFile });
    progress('installing the packed n8n-nodes-blazwa as a community node');
    installPackedNodes(n8n);
    progress('importing the Blazwa credential and the demo workflows');
    await importDemo(n8n, account, !settings.real);
    progress(`starting n8n (its log: ${logFile})`);
    await n8n.start();
    const owner = demoOwner();
    await signInAsNewOwner(n8n.url, owner);
    const running = n8n;
    return {
      n8nUrl: n8n.url,
      login: { email: owner.email, password: owner.password },
      ...(sandbox ? { sandbox } : {}),
      autoReplyActive: !settings.real,
      logFile,
      async stop() {
        await running.dispose();
        await sandbox?.close();
      },
    };
  } catch (error) {
    await n8n?.dispose();
    await sandbox?.close();
    throw error;
  }
}
