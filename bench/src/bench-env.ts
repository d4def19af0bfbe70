import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** Servers the benchmarks use; the same defaults as the test suites. */
export const BENCH_POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const BENCH_NATS_URL = process.env.BENCH_NATS_URL ?? 'nats://127.0.0.1:4222';
/** Seconds each measurement runs. */
export const BENCH_SECONDS = Number(process.env.BENCH_SECONDS ?? 5);

export const token = (): string => randomBytes(4).toString('hex');

/** A throw-away database for one benchmark. */
export async function scratchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `sb_bench_${token()}`;
  const admin = new Client({ connectionString: BENCH_POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(BENCH_POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new Client({ connectionString: BENCH_POSTGRES_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Runs `work` in `concurrency` loops for `seconds`; returns completed operations per second. */
export async function measureRate(
  concurrency: number,
  seconds: number,
  work: (worker: number, i: number) => Promise<number>,
): Promise<{ perSecond: number; operations: number; errors: number }> {
  const deadline = Date.now() + seconds * 1000;
  let operations = 0;
  let errors = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (let i = 0; Date.now() < deadline; i++) {
        try {
          // Not `operations += await …`: that reads `operations` before the await and loses concurrent counts.
          const done = await work(worker, i);
          operations += done;
        } catch {
          errors++;
        }
      }
    }),
  );
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  return { perSecond: operations / elapsed, operations, errors };
}
