import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchRouting, RoutingBenchResult } from './routing-bench';

export { benchRouting };

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** The routing scenario's lines of the bench table. */
export function routingRows(r: RoutingBenchResult): string[][] {
  return [
    [
      `routing, PostgreSQL: ${fmt(r.agents)} agents in ${r.groups} groups, ${fmt(r.queuedChats)} queued chats`,
      `seeded in ${r.seedSeconds.toFixed(1)} s; one pass assigned ${fmt(r.pass.assigned)} in ${r.pass.seconds.toFixed(1)} s ` +
        `(${fmt(r.pass.assignmentsPerSecond)} assignments/s), ${fmt(r.pass.stillQueued)} left queued`,
    ],
    [
      `  decision per chat (${fmt(r.decisionMs.count)} decisions, target p99 < 20 ms)`,
      `p50 ${r.decisionMs.p50.toFixed(3)} ms, p99 ${r.decisionMs.p99.toFixed(3)} ms, max ${r.decisionMs.max.toFixed(1)} ms`,
    ],
    [
      '  decision + assignment append',
      `p50 ${r.assignmentMs.p50.toFixed(1)} ms, p99 ${r.assignmentMs.p99.toFixed(1)} ms, max ${r.assignmentMs.max.toFixed(1)} ms`,
    ],
    ['  a pass with every seat taken (each trigger while the queue is full)', `${r.fullPassMs.toFixed(1)} ms`],
    [
      `  router handler per unrelated event (${fmt(r.unrelatedEvent.events)} from JetStream)`,
      `${r.unrelatedEvent.skipUs.toFixed(2)} µs skipped by its type header vs ${r.unrelatedEvent.decodeUs.toFixed(2)} µs decoding it; errors ${r.errors}`,
    ],
  ];
}

/** `BENCH_ONLY=routing npm run bench`: only the routing scenario; its figures also go to bench/report-routing.json. */
export async function onlyRouting(startedAt: string): Promise<void> {
  const result = await benchRouting();
  const rows = routingRows(result);
  const width = Math.max(...rows.map((r) => r[0].length));
  for (const [name, value] of rows) console.log(`${name.padEnd(width)}  ${value}`);
  writeFileSync(join(__dirname, '../../../bench/report-routing.json'), JSON.stringify({ startedAt, routing: result }, null, 2));
  console.log('\nreport: bench/report-routing.json');
}
