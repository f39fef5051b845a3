// n8n's queue mode as an operator sets it up, on one machine: Redis and PostgreSQL, one main process (editor, REST
// API, trigger registration), one webhook process (production webhooks) and workers (the executions). Each process
// has its own user folder with the packed node installed there, as on separate machines; they share the database,
// Redis and the encryption key. Everything on 127.0.0.1, stopped by PID.
import { randomBytes } from 'node:crypto';
import { readFileSync, mkdtempSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { running } from './daemon.ts';
import { freePort, N8nInstance } from './instance.ts';
import { startPostgres, type Postgres } from './postgres.ts';
import { progress } from './progress.ts';
import { startRedis, type Redis } from './redis.ts';
import type { Release } from './releases.ts';

export interface QueueModeOptions {
  release: Release;
  /** The packed n8n-nodes-blazwa, installed into every process's user folder. */
  tarball: string;
  /** How many `n8n worker` processes (2 by default). */
  workers?: number;
}

/** Start-up takes longer here than for one instance: four n8n processes share the machine's cores. */
const START_TIMEOUT_MS = 240_000;

export class QueueMode {
  /** The folder every process's user folder and log lives in. */
  readonly root: string;
  readonly main: N8nInstance;
  readonly webhook: N8nInstance;
  readonly workers: N8nInstance[];
  readonly redis: Redis;
  readonly postgres: Postgres;
  /** Every PID this cluster started (n8n processes, PostgreSQL's postmaster, Redis), restarts included. */
  readonly startedPids = new Set<number>();

  private constructor(root: string, redis: Redis, postgres: Postgres, main: N8nInstance, webhook: N8nInstance, workers: N8nInstance[]) {
    this.root = root;
    this.redis = redis;
    this.postgres = postgres;
    this.main = main;
    this.webhook = webhook;
    this.workers = workers;
    this.startedPids.add(redis.pid).add(postgres.pid);
  }

  /** Starts Redis and PostgreSQL and prepares the n8n processes' user folders; n8n itself starts in `start()`. */
  static async create(options: QueueModeOptions): Promise<QueueMode> {
    const root = mkdtempSync(join(tmpdir(), 'blazwa-queue-mode-'));
    const [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
    try {
      return await QueueMode.prepare(options, root, redis, postgres);
    } catch (error) {
      await postgres.stop();
      await redis.stop();
      rmSync(root, { recursive: true, force: true });
      throw error;
    }
  }

  private static async prepare(options: QueueModeOptions, root: string, redis: Redis, postgres: Postgres): Promise<QueueMode> {
    progress(`queue mode: redis-server on port ${redis.port} (pid ${redis.pid}), postgres on port ${postgres.port} (pid ${postgres.pid})`);
    const [mainPort, webhookPort] = [await freePort(), await freePort()];
    const shared: NodeJS.ProcessEnv = {
      EXECUTIONS_MODE: 'queue',
      QUEUE_BULL_REDIS_HOST: redis.host,
      QUEUE_BULL_REDIS_PORT: String(redis.port),
      DB_TYPE: 'postgresdb',
      DB_POSTGRESDB_HOST: postgres.host,
      DB_POSTGRESDB_PORT: String(postgres.port),
      DB_POSTGRESDB_DATABASE: postgres.database,
      DB_POSTGRESDB_USER: postgres.user,
      DB_POSTGRESDB_PASSWORD: postgres.password,
      // n8n pings its database every 2 s and answers every request "503 Database is not ready!" after one ping
      // slower than 5 s. Behind a burst of 50 deliveries on a busy 2-core machine the ping waits that long (for a
      // pool connection and for CPU), though PostgreSQL is fine: larger pools, and a ping allowed 30 s.
      DB_POSTGRESDB_POOL_SIZE: '10',
      DB_PING_TIMEOUT_MS: '30000',
      // The URL the service is given is the webhook process's: main registers it, the webhook process serves it.
      WEBHOOK_URL: `http://127.0.0.1:${webhookPort}/`,
      // The editor's own URL: n8n builds test webhook URLs ("Listen for test event") on it, and main serves them.
      N8N_EDITOR_BASE_URL: `http://127.0.0.1:${mainPort}/`,
      // As n8n's queue-mode docs advise: runs started in the editor go to the workers too.
      OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
    };
    const encryptionKey = randomBytes(24).toString('hex');
    const instance = async (role: string, port: number | undefined, env: NodeJS.ProcessEnv) => {
      const n8n = await N8nInstance.create(options.release, {
        userFolder: join(root, role),
        logFile: join(root, `${role}.log`),
        encryptionKey,
        env: { ...shared, ...env },
        ...(port === undefined ? {} : { port }),
      });
      n8n.installCommunityNode(options.tarball);
      return n8n;
    };
    // With a webhook process in front, main serves no production webhooks.
    const main = await instance('main', mainPort, { N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true' });
    // The webhook process takes the bursts: a connection for each of 50 concurrent deliveries.
    const webhook = await instance('webhook', webhookPort, { DB_POSTGRESDB_POOL_SIZE: '50' });
    const workers: N8nInstance[] = [];
    for (let index = 1; index <= (options.workers ?? 2); index++) {
      const port = await freePort();
      // The health check a container platform would probe: how start() knows the worker is ready.
      workers.push(
        await instance(`worker-${index}`, port, {
          QUEUE_HEALTH_CHECK_ACTIVE: 'true',
          QUEUE_HEALTH_CHECK_PORT: String(port),
          N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
        }),
      );
    }
    progress(`queue mode: the packed node installed into main, webhook and ${workers.length} workers under ${root}`);
    return new QueueMode(root, redis, postgres, main, webhook, workers);
  }

  /** Main first (it migrates the database), then the webhook process and the workers side by side. */
  async start(): Promise<void> {
    await this.startMain();
    await this.startWebhookAndWorkers();
  }

  async startWebhookAndWorkers(): Promise<void> {
    await Promise.all([
      this.webhook.start(START_TIMEOUT_MS, 'webhook').then(() => this.startedPids.add(this.webhook.pid!)),
      ...this.workers.map((worker) => worker.start(START_TIMEOUT_MS, 'worker').then(() => this.startedPids.add(worker.pid!))),
    ]);
  }

  async startMain(): Promise<void> {
    await this.main.start(START_TIMEOUT_MS, 'start');
    this.startedPids.add(this.main.pid!);
  }

  /** All a process has printed since the cluster started (restarts included), from its log file. */
  logOf(instance: N8nInstance): string {
    const role = instance.userFolder.slice(this.root.length + 1);
    return readFileSync(join(this.root, `${role}.log`), 'utf8');
  }

  /** The executions each worker started, by its own log ("Worker started execution <id>"). */
  executionsByWorker(): Set<string>[] {
    return this.workers.map((worker) => new Set([...this.logOf(worker).matchAll(/Worker started execution (\d+)/g)].map((match) => match[1]!)));
  }

  /** Started PIDs still running, and any other process whose working folder is inside the cluster's (task runners). */
  leftRunning(): string[] {
    const left = [...this.startedPids].filter(running).map((pid) => `pid ${pid}`);
    for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
      try {
        const cwd = readlinkSync(`/proc/${entry}/cwd`);
        if (cwd.startsWith(this.root)) left.push(`pid ${entry} in ${cwd}`);
      } catch {
        // Gone meanwhile, or not ours to read.
      }
    }
    return [...new Set(left)];
  }

  /** Stops every process by its PID (webhook and workers first, then main, PostgreSQL, Redis) and removes the folder. */
  async stop(): Promise<void> {
    await Promise.all([this.webhook, ...this.workers].map((instance) => instance.stop()));
    await this.main.stop();
    await this.postgres.stop();
    await this.redis.stop();
    rmSync(this.root, { recursive: true, force: true, maxRetries: 3 });
  }
}
