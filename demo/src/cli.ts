// `pnpm demo`: the sandbox and a real Node-RED with our nodes and example flows, until Ctrl-C.
import { fileURLToPath } from 'node:url';
import { failedToStart, printLines, stopOnSignal } from './keep-running.ts';
import { settingsFromEnv } from './settings.ts';
import { startDemo } from './start.ts';

// The demo's own Node-RED user folder, inside the repository and ignored by git; never ~/.node-red.
const userDir = process.env.DEMO_USER_DIR || fileURLToPath(new URL('../../.demo/node-red', import.meta.url));

try {
  const settings = settingsFromEnv(process.env, userDir);
  const demo = await startDemo(settings);
  const lines = [
    '',
    'Blazwa demo is running.',
    '',
    `  Node-RED editor:   ${demo.nodeRedUrl}/`,
    demo.sandbox
      ? `  Sandbox console:  ${demo.sandbox.url}/   (a pretend WhatsApp account: no phone needed)`
      : `  Service:          ${settings.real!.baseUrl} (your real account)`,
    '',
    'Try it:',
    demo.sandbox
      ? '  1. The pretend account is already paired. To see pairing, click "Log out (unpair)" in the sandbox console,\n     then in Node-RED open the Blazwa config node and click "Connect WhatsApp".'
      : '  1. Open the Blazwa config node in Node-RED and click "Connect WhatsApp" if the account is not connected.',
    '  2. In Node-RED, tab "1. Send a message": click the button of "Order paid".',
    demo.sandbox
      ? "     The message appears in the sandbox console's outbox."
      : '     The message arrives on 0812-3456 7890 (edit the inject node first!).',
    demo.sandbox ? '  3. In the sandbox console, send an inbound message: the bot in tab "2. Auto-reply bot" answers it.' : '',
    '',
    'Stop with Ctrl-C.',
  ];
  printLines(lines);
  stopOnSignal(() => demo.stop());
} catch (error) {
  failedToStart(error);
}
