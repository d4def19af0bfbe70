import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { BENCH_SECONDS } from './bench-env';
import { rawJetStreamPublish, rawPostgresInsert } from './baselines';
import { benchCapacity } from './capacity-bench';
import { benchConversation, ConversationResult } from './conversation-bench';
import { OpenLoopResult } from './conversation';
import { benchColdStart, StartTimes } from './cold-start-bench';
import { summariseProfiles } from './profile-summary';
import { BENCH_PROFILE } from './profiling';
import { benchRelay } from './relay-bench';
import { benchPgliteAppends, benchPostgresAppends } from './store-bench';
import { archiveRows, benchArchive, onlyArchive } from './archive-report';
import { benchRouting, onlyRouting, routingRows } from './routing-report';
import { benchWebhooks, onlyWebhooks, webhookRows } from './webhook-report';

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => `${n.toFixed(1)} ms`;

/** `npm run bench`: measures, prints a table, writes bench/report.json. Never fails on a timing. */
async function main(): Promise<void> {
  const startedAt = new Date().toISOString();
  console.log(`Benchmarks, ${BENCH_SECONDS} s per measurement (BENCH_SECONDS to change)`);
  // Everything shares the machine: a busy one skews every figure.
  console.log(`load average before: ${loadavg().map((l) => l.toFixed(2)).join(', ')} on ${cpus().length} cores\n`);
  if (process.env.BENCH_ONLY === 'archive') return onlyArchive(startedAt);
  if (process.env.BENCH_ONLY === 'routing') return onlyRouting(startedAt);
  if (process.env.BENCH_ONLY === 'webhooks') return onlyWebhooks(startedAt);
  const pairs = Number(process.env.BENCH_PAIRS ?? 20);
  const embeddedRun = await benchConversation('embedded', pairs, BENCH_SECONDS);
  const distributedRun = await benchConversation('distributed', pairs, BENCH_SECONDS);
  const { conversation: embedded } = embeddedRun;
  const { conversation: distributed } = distributedRun;
  const idle = distributedRun.idle!;
  const jetstream = await rawJetStreamPublish(BENCH_SECONDS, pairs * 2);
  const insert = await rawPostgresInsert(BENCH_SECONDS, pairs * 2);
  const postgres = await benchPostgresAppends();
  const pglite = await benchPgliteAppends();
  const relay = await benchRelay();
  const { longChat, idleConnections } = await benchCapacity(BENCH_SECONDS);
  const coldStart = await benchColdStart(3);
  const archive = await benchArchive();
  const routing = await benchRouting();
  const webhooks = await benchWebhooks(BENCH_SECONDS);
  const errors =
    embedded.errors + distributed.errors + embeddedRun.halfPeak.errors + distributedRun.halfPeak.errors + idle.errors +
    longChat.errors + idleConnections.errors + jetstream.errors + insert.errors + postgres.errors + pglite.errors + archive.errors + routing.errors + webhooks.errors;

  const conversationRows = (r: ConversationResult) => [
    [
      `send_event → incoming_event, ${r.mode} (${r.pairs} agents + ${r.pairs} customers)`,
      `${fmt(r.perSecond)} events/s delivered; latency p50 ${r.latencyMs.p50.toFixed(1)} ms, p99 ${r.latencyMs.p99.toFixed(1)} ms, ` +
        `max ${r.latencyMs.max.toFixed(1)} ms; errors ${r.errors} (refused by rate limits: ${r.errorTypes.too_many_requests ?? 0}); ${(r.perSecond / jetstream.perSecond).toFixed(3)}× raw JetStream, ` +
        `${(r.perSecond / insert.perSecond).toFixed(3)}× raw PostgreSQL insert`,
    ],
    [
      `  CPU of the Switchboard processes per delivered message, ${r.mode}`,
      `${r.cpuMsPerMessage.toFixed(2)} ms (${Object.entries(r.cpuMsPerMessageByProcess).map(([name, v]) => `${name} ${v.toFixed(2)}`).join(', ')})`,
    ],
  ];
  const halfPeakRow = (mode: string, r: OpenLoopResult) => [
    `  open loop at half that peak, ${mode}`,
    `${fmt(r.ratePerSecond)} sends/s on a timetable: ${fmt(r.sent)} sent, ${fmt(r.delivered)} delivered; latency p50 ${ms(r.p50Ms)}, p99 ${ms(r.p99Ms)}; errors ${r.errors}`,
  ];
  const startRow = (name: string, t: StartTimes, note = '') => [
    `${name} (spawn → listening, median of ${t.runsMs.length})`,
    `${fmt(t.medianMs)} ms (runs: ${t.runsMs.map(fmt).join(' / ')} ms)${note}`,
  ];

  const rows = [
    ...conversationRows(embedded),
    halfPeakRow('embedded', embeddedRun.halfPeak),
    ...conversationRows(distributed),
    halfPeakRow('distributed', distributedRun.halfPeak),
    ['  one message at a time, distributed (one pair)', `latency p50 ${ms(idle.p50Ms)}, p99 ${ms(idle.p99Ms)} over ${idle.count} messages; errors ${idle.errors}`],
    [`raw JetStream publish with ack (${pairs * 2} publishers)`, `${fmt(jetstream.perSecond)} msgs/s`],
    [`raw PostgreSQL single-row insert (${pairs * 2} connections)`, `${fmt(insert.perSecond)} rows/s`],
    ['event store append, PostgreSQL 15, 1 writer', `${fmt(postgres.sequential)} events/s`],
    ['event store append, PostgreSQL 15, 32 writers', `${fmt(postgres.concurrent32)} events/s`],
    ['event store append, PGlite (disk), 1 writer', `${fmt(pglite.sequential)} events/s`],
    ['event store append, PGlite (disk), 32 writers', `${fmt(pglite.concurrent32)} events/s`],
    ['event relay, PostgreSQL → JetStream', `${fmt(relay.perSecond)} events/s (${relay.events} events)`],
    [
      `send_event into a chat of ${fmt(longChat.events)} events vs a new one (8 senders)`,
      `${fmt(longChat.longChatPerSecond)} vs ${fmt(longChat.newChatPerSecond)} events/s: ${longChat.ratio.toFixed(2)}×; errors ${longChat.errors}`,
    ],
    [
      'idle RTM connections, one agent gateway (distributed)',
      `${fmt(idleConnections.connections)} logged in: RSS ${fmt(idleConnections.rssBeforeMb)} → ${fmt(idleConnections.rssAfterMb)} MB, ` +
        `${fmt(idleConnections.rssMbPer10k)} MB per 10,000; errors ${idleConnections.errors}`,
    ],
    ...archiveRows(archive),
    ...routingRows(routing),
    ...webhookRows(webhooks),
    startRow('embedded start, new DATA_DIR', coldStart.fresh, `; database ${coldStart.fresh.preparedFrom}`),
    startRow('embedded start, existing DATA_DIR', coldStart.existing),
    ['errors, every measurement', String(errors)],
  ];
  const width = Math.max(...rows.map((r) => r[0].length));
  for (const [name, value] of rows) console.log(`${name.padEnd(width)}  ${value}`);

  const ratios = (r: ConversationResult) => ({
    ratioToRawJetStream: r.perSecond / jetstream.perSecond,
    ratioToRawPostgresInsert: r.perSecond / insert.perSecond,
  });
  const withoutErrors = <T extends { errors: number }>({ errors: _, ...rest }: T) => rest;
  const report = {
    startedAt,
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version },
    secondsPerMeasurement: BENCH_SECONDS,
    conversation: { embedded: { ...embedded, ...ratios(embedded) }, distributed: { ...distributed, ...ratios(distributed) } },
    latencyAtHalfPeak: { embedded: embeddedRun.halfPeak, distributed: distributedRun.halfPeak },
    idleLatency: { distributed: withoutErrors(idle) },
    idleConnections: withoutErrors(idleConnections),
    longChat: withoutErrors(longChat),
    baselines: { jetStreamPublishPerSecond: jetstream.perSecond, postgresInsertPerSecond: insert.perSecond, concurrency: pairs * 2 },
    eventStore: { postgres, pglite },
    relay,
    coldStart,
    archive: withoutErrors(archive),
    routing: withoutErrors(routing),
    webhooks: withoutErrors(webhooks),
    errors,
  };
  const file = join(__dirname, '../../../bench/report.json');
  writeFileSync(file, JSON.stringify(report, null, 2));
  console.log(`\nreport: bench/report.json`);
  if (BENCH_PROFILE) console.log(`\n## CPU profiles (${BENCH_PROFILE})\n\n${summariseProfiles(BENCH_PROFILE)}`);
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error);
    process.exit(1);
  },
);
