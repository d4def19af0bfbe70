import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnApp } from '../../libs/testing/src/spawn-app';

export interface StartTimes {
  medianMs: number;
  runsMs: number[];
}

export interface ColdStartResult {
  /** A new DATA_DIR: the first `npm start` on a machine. */
  fresh: StartTimes & { preparedFrom: string };
  /** The same DATA_DIR again: every later start. */
  existing: StartTimes;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function timeStart(dir: string): Promise<{ ms: number; output: string }> {
  const started = performance.now();
  const app = await spawnApp('switchboard', { DATA_DIR: dir, LOG_LEVEL: 'log' });
  const ms = performance.now() - started;
  await app.stop('SIGTERM');
  return { ms, output: app.output() };
}

/**
 * Time from spawning the embedded process to its "listening on" line, for a
 * new data folder and then the same folder again; `runs` of each, median.
 */
export async function benchColdStart(runs = 3): Promise<ColdStartResult> {
  const fresh: number[] = [];
  const existing: number[] = [];
  let preparedFrom = 'unknown';
  for (let i = 0; i < runs; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'sb-bench-start-'));
    try {
      const first = await timeStart(dir);
      fresh.push(first.ms);
      preparedFrom = /database ready in \d+ ms \(([^)]*)\)/.exec(first.output)?.[1] ?? 'unknown';
      existing.push((await timeStart(dir)).ms);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return {
    fresh: { medianMs: median(fresh), runsMs: fresh, preparedFrom },
    existing: { medianMs: median(existing), runsMs: existing },
  };
}
