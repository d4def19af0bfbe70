import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { classifyFrame, Layer, LAYERS, shortUrl } from './profile-layers';
import { ProfileWindow, readProfileWindow } from './profiling';

/** The parts of a V8 `.cpuprofile` (Chrome DevTools format) this reads. */
interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }>;
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

interface ProcessCpu {
  label: string;
  /** µs of busy (not idle) samples by layer, inside the window, socket writes left out. */
  layers: Map<Layer, number>;
  /** The same by leaf function. */
  self: Map<string, number>;
  /** Every busy sample. */
  busyUs: number;
  /** Busy samples whose leaf is a native socket write (left out of `layers` and `self`). */
  socketWriteUs: number;
  /** The process's CPU time over the window (/proc, every thread), when the bench recorded it. */
  cpuUs?: number;
}

/**
 * Native stream writes. A loopback write wakes the reader, which often takes
 * the core from the writer right there: with more busy processes than cores,
 * samples inside these calls are mostly waiting (perf, which samples CPU
 * only, put about a quarter as much in writev for an agent gateway), so they
 * are left out of the split (docs/performance.md).
 */
const SOCKET_WRITES = new Set(['writev', 'writeBuffer', 'writeUtf8String', 'writeLatin1String', 'writeAsciiString', 'writeUcs2String']);

const add = <K>(map: Map<K, number>, key: K, value: number) => map.set(key, (map.get(key) ?? 0) + value);
const sum = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);

/** Samples of one profile (inside the window, when given), by layer and by function. */
function attribute(profile: CpuProfile, label: string, window?: { startUs: number; endUs: number }): ProcessCpu {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const layerCache = new Map<number, Layer | 'idle'>();
  const layerOf = (id: number): Layer | 'idle' => {
    let layer = layerCache.get(id);
    if (layer) return layer;
    let sawNodeInternal = false;
    for (let at: number | undefined = id; at !== undefined && !layer; at = parent.get(at)) {
      const { functionName, url } = byId.get(at)!.callFrame;
      const frame = functionName === '(idle)' ? 'idle' : classifyFrame(functionName, url);
      if (frame === 'node') sawNodeInternal = true;
      else if (frame) layer = frame;
    }
    layer ??= sawNodeInternal ? 'node I/O' : 'other';
    layerCache.set(id, layer);
    return layer;
  };

  const result: ProcessCpu = { label, layers: new Map(), self: new Map(), busyUs: 0, socketWriteUs: 0 };
  let time = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    time += profile.timeDeltas[i];
    // A sample stands for the time until the next one.
    const duration = profile.timeDeltas[i + 1] ?? 0;
    if (window && (time < window.startUs || time > window.endUs)) continue;
    const layer = layerOf(profile.samples[i]);
    if (layer === 'idle') continue;
    result.busyUs += duration;
    const { functionName, url, lineNumber } = byId.get(profile.samples[i])!.callFrame;
    if (!url && SOCKET_WRITES.has(functionName)) {
      result.socketWriteUs += duration;
      continue;
    }
    add(result.layers, layer, duration);
    add(result.self, url ? `${functionName || '(anonymous)'} — ${shortUrl(url)}:${lineNumber + 1}` : functionName || '(native)', duration);
  }
  return result;
}

function readProcesses(dir: string, window: ProfileWindow | undefined): ProcessCpu[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.cpuprofile'))
    .map((file) => {
      // CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile
      const [, , , pid, thread] = file.split('.');
      const name = window?.processes[pid] ?? `pid ${pid}`;
      const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
      const processCpu = attribute(profile, thread === '0' ? name : `${name} (thread ${thread})`, window);
      const cpuMs = thread === '0' ? window?.cpuMs?.[name] : undefined;
      return { ...processCpu, cpuUs: cpuMs === undefined ? undefined : cpuMs * 1000 };
    })
    .sort((a, b) => a.label.localeCompare(b.label));
}

/**
 * Markdown for the profiles of one folder (one mode). A profile sample is
 * wall time of a busy thread, not CPU time (a descheduled thread keeps being
 * sampled; other threads are not sampled), so when the bench recorded each
 * process's CPU time (/proc) over the window, that is split in the
 * proportions of the samples, socket writes left out (see SOCKET_WRITES).
 * `delivered` overrides the window file's count.
 */
