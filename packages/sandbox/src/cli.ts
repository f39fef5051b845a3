import { parseArgs } from 'node:util';
import { startSandbox } from './start.js';
import type { SandboxOptions } from './types.js';

const HELP = `blazwa-sandbox: a local Blazwa / Kasirpintar WA server for building flows offline

Usage: blazwa-sandbox [options]

  --port <n>           port to listen on (default 8080; 0 picks a free one)
  --host <address>     address to listen on (default 127.0.0.1: this machine only)
  --api-key <key>      an accepted X-API-KEY (repeat for more; default sandbox-api-key)
  --group <name>       a WhatsApp group the device is in (repeat; default Staff, Pelanggan)
  --registered <phone> a number that is on WhatsApp (repeat)
  --unregistered <phone> a number that is not on WhatsApp (repeat)
  --device-number <phone> the device's own number (default 6280000000000)
  --paired             start already paired (default: waiting for a QR scan)
  --qr-rotate-ms <n>   show a new login QR code every n ms while unpaired, as WhatsApp does (default 0: one code)
  -h, --help           show this
`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8080' },
      host: { type: 'string', default: '127.0.0.1' },
      'api-key': { type: 'string', multiple: true },
      group: { type: 'string', multiple: true },
      registered: { type: 'string', multiple: true },
      unregistered: { type: 'string', multiple: true },
      'device-number': { type: 'string' },
      paired: { type: 'boolean', default: false },
      'qr-rotate-ms': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port ${values.port} is not a port number (0–65535)`);
  const options: SandboxOptions = { port, host: values.host, paired: values.paired };
  if (values['api-key']) options.apiKeys = values['api-key'];
  if (values.group) options.groups = values.group;
  if (values.registered) options.registered = values.registered;
  if (values.unregistered) options.unregistered = values.unregistered;
  if (values['device-number']) options.deviceNumber = values['device-number'];
  if (values['qr-rotate-ms'] !== undefined) options.qrRotateMs = Number(values['qr-rotate-ms']);

  const sandbox = await startSandbox(options);
  process.stdout.write(
    [
      'Blazwa sandbox is running (not the real service: nothing reaches WhatsApp).',
      '',
      `  Base URL (server setting "custom"): ${sandbox.url}`,
      `  Kasirpintar-style base URL:         ${sandbox.url}/backend`,
      `  API key:                            ${sandbox.apiKey}`,
      `  Console (open in a browser):        ${sandbox.url}/`,
      '',
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping the sandbox…\n`);
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`Could not stop cleanly: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  const hint = /EADDRINUSE/.test(message) ? ' (that port is taken: try --port 0 or another number)' : '';
  process.stderr.write(`blazwa-sandbox: ${message}${hint}\n\n${HELP}`);
  process.exit(1);
});
