import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat times (almost always 100). */
const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU time (user + system, every thread) a process has used so far, in ms. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may hold spaces: state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[14 - 3]) + Number(fields[15 - 3])) * 1000) / CLOCK_TICKS;
}

/** Resident set size of a process (VmRSS), in MB. */
export function rssMb(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]) / 1024;
}

/** Microseconds on the monotonic clock V8's CPU profiles use for their timestamps. */
export const monotonicUs = (): number => Number(process.hrtime.bigint() / 1000n);

/** CPU time of a set of processes between `start()` and `stop()` (a measurement window). */
export class CpuWindow {
  private readonly before = new Map<string, number>();
  /** CPU ms per process label over the window. */
  readonly byProcess: Record<string, number> = {};
  totalMs = 0;
  startUs = 0;
  endUs = 0;

  constructor(readonly pids: Record<string, number>) {}

  start(): void {
    this.startUs = monotonicUs();
    for (const [label, pid] of Object.entries(this.pids)) this.before.set(label, cpuMs(pid));
  }

  stop(): void {
    for (const [label, pid] of Object.entries(this.pids)) this.byProcess[label] = cpuMs(pid) - this.before.get(label)!;
    this.endUs = monotonicUs();
    this.totalMs = Object.values(this.byProcess).reduce((a, b) => a + b, 0);
  }
}