export function summariseMode(dir: string, delivered?: number): string {
  const window = readProfileWindow(dir);
  const messages = delivered ?? window?.delivered;
  if (!messages) throw new Error(`${dir}: how many messages were delivered? (no window.json: pass the count)`);
  const processes = readProcesses(dir, window);
  const counted = (p: ProcessCpu) => p.busyUs - p.socketWriteUs;
  const scale = (p: ProcessCpu) => (p.cpuUs !== undefined && counted(p) > 0 ? p.cpuUs / counted(p) : 1);
  const perMessage = (us: number) => (us / 1000 / messages).toFixed(3);
  const total = sum(processes.map((p) => counted(p) * scale(p)));
  const share = (us: number) => `${((100 * us) / total).toFixed(1)}%`;
  const calibrated = processes.every((p) => p.cpuUs !== undefined);
  // A process killed (not stopped gracefully) writes no profile.
  const missing = Object.values(window?.processes ?? {}).filter((label) => !processes.some((p) => p.label === label));
  const lines = [
    `### ${window?.mode ?? dir}: ${messages} messages delivered` +
      (window ? ` in the closed loop (${((window.endUs - window.startUs) / 1e6).toFixed(1)} s; samples inside it only)` : ' (whole profiles)'),
    '',
    ...(missing.length ? [`**No profile from ${missing.join(', ')}** (did not exit gracefully?)`, ''] : []),
    '| process | CPU ms/message (/proc) | busy ms/message (profile samples) | of which socket writes |',
    '|---|---:|---:|---:|',
    ...processes.map(
      (p) =>
        `| ${p.label} | ${p.cpuUs === undefined ? '–' : perMessage(p.cpuUs)} | ${perMessage(p.busyUs)} | ${((100 * p.socketWriteUs) / (p.busyUs || 1)).toFixed(0)}% |`,
    ),
    '',
    calibrated
      ? "Layers, CPU ms per delivered message: each process's CPU (/proc) split in the proportions of its samples, socket writes left out:"
      : 'Layers, busy ms per delivered message (profile samples, not CPU time; socket writes left out):',
    '',
    `| layer | ${processes.map((p) => p.label).join(' | ')} | total | share |`,
    `|---|${processes.map(() => '---:|').join('')}---:|---:|`,
  ];
  for (const layer of LAYERS) {
    const layerUs = sum(processes.map((p) => (p.layers.get(layer) ?? 0) * scale(p)));
    if (layerUs === 0) continue;
    const cells = processes.map((p) => perMessage((p.layers.get(layer) ?? 0) * scale(p)));
    lines.push(`| ${layer} | ${cells.join(' | ')} | ${perMessage(layerUs)} | ${share(layerUs)} |`);
  }
  const totals = processes.map((p) => `**${perMessage(counted(p) * scale(p))}**`);
  lines.push(`| **total** | ${totals.join(' | ')} | **${perMessage(total)}** | 100% |`, '');

  const self = new Map<string, number>();
  for (const p of processes) for (const [fn, us] of p.self) add(self, fn, us * scale(p));
  lines.push('Top self time, every process (same scaling):', '', '| function — where | ms/message | share |', '|---|---:|---:|');
  for (const [fn, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 12)) {
    lines.push(`| ${fn.replace(/\|/g, '\\|')} | ${perMessage(us)} | ${share(us)} |`);
  }
  return lines.join('\n');
}

/** A folder of profiles, or a folder of such folders (`BENCH_PROFILE`: one per mode). */
export function summariseProfiles(dir: string, delivered?: number): string {
  if (readdirSync(dir).some((file) => file.endsWith('.cpuprofile'))) return summariseMode(dir, delivered);
  return readdirSync(dir)
    .filter((entry) => statSync(join(dir, entry)).isDirectory())
    .map((entry) => summariseMode(join(dir, entry), delivered))
    .join('\n\n');
}

if (require.main === module) {
  const [dir, delivered] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: node dist/bench/src/profile-summary.js <profile dir> [delivered messages]');
    process.exit(2);
  }
  console.log(summariseProfiles(dir, delivered ? Number(delivered) : undefined));
}
