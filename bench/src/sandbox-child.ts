// The sandbox in a process of its own (forked by sandbox-process.ts): its outbox and its share of the CPU stay out of
// the process being measured.
import { startSandbox, type SandboxOptions } from '@blazwa/sandbox';

const options = JSON.parse(process.argv[2] ?? '{}') as SandboxOptions;
const sandbox = await startSandbox(options);
process.send!({ url: sandbox.url, apiKey: sandbox.apiKey });
// The parent going away, on purpose or not, ends the sandbox too.
process.on('disconnect', () => {
  void sandbox.close().finally(() => process.exit(0));
});
