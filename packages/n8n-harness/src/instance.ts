// One n8n instance as a self-hoster runs it: its own user folder, its CLI, its server on 127.0.0.1.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { userEnv } from '@blazwa/test-support/npm';
import { endProcess, freePort } from '@blazwa/test-support/processes';

import { progress } from './progress.ts';
import { n8nBin, type Release } from './releases.ts';

export { freePort };

export interface CliResult {
  code: number | null;
  /** Set when the process ended on a signal (code is then null). */
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface InstanceOptions {
  /** A folder the caller owns and keeps; by default a fresh temporary one that dispose() removes. */
  userFolder?: string;
  /** By default one the kernel hands out. */
  port?: number;
  /** Where the server's output is appended as well, for a person to read. */
  logFile?: string;
  /** Set over this instance's own environment for every process (queue mode: database, Redis, the webhook URL). */
  env?: NodeJS.ProcessEnv;
  /** By default one of its own; the processes of one queue-mode installation share theirs. */
  encryptionKey?: string;
}

/** What `start()` runs: the main process (editor, API, triggers), a queue-mode webhook process or worker. */
export type ServerCommand = 'start' | 'webhook' | 'worker';

/** The line each command logs once it serves. n8n 1 answers /healthz before its REST routes are mounted. */
const READY_LINE: Record<ServerCommand, string> = {
  start: 'Editor is now accessible',
  webhook: 'Webhook listener waiting for requests',
  worker: 'n8n worker is now ready',
};

/** A port the kernel just handed out; n8n binds it a moment later. */
export class N8nInstance {
  readonly release: Release;
  readonly userFolder: string;
  readonly port: number;
  readonly url: string;
  private readonly ownsUserFolder: boolean;
  private readonly logFile: string | undefined;
  private server: ChildProcess | undefined;
  private serverLog = '';
  private readonly encryptionKey: string;
  private readonly extraEnv: NodeJS.ProcessEnv;

  private constructor(release: Release, port: number, options: InstanceOptions) {
    this.release = release;
    this.port = port;
    this.url = `http://127.0.0.1:${port}`;
    this.ownsUserFolder = options.userFolder === undefined;
    this.userFolder = options.userFolder ?? mkdtempSync(join(tmpdir(), 'blazwa-e2e-n8n-'));
    mkdirSync(this.userFolder, { recursive: true });
    this.logFile = options.logFile;
    this.encryptionKey = options.encryptionKey ?? randomBytes(24).toString('hex');
    this.extraEnv = options.env ?? {};
  }

  static async create(release: Release, options: InstanceOptions = {}): Promise<N8nInstance> {
    return new N8nInstance(release, options.port || (await freePort()), options);
  }

  /**
   * Installs a packed community node the way n8n's manual-install instructions say: npm in <user folder>/.n8n/nodes,
   * which n8n scans at start. --legacy-peer-deps stands for what n8n's own installer does (it drops
   * peerDependencies): the node must use the host's n8n-workflow, never a second copy.
   */
  installCommunityNode(tarball: string): void {
    const nodesDir = join(this.userFolder, '.n8n', 'nodes');
    mkdirSync(nodesDir, { recursive: true });
    writeFileSync(join(nodesDir, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true }));
    const npm = spawnSync('npm', ['install', tarball, '--legacy-peer-deps', '--audit=false', '--fund=false', '--ignore-scripts=true'], {
      cwd: nodesDir,
      env: userEnv(),
      encoding: 'utf8',
      timeout: 120_000,
    });
    if (npm.status !== 0) throw new Error(`npm install ${tarball} failed: ${npm.error?.message ?? ''}${npm.stderr}${npm.stdout}`);
  }

  /**
   * `n8n import:credentials`, then `n8n import:workflow`, each from a file in the user folder. The credential file
   * holds the API key in the clear: it is readable by its owner only and removed as soon as n8n has it encrypted.
   */
  async importFixtures(fixtures: { credentials?: readonly object[]; workflows?: readonly object[] }): Promise<void> {
    if (fixtures.credentials) {
      const file = join(this.userFolder, 'credentials.json');
      writeFileSync(file, JSON.stringify(fixtures.credentials), { mode: 0o600 });
      try {
        await this.cliOk(['import:credentials', `--input=${file}`]);
      } finally {
        rmSync(file, { force: true });
      }
    }
    if (fixtures.workflows) {
      const file = join(this.userFolder, 'workflows.json');
      writeFileSync(file, JSON.stringify(fixtures.workflows));
      await this.cliOk(['import:workflow', `--input=${file}`]);
    }
  }

