import { fork } from 'node:child_process';
import { once } from 'node:events';
import type { SandboxOptions } from '@blazwa/sandbox';

/** The sandbox's `/_sandbox/…` control endpoints, from any process. */
export interface SandboxControl {
  /** Clears outbox, deliveries and request log, so a long bench does not grow the sandbox without bound. */
  reset(): Promise<void>;
  /** The message texts in the outbox, in the order the sandbox recorded them, with when (epoch ms). */
  outbox(): Promise<Array<{ body: string; at: number }>>;
}

/** A sandbox in a child process. */
export interface SandboxProcess extends SandboxControl {
  url: string;
  apiKey: string;
  close(): Promise<void>;
}

export function sandboxControl(url: string): SandboxControl {
  const control = async (method: string, path: string): Promise<unknown> => {
    const response = await fetch(`${url}/_sandbox/${path}`, { method });
    if (!response.ok) throw new Error(`sandbox ${method} /_sandbox/${path}: ${response.status}`);
    return response.json();
  };
  return {
    async reset() {
      await control('POST', 'reset');
    },
    async outbox() {
      return ((await control('GET', 'outbox')) as Array<{ body: string; at: number }>).map(({ body, at }) => ({ body, at }));
    },
  };
}

export async function startSandboxProcess(options: SandboxOptions = {}): Promise<SandboxProcess> {
  const child = fork(new URL('./sandbox-child.ts', import.meta.url), [JSON.stringify(options)], {
    execArgv: [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const [ready] = (await Promise.race([
    once(child, 'message'),
    once(child, 'exit').then(([code]) => Promise.reject(new Error(`the sandbox process exited (${code}) before it listened`))),
  ])) as [{ url: string; apiKey: string }];
  return {
    url: ready.url,
    apiKey: ready.apiKey,
    ...sandboxControl(ready.url),
    async close() {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.disconnect();
      await exited;
    },
  };
}
