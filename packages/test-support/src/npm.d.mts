/** The environment npm gets when a person runs it, with `nodeBin` first on PATH when given. */
export function userEnv(nodeBin?: string): NodeJS.ProcessEnv;

/** Runs npm to the end in `cwd`; a failure throws with npm's own words. Its stdout. */
export function npm(args: string[], cwd: string, env?: NodeJS.ProcessEnv, timeoutMs?: number): string;

export interface TemplateInstall {
  /** For messages: what is being installed. */
  name: string;
  /** The committed folder with package.json and its lockfile (and .npmrc). */
  template: string;
  dir: string;
  /** A file that exists only after a complete install. */
  check: string;
  /** Where the install says what it does and how long it took. */
  progress?: (message: string) => void;
  timeoutMs?: number;
}

/** `npm ci` of `template` into `dir`, unless `dir` already holds that install. Returns whether it installed. */
export function installTemplate(install: TemplateInstall): boolean;
