import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'nats';
import { spawnApp, SpawnedApp } from '../../libs/testing/src/spawn-app';
import { BENCH_NATS_URL, scratchDatabase, token } from './bench-env';

export interface Urls {
  configuration: string;
  customer: string;
  agent: string[];
}

/** Switchboard processes the benchmark started, and how to reach them. */
export interface Deployment {
  apps: SpawnedApp[];
  urls: Urls;
  adminToken: string;
  /** Process id by label (`switchboard`, `agent-gateway#4`, …). */
  pids(): Record<string, number>;
  /** Prints the first error lines of every app (after a measurement counted errors). */
  printFailures(): void;
  /** SIGTERM to every app (graceful: a CPU profile gets written), then the data goes. */
  stop(): Promise<void>;
}

function deployment(apps: SpawnedApp[], urls: Urls, adminToken: string, cleanUp: () => Promise<void>): Deployment {
  return {
    apps,
    urls,
    adminToken,
    pids: () => Object.fromEntries(apps.map((app) => [app.name, app.process.pid!])),
    printFailures() {
      for (const app of apps) {
        const failures = app.output().split('\n').filter((line) => /"level":"(error|fatal)"|ERROR/.test(line)).slice(0, 3);
        if (failures.length) console.error(`${app.name}:\n${failures.join('\n')}`);
      }
    },
    async stop() {
      await Promise.all(apps.map((app) => app.stop('SIGTERM')));
      await cleanUp();
    },
  };
}

/** The embedded process (PGlite, in-process bus) on a new data folder. */
export async function startEmbedded(env: Record<string, string> = {}, nodeArgs: string[] = []): Promise<Deployment> {
  const dir = mkdtempSync(join(tmpdir(), 'sb-bench-embedded-'));
  const app = await spawnApp('switchboard', { DATA_DIR: dir, LOG_LEVEL: 'log', ...env }, { nodeArgs });
  const admin = readFileSync(join(dir, 'admin-token'), 'utf8').trim();
  return deployment([app], { configuration: app.url, customer: app.url, agent: [app.url] }, admin, async () =>
    rmSync(dir, { recursive: true, force: true }),
  );
}

/** The environment of apps on a scratch database with a JetStream stream of their own (`name` in its name), and how to remove both. */
export function scratchEnvironment(scratch: { url: string; drop(): Promise<void> }, name: string) {
  const suffix = token();
  const env = {
    DATABASE_URL: scratch.url,
    NATS_URL: BENCH_NATS_URL,
    EVENTS_STREAM: `BENCH${name.toUpperCase()}_${suffix}`,
    EVENTS_SUBJECT_PREFIX: `bench${name}${suffix}`,
    ADMIN_TOKEN: `bench-${suffix}`,
    DATABASE_POOL_SIZE: '10',
  };
  const cleanUp = async () => {
    const nc = await connect({ servers: BENCH_NATS_URL });
    await (await nc.jetstreamManager()).streams.delete(env.EVENTS_STREAM).catch(() => undefined);
    await nc.close();
    await scratch.drop();
  };
  return { env, cleanUp };
}

/** One process per app name (labels `<name>#<index>`), on a scratch database and JetStream stream. */
export async function startDistributed(names: string[], env: Record<string, string> = {}, nodeArgs: string[] = []): Promise<Deployment> {
  const scratch = await scratchDatabase();
  const { env: base, cleanUp } = scratchEnvironment(scratch, 'conv');
  const fullEnv = { ...base, ...env };
  const started = await Promise.allSettled(
    names.map((name, i) => spawnApp(name, fullEnv, { label: `${name}#${i}`, timeoutMs: 60000, nodeArgs })),
  );
  const apps = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    await deployment(apps, { configuration: '', customer: '', agent: [] }, '', cleanUp).stop();
    throw failed.reason;
  }
  const url = (name: string) => apps.filter((a) => a.name.startsWith(`${name}#`)).map((a) => a.url);
  const urls = { configuration: url('configuration')[0], customer: url('customer-gateway')[0], agent: url('agent-gateway') };
  return deployment(apps, urls, fullEnv.ADMIN_TOKEN, cleanUp);
}
