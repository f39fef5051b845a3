// Node-RED as a user starts it: its own process (`node-red` with a settings file), the package in the user folder,
// the default layout (admin and node routes both at `/`). For what only a whole process shows: that it survives.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
// BLAZWA_NODE_RED=/path/to/node_modules/node-red runs it on another Node-RED version, as the other tests do.
const nodeRedDir = process.env.BLAZWA_NODE_RED ?? dirname(require.resolve('node-red/package.json'));
const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface NodeRedProcess {
  url: string;
  /** Everything the process wrote, stdout and stderr, in order. */
  output(): string;
  /** The exit code once it ended, `undefined` while it runs. */
  exited(): number | null | undefined;
  deploy(flows: object[]): Promise<void>;
  stop(): Promise<void>;
}

export async function startNodeRedProcess(settings: Record<string, unknown> = {}): Promise<NodeRedProcess> {
  const userDir = mkdtempSync(join(tmpdir(), 'blazwa-node-red-process-'));
  mkdirSync(join(userDir, 'node_modules'));
  symlinkSync(packageDir, join(userDir, 'node_modules', 'node-red-contrib-blazwa'), 'dir');
  const settingsFile = join(userDir, 'settings.js');
  const all = {
    uiHost: '127.0.0.1',
    flowFile: 'flows.json',
    credentialSecret: 'a-test-secret',
    editorTheme: { tours: false },
    externalModules: { autoInstall: false, palette: { allowInstall: false } },
    telemetry: { enabled: false },
    diagnostics: { enabled: false },
    logging: { console: { level: 'info', metrics: false, audit: false } },
    ...settings,
  };
  writeFileSync(settingsFile, `module.exports = ${JSON.stringify(all)};\n`);

  let output = '';
  let exitCode: number | null | undefined;
  const child: ChildProcess = spawn(process.execPath, [join(nodeRedDir, 'red.js'), '--userDir', userDir, '--settings', settingsFile, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) =>
    child.on('exit', (code) => {
      exitCode = code;
      resolve();
    }),
  );
  const listening = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      const running = /Server now running at (http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
      if (running) resolve(running[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then(() => reject(new Error(`Node-RED exited before it listened:\n${output}`)));
  });
  const url = await listening;
  // Node-RED 3 says it is listening before its first flows have started: a deploy counted from then would take
  // that first start for its own.
  for (let i = 0; i < 400 && !output.includes('Started flows') && exitCode === undefined; i++)
    await new Promise((resolve) => setTimeout(resolve, 50));
  if (!output.includes('Started flows')) throw new Error(`Node-RED did not start its flows:\n${output}`);
  const stop = async (): Promise<void> => {
    if (exitCode === undefined) {
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(userDir, { recursive: true, force: true });
  };

  return {
    url,
    output: () => output,
    exited: () => exitCode,
    async deploy(flows) {
      const before = output.split('Started flows').length;
      const response = await fetch(`${url}/flows`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'node-red-deployment-type': 'full' },
        body: JSON.stringify(flows),
      });
      if (response.status >= 300) throw new Error(`deploy failed: ${response.status} ${await response.text()}`);
      // The admin API answers before the new flows have started; Node-RED logs when they have.
      for (let i = 0; i < 200 && output.split('Started flows').length === before; i++) await new Promise((resolve) => setTimeout(resolve, 50));
      if (output.split('Started flows').length === before) throw new Error(`the flows did not start:\n${output}`);
    },
    stop,
  };
}
