import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root (this file also runs compiled, from dist/, in the benchmarks). */
function findRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json')) || dir.endsWith('dist')) dir = dirname(dir);
  return dir;
}
export const REPOSITORY_ROOT_FOR_TESTS = findRoot(__dirname);
const ROOT = REPOSITORY_ROOT_FOR_TESTS;

export interface SpawnedApp {
  name: string;
  process: ChildProcess;
  /** Base URL, known once the app printed that it listens. */
  url: string;
  output: () => string;
  /** Sends a signal and resolves with the exit code (or the signal's name). */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<number | string>;
}

/** Path of a built app's entry point; the suites run after `npm run build` (npm test's pretest). */
export function appEntryPoint(app: string): string {
  const entry = join(ROOT, 'dist/apps', app, 'src/main.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first`);
  return entry;
}

/**
 * How long an app may take to print that it listens. Generous on purpose:
 * an idle machine starts one in a few seconds, but a CI machine running
 * suites in parallel can be many times slower, and a slow start is not what
 * any suite tests. A suite's `beforeAll`/test timeout must exceed it.
 */
export const START_TIMEOUT_MS = 120_000;

/**
 * Starts a built app as its own process (PORT=0 unless given) and resolves
 * once it prints its URL; rejects with its output when it exits first.
 * `nodeArgs` go to node before the entry point (e.g. `--cpu-prof`).
 */
export async function spawnApp(
  app: string,
  env: Record<string, string | undefined>,
  options: { timeoutMs?: number; label?: string; nodeArgs?: string[] } = {},
): Promise<SpawnedApp> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), appEntryPoint(app)], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, PORT: '0', LOG_LEVEL: 'log', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${app} did not start in time:\n${output}`));
    }, options.timeoutMs ?? START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      // Log lines are JSON (the URL ends at the closing quote) or plain text.
      const match = /listening on (http:\/\/[^\s"]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${app} exited (${code}) before listening:\n${output}`));
    });
  });
  return {
    name: options.label ?? app,
    process: child,
    url,
    output: () => output,
    async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 30000) {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
