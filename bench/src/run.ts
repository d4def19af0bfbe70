import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { BENCH_SECONDS } from './bench-env';
import { benchRelay } from './relay-bench';
import { benchPgliteAppends, benchPostgresAppends } from './store-bench';

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** `npm run bench`: measures, prints a table, writes bench/report.json. Never fails on a timing. */
async function main(): Promise<void> {
  const startedAt = new Date().toISOString();
  console.log(`Benchmarks, ${BENCH_SECONDS} s per measurement (BENCH_SECONDS to change)\n`);
  const postgres = await benchPostgresAppends();
  const pglite = await benchPgliteAppends();
  const relay = await benchRelay();

  const rows = [
    ['event store append, PostgreSQL 15, 1 writer', `${fmt(postgres.sequential)} events/s`],
    ['event store append, PostgreSQL 15, 32 writers', `${fmt(postgres.concurrent32)} events/s`],
    ['event store append, PGlite (disk), 1 writer', `${fmt(pglite.sequential)} events/s`],
    ['event store append, PGlite (disk), 32 writers', `${fmt(pglite.concurrent32)} events/s`],
    ['event relay, PostgreSQL → JetStream', `${fmt(relay.perSecond)} events/s (${relay.events} events)`],
  ];
  const width = Math.max(...rows.map((r) => r[0].length));
  for (const [name, value] of rows) console.log(`${name.padEnd(width)}  ${value}`);

  const report = {
    startedAt,
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version },
    secondsPerMeasurement: BENCH_SECONDS,
    eventStore: { postgres, pglite },
    relay,
  };
  const file = join(__dirname, '../../../bench/report.json');
  writeFileSync(file, JSON.stringify(report, null, 2));
  console.log(`\nreport: bench/report.json`);
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error);
    process.exit(1);
  },
);
