import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { BENCH_SECONDS } from './bench-env';
import { rawJetStreamPublish, rawPostgresInsert } from './baselines';
import { benchDistributed, benchEmbedded, ConversationResult } from './conversation-bench';
import { benchColdStart, StartTimes } from './cold-start-bench';
import { benchRelay } from './relay-bench';
import { benchPgliteAppends, benchPostgresAppends } from './store-bench';

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** `npm run bench`: measures, prints a table, writes bench/report.json. Never fails on a timing. */
async function main(): Promise<void> {
  const startedAt = new Date().toISOString();
  console.log(`Benchmarks, ${BENCH_SECONDS} s per measurement (BENCH_SECONDS to change)\n`);
  const pairs = Number(process.env.BENCH_PAIRS ?? 20);
  const embedded = await benchEmbedded(pairs, BENCH_SECONDS);
  const distributed = await benchDistributed(pairs, BENCH_SECONDS);
  const jetstream = await rawJetStreamPublish(BENCH_SECONDS, pairs * 2);
  const insert = await rawPostgresInsert(BENCH_SECONDS, pairs * 2);
  const postgres = await benchPostgresAppends();
  const pglite = await benchPgliteAppends();
  const relay = await benchRelay();
  const coldStart = await benchColdStart(3);

  const conversationRow = (r: ConversationResult) => [
    `send_event → incoming_event, ${r.mode} (${r.pairs} agents + ${r.pairs} customers)`,
    `${fmt(r.perSecond)} events/s delivered; latency p50 ${r.latencyMs.p50.toFixed(1)} ms, p99 ${r.latencyMs.p99.toFixed(1)} ms, ` +
      `max ${r.latencyMs.max.toFixed(1)} ms; errors ${r.errors} (refused by rate limits: ${r.errorTypes.too_many_requests ?? 0}); ${(r.perSecond / jetstream).toFixed(3)}× raw JetStream, ` +
      `${(r.perSecond / insert).toFixed(3)}× raw PostgreSQL insert`,
  ];

  const startRow = (name: string, t: StartTimes, note = '') => [
    `${name} (spawn → listening, median of ${t.runsMs.length})`,
    `${fmt(t.medianMs)} ms (runs: ${t.runsMs.map(fmt).join(' / ')} ms)${note}`,
  ];

  const rows = [
    conversationRow(embedded),
    conversationRow(distributed),
    [`raw JetStream publish with ack (${pairs * 2} publishers)`, `${fmt(jetstream)} msgs/s`],
    [`raw PostgreSQL single-row insert (${pairs * 2} connections)`, `${fmt(insert)} rows/s`],
    ['event store append, PostgreSQL 15, 1 writer', `${fmt(postgres.sequential)} events/s`],
    ['event store append, PostgreSQL 15, 32 writers', `${fmt(postgres.concurrent32)} events/s`],
    ['event store append, PGlite (disk), 1 writer', `${fmt(pglite.sequential)} events/s`],
    ['event store append, PGlite (disk), 32 writers', `${fmt(pglite.concurrent32)} events/s`],
    ['event relay, PostgreSQL → JetStream', `${fmt(relay.perSecond)} events/s (${relay.events} events)`],
    startRow('embedded start, new DATA_DIR', coldStart.fresh, `; database ${coldStart.fresh.preparedFrom}`),
    startRow('embedded start, existing DATA_DIR', coldStart.existing),
  ];
  const width = Math.max(...rows.map((r) => r[0].length));
  for (const [name, value] of rows) console.log(`${name.padEnd(width)}  ${value}`);

  const report = {
    startedAt,
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version },
    secondsPerMeasurement: BENCH_SECONDS,
    conversation: {
      embedded: { ...embedded, ratioToRawJetStream: embedded.perSecond / jetstream, ratioToRawPostgresInsert: embedded.perSecond / insert },
      distributed: {
        ...distributed,
        ratioToRawJetStream: distributed.perSecond / jetstream,
        ratioToRawPostgresInsert: distributed.perSecond / insert,
      },
    },
    baselines: { jetStreamPublishPerSecond: jetstream, postgresInsertPerSecond: insert, concurrency: pairs * 2 },
    eventStore: { postgres, pglite },
    relay,
    coldStart,
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
