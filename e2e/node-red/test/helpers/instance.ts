// One Node-RED as people run it: its own user folder, `node red.js` as a child process, 127.0.0.1 only.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { npm, userEnv } from '@blazwa/test-support/npm';
import { endProcess, freePort } from '@blazwa/test-support/processes';

import { progress } from './progress.js';
import type { Release } from './releases.js';

/** The palette manager's own `npm install` arguments (@node-red/registry's installer). */
const PALETTE_INSTALL_ARGS = ['--no-audit', '--no-update-notifier', '--no-fund', '--save', '--save-prefix=~', '--omit=dev', '--engine-strict'];

export class NodeRedInstance {
  readonly userDir = mkdtempSync(join(tmpdir(), 'blazwa-e2e-node-red-'));
  readonly url: string;
  /** Kept over restarts, so the same user folder's credentials decrypt again. */
  private readonly credentialSecret = randomBytes(16).toString('hex');
  private server: ChildProcess | undefined;
  private output = '';

  private constructor(
    readonly release: Release,
    readonly port: number,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  static async create(release: Release): Promise<NodeRedInstance> {
    return new NodeRedInstance(release, await freePort());
  }

  /**
   * What Manage palette → Install does, with a tarball for the module name: npm on the Node that runs Node-RED, in
   * the user folder Node-RED made (`package.json` of a new project). No workspace, no links.
   */
  installPackage(tarball: string): void {
    writeFileSync(
      join(this.userDir, 'package.json'),
      JSON.stringify({ name: 'node-red-project', description: 'A Node-RED Project', version: '0.0.1', private: true }, null, 4),
    );
    npm(['install', ...PALETTE_INSTALL_ARGS, '--', tarball], this.userDir, userEnv(dirname(this.release.node)));
  }

  /** `node red.js` with a settings file: loopback only, a fixed credential secret, nothing phoned home. */
  async start(timeoutMs = 120_000): Promise<void> {
    const started = Date.now();
    // A restart appends to the same output: ready means one more "Started flows" than before it.
    const startsBefore = this.startedFlows();
    const settings = join(this.userDir, 'settings.js');
    writeFileSync(
      settings,
      `module.exports = ${JSON.stringify(
        {
          uiHost: '127.0.0.1',
          uiPort: this.port,
          flowFile: 'flows.json',
          credentialSecret: this.credentialSecret,
          telemetry: { enabled: false, updateNotification: false },
          diagnostics: { enabled: false },
          externalModules: { autoInstall: false },
          logging: { console: { level: 'info', metrics: false, audit: false } },
        },
        null,
        2,
      )};\n`,
    );
    const env = userEnv();
    for (const name of Object.keys(env)) if (name.startsWith('VITEST') || name === 'NODE_OPTIONS' || name === 'NODE_ENV') delete env[name];
    const server = spawn(this.release.node, [this.release.redJs, '--userDir', this.userDir, '--settings', settings], { cwd: this.userDir, env });
    this.server = server;
    const keep = (chunk: string) => {
      this.output += chunk;
    };
    server.stdout.setEncoding('utf8').on('data', keep);
    server.stderr.setEncoding('utf8').on('data', keep);
    let exited: number | null | undefined;
    server.once('exit', (code) => (exited = code));
    while (Date.now() - started < timeoutMs) {
      if (exited !== undefined) throw new Error(`Node-RED exited (${exited}) before it started its flows:\n${this.output}`);
      const ready =
        this.startedFlows() > startsBefore &&
        (await fetch(`${this.url}/settings`).then(
          (response) => response.ok,
          () => false,
        ));
      if (ready) {
        progress(`${this.release.title}: ready at ${this.url} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
        return;
      }
      await sleep(250);
    }
    throw new Error(`Node-RED did not start its flows within ${timeoutMs / 1000} s:\n${this.output}`);
  }

  /** Everything Node-RED printed so far. */
  get log(): string {
    return this.output;
  }

  /** How many times the runtime logged "Started flows": once at start, once per deploy. */
  startedFlows(): number {
    return this.output.split('\n').filter((line) => line.includes('[info] Started flows')).length;
  }

  /** The admin API, as the editor calls it (no adminAuth: the server listens on 127.0.0.1 only). */
  async admin(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, text: await response.text() };
  }

  /** The editor's Deploy (full): POST /flows, then until the runtime has started the new flows. */
  async deploy(flows: object[], timeoutMs = 60_000): Promise<void> {
    const before = this.startedFlows();
    const response = await this.admin('POST', '/flows', flows, { 'node-red-deployment-type': 'full' });
    if (response.status !== 200 && response.status !== 204) throw new Error(`deploy: ${response.status} ${response.text}`);
    const started = Date.now();
    while (this.startedFlows() === before) {
      if (Date.now() - started > timeoutMs) throw new Error(`the deployed flows did not start within ${timeoutMs / 1000} s:\n${this.output}`);
      await sleep(100);
    }
  }

  /** Ends the Node-RED process with `signal` (SIGINT as Ctrl-C, SIGKILL as a crash); the user folder stays. */
  async signal(signal: 'SIGINT' | 'SIGKILL', timeoutMs = 30_000): Promise<{ code: number | null; signal: string | null; ms: number }> {
    const end = await endProcess(this.server, signal, timeoutMs);
    if (!end) throw new Error('Node-RED is not running');
    this.server = undefined;
    return end;
  }

  /** Stops Node-RED (SIGINT, as Ctrl-C, then SIGKILL) and removes the user folder. */
  async dispose(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    await endProcess(server, 'SIGINT');
    rmSync(this.userDir, { recursive: true, force: true, maxRetries: 3 });
  }
}
