// `pnpm demo:n8n`: the sandbox and a real n8n with n8n-nodes-blazwa and example workflows, until Ctrl-C.
import { fileURLToPath } from 'node:url';
import { failedToStart, printLines, stopOnSignal } from './keep-running.ts';
import { startN8nDemo } from './n8n.ts';
import { AUTO_REPLY, SEND, STATUS } from './n8n-workflows.ts';
import { n8nSettingsFromEnv } from './settings.ts';

// The demo's own n8n user folder, inside the repository and ignored by git; never ~/.n8n.
const userDir = process.env.DEMO_N8N_USER_DIR || fileURLToPath(new URL('../../.demo/n8n', import.meta.url));

try {
  const settings = n8nSettingsFromEnv(process.env, userDir);
  const demo = await startN8nDemo(settings);
  const sandbox = demo.sandbox;
  printLines([
    '',
    'Blazwa n8n demo is running.',
    '',
    `  n8n editor:       ${demo.n8nUrl}/`,
    `  Log in with:      ${demo.login.email}  /  ${demo.login.password}   (the owner made for this run; a new password each run)`,
    sandbox
      ? `  Sandbox console:  ${sandbox.url}/   (a pretend WhatsApp account: no phone needed)`
      : `  Service:          ${settings.real!.baseUrl} (your real account)`,
    '',
    // n8n 2.41 opens on its Assistant page after the login.
    'Try it (the three workflows are under "Overview" in the left-hand menu):',
    `  1. Open the workflow "${SEND.name}" and click "Execute workflow".`,
    sandbox
      ? "     The message appears in the sandbox console's outbox."
      : `     The message goes to ${SEND.phoneNumber}: change the number in the Blazwa node first!`,
    demo.autoReplyActive
      ? `  2. "${AUTO_REPLY.name}" is active. In the sandbox console, send an incoming message ("Deliver to webhook"):\n     the reply appears in the outbox, and the run in the workflow's Executions tab.`
      : `  2. "${AUTO_REPLY.name}" is left inactive: activating it points your account's one webhook at this n8n,\n     which the service cannot reach on 127.0.0.1.`,
    `  3. Open "${STATUS.name}" and click "Execute workflow": the connection status, and the login QR when the`,
    sandbox
      ? '     account waits for one. Click "Log out (unpair)" in the sandbox console first to see the QR, "Scan with phone (pair)" after.'
      : "     account waits for one (open the Login QR node's output and scan it with WhatsApp → Linked devices).",
    '',
    `n8n's own log: ${demo.logFile}`,
    'Stop with Ctrl-C.',
  ]);
  stopOnSignal(() => demo.stop());
} catch (error) {
  failedToStart(error);
}