  /** The environment of every n8n process: this user folder, loopback only, nothing phoned home. */
  private async env(): Promise<NodeJS.ProcessEnv> {
    const env: NodeJS.ProcessEnv = { ...process.env };
    // vitest's NODE_ENV=test makes n8n refuse to load nodes ("Not available in tests").
    delete env.NODE_ENV;
    delete env.NODE_OPTIONS;
    for (const name of Object.keys(env)) if (name.startsWith('VITEST')) delete env[name];
    return {
      ...env,
      HOME: this.userFolder,
      N8N_USER_FOLDER: this.userFolder,
      N8N_ENCRYPTION_KEY: this.encryptionKey,
      N8N_LISTEN_ADDRESS: '127.0.0.1',
      N8N_HOST: '127.0.0.1',
      N8N_PORT: String(this.port),
      N8N_PROTOCOL: 'http',
      WEBHOOK_URL: `${this.url}/`,
      // Each process starts its own task broker; a fresh port keeps runs on one machine apart.
      N8N_RUNNERS_BROKER_PORT: String(await freePort()),
      N8N_DIAGNOSTICS_ENABLED: 'false',
      N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
      N8N_TEMPLATES_ENABLED: 'false',
      N8N_PERSONALIZATION_ENABLED: 'false',
      N8N_SECURE_COOKIE: 'false',
      ...this.extraEnv,
    };
  }

  /** Runs `n8n <args>` to the end. */
  async cli(args: string[], timeoutMs = 120_000): Promise<CliResult> {
    const started = Date.now();
    const child = spawn(this.release.node, [n8nBin(this.release), ...args], { cwd: this.userFolder, env: await this.env() });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
      child.once('close', (exitCode, exitSignal) => resolve([exitCode, exitSignal])),
    );
    clearTimeout(timer);
    progress(`n8n ${args[0]}: exit ${code ?? signal} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return { code, signal, stdout, stderr };
  }

  /** Like cli(), but a failure throws with n8n's own words. */
  async cliOk(args: string[], timeoutMs?: number): Promise<string> {
    const result = await this.cli(args, timeoutMs);
    if (result.code !== 0)
      throw new Error(`n8n ${args.join(' ')} failed (exit ${result.code ?? result.signal}):\n${result.stderr}\n${result.stdout}`);
    return result.stdout;
  }

  /**
   * `n8n start` (or a queue-mode `n8n webhook` / `n8n worker`), until it says it serves and /healthz/readiness
   * answers on its port (a worker's is its health-check port, QUEUE_HEALTH_CHECK_PORT).
   */
  async start(timeoutMs = 120_000, command: ServerCommand = 'start'): Promise<void> {
    const started = Date.now();
    const server = spawn(this.release.node, [n8nBin(this.release), command], { cwd: this.userFolder, env: await this.env() });
    this.server = server;
    // A restart's readiness is read from its own output only.
    this.serverLog = '';
    const keep = (chunk: string) => {
      this.serverLog = (this.serverLog + chunk).slice(-20_000);
      if (this.logFile) appendFileSync(this.logFile, chunk);
    };
    server.stdout.setEncoding('utf8').on('data', keep);
    server.stderr.setEncoding('utf8').on('data', keep);
    let exited: number | null | undefined;
    server.once('exit', (code) => (exited = code));
    while (Date.now() - started < timeoutMs) {
      if (exited !== undefined) throw new Error(`n8n ${command} exited (${exited}) before it was ready:\n${this.serverLog}`);
      const ready =
        this.serverLog.includes(READY_LINE[command]) &&
        (await fetch(`${this.url}/healthz/readiness`).then(
          (response) => response.ok,
          () => false,
        ));
      if (ready) {
        progress(`n8n ${command}: ready at ${this.url} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
        return;
      }
      await sleep(500);
    }
    throw new Error(`n8n ${command} was not ready after ${timeoutMs / 1000} s:\n${this.serverLog}`);
  }

  /** The last lines the server printed, for a failing assertion's message. */
  get log(): string {
    return this.serverLog;
  }

  /** The running server's PID. */
  get pid(): number | undefined {
    return this.server?.pid;
  }

  /** Stops the server (SIGTERM, then SIGKILL after 20 s) and keeps the user folder, for a restart. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    await endProcess(server, 'SIGTERM');
  }

  /** Stops the server and removes the user folder if it made it. */
  async dispose(): Promise<void> {
    await this.stop();
    if (this.ownsUserFolder) rmSync(this.userFolder, { recursive: true, force: true, maxRetries: 3 });
  }
}
