import { ChildProcess, fork } from 'node:child_process';

/**
 * What the framework benchmarks share: each server variant runs in a child
 * process of its own, so the CPU time it reports is its own; the parent
 * drives the load and alternates the variants round by round, since other
 * work on the machine shifts absolute numbers between runs but hardly the
 * ratio of two variants measured side by side.
 */

export const SECONDS = Number(process.env.FRAMEWORK_SECONDS ?? 4);
export const ROUNDS = Number(process.env.FRAMEWORK_ROUNDS ?? 3);
const WARM_UP_SECONDS = 1;

/** A server variant in its own process. */
export interface ServerProcess {
  /** What the server told the parent when it was ready (e.g. its port). */
  readonly info: Record<string, unknown>;
  /** The server process's CPU time so far (user + system), in microseconds. */
  cpuMicros(): Promise<number>;
  stop(): void;
}

/** Forks `script` with `args`; resolves once it has sent `{ready: …}` (see {@link serveInChild}). */
export function startServer(script: string, args: string[]): Promise<ServerProcess> {
  const child: ChildProcess = fork(script, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiting: Array<(micros: number) => void> = [];
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server ${args.join(' ')} exited with ${code}`)));
    child.on('message', (message: { ready?: Record<string, unknown>; cpu?: number }) => {
      if (message.cpu !== undefined) waiting.shift()?.(message.cpu);
      if (message.ready)
        resolve({
          info: message.ready,
          cpuMicros: () => new Promise((answer) => (waiting.push(answer), child.send('cpu'))),
          stop: () => child.kill(),
        });
    });
  });
}

/** The child's side: starts the server, reports ready, answers CPU queries. */
export function serveInChild(start: () => Promise<Record<string, unknown>>): void {
  process.on('message', (message) => {
    if (message !== 'cpu') return;
    const { user, system } = process.cpuUsage();
    process.send!({ cpu: user + system });
  });
  start().then(
    (ready) => process.send!({ ready }),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}

/** One measurement window of one variant. */
export interface Sample {
  variant: string;
  perSecond: number;
  serverMicrosPerOp: number;
  /** The load generator's CPU per operation (it is the client side of request/reply). */
  clientMicrosPerOp: number;
}

/** `load` runs operations until the deadline and resolves with how many completed. */
export type Load = (deadline: number) => Promise<number>;

async function sample(variant: string, server: ServerProcess, load: Load, seconds: number): Promise<Sample> {
  const serverBefore = await server.cpuMicros();
  const clientBefore = process.cpuUsage();
  const started = performance.now();
  const operations = await load(Date.now() + seconds * 1000);
  const elapsed = (performance.now() - started) / 1000;
  const client = process.cpuUsage(clientBefore);
  const serverMicros = (await server.cpuMicros()) - serverBefore;
  return {
    variant,
    perSecond: operations / elapsed,
    serverMicrosPerOp: serverMicros / operations,
    clientMicrosPerOp: (client.user + client.system) / operations,
  };
}

/** Warms every variant up, then measures them in turn, `ROUNDS` times. */
export async function alternate(variants: Array<{ name: string; server: ServerProcess; load: Load }>): Promise<Sample[]> {
  for (const { name, server, load } of variants) await sample(name, server, load, WARM_UP_SECONDS);
  const samples: Sample[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const { name, server, load } of variants) samples.push(await sample(name, server, load, SECONDS));
  }
  return samples;
}

const fixed = (n: number, digits = 1) => n.toFixed(digits).padStart(8);

/** Prints every sample and, per round, each variant's ratio to the first one (the baseline). */
export function report(samples: Sample[], variantCount: number): void {
  console.log(`${'variant'.padEnd(14)} ${'ops/s'.padStart(8)} ${'server µs/op'.padStart(13)} ${'client µs/op'.padStart(13)}   ratio to baseline (ops/s, server µs, client µs)`);
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i];
    const base = samples[i - (i % variantCount)];
    console.log(
      `${s.variant.padEnd(14)} ${fixed(s.perSecond, 0)} ${fixed(s.serverMicrosPerOp).padStart(13)} ${fixed(s.clientMicrosPerOp).padStart(13)}   ` +
        `${(s.perSecond / base.perSecond).toFixed(2)}  ${(s.serverMicrosPerOp / base.serverMicrosPerOp).toFixed(2)}  ${(s.clientMicrosPerOp / base.clientMicrosPerOp).toFixed(2)}`,
    );
  }
  console.log('median over the rounds:');
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  for (let v = 0; v < variantCount; v++) {
    const mine = samples.filter((_, i) => i % variantCount === v);
    const base = samples.filter((_, i) => i % variantCount === 0);
    const ratio = (pick: (s: Sample) => number) => median(mine.map((s, i) => pick(s) / pick(base[i]))).toFixed(2);
    console.log(
      `${mine[0].variant.padEnd(14)} ${fixed(median(mine.map((s) => s.perSecond)), 0)} ${fixed(median(mine.map((s) => s.serverMicrosPerOp))).padStart(13)} ` +
        `${fixed(median(mine.map((s) => s.clientMicrosPerOp))).padStart(13)}   ${ratio((s) => s.perSecond)}  ${ratio((s) => s.serverMicrosPerOp)}  ${ratio((s) => s.clientMicrosPerOp)}`,
    );
  }
}
