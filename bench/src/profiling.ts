import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** `BENCH_PROFILE=<dir>`: the conversation benchmark's processes write V8 CPU profiles to `<dir>/<mode>`. */
export const BENCH_PROFILE = process.env.BENCH_PROFILE || undefined;

/** What the summariser needs besides the profiles: the measurement window and who is who. */
export interface ProfileWindow {
  mode: string;
  /** Messages delivered in the window (the divisor of every per-message figure). */
  delivered: number;
  /** The window on the monotonic clock of the profiles' timestamps, in µs. */
  startUs: number;
  endUs: number;
  /** Process label by pid. */
  processes: Record<string, string>;
  /** CPU ms (user + system, all threads, from /proc) per process label over the window. */
  cpuMs: Record<string, number>;
}

const WINDOW_FILE = 'window.json';

/** Empties `<dir>/<mode>` of an earlier run's profiles; returns the node arguments that profile into it. */
export function profileArgs(mode: string): { dir: string; nodeArgs: string[] } | undefined {
  if (!BENCH_PROFILE) return undefined;
  const dir = join(BENCH_PROFILE, mode);
  mkdirSync(dir, { recursive: true });
  for (const file of readdirSync(dir)) if (file.endsWith('.cpuprofile') || file === WINDOW_FILE) rmSync(join(dir, file));
  return { dir, nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`] };
}

export function writeProfileWindow(dir: string, window: ProfileWindow): void {
  writeFileSync(join(dir, WINDOW_FILE), JSON.stringify(window, null, 2));
}

export function readProfileWindow(dir: string): ProfileWindow | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, WINDOW_FILE), 'utf8')) as ProfileWindow;
  } catch {
    return undefined;
  }
}
