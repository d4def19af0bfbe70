import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_SECONDS } from './bench-env';
import { summariseProfiles } from './profile-summary';
import { BENCH_PROFILE } from './profiling';
import { benchWebhooks, IN_FLIGHT, WebhookBenchResult, WebhookModeResult } from './webhook-bench';

export { benchWebhooks };

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (l: { p50: number; p99: number; max: number }) => `p50 ${l.p50.toFixed(1)} ms, p99 ${l.p99.toFixed(1)} ms, max ${l.max.toFixed(1)} ms`;

/** The webhook scenario's lines of the bench table. */
export function webhookRows(r: WebhookBenchResult): string[][] {
  const mode = ({ mode, throughput: t, latency: l }: WebhookModeResult) => [
    [
      `webhooks, ${mode}: ${r.webhooks} incoming_event webhooks, while ${r.chats} chats send as fast as they can`,
      `${fmt(t.deliveriesPerSecond)} deliveries/s (whole seconds ${fmt(t.perSecondMin)}–${fmt(t.perSecondMax)}): ` +
        `${(t.deliveriesPerSecond / r.raw.requestsPerSecond).toFixed(3)}× raw POST; ${fmt(t.messagesPerSecond)} messages/s accepted; ` +
        `errors ${t.errors}`,
    ],
    [
      `  the backlog once sending stopped, ${mode} (target ≥ 0.5× raw)`,
      `${fmt(t.backlogAtStop)} deliveries in ${t.drainSeconds.toFixed(1)} s: ${fmt(t.drainPerSecond)} deliveries/s (${(t.drainPerSecond / r.raw.requestsPerSecond).toFixed(3)}× raw POST)`,
    ],
    [
      `  CPU of the Switchboard processes per delivery, ${mode}`,
      `${t.cpuMsPerDelivery.toFixed(2)} ms (${Object.entries(t.cpuMsPerDeliveryByProcess).map(([name, v]) => `${name} ${v.toFixed(2)}`).join(', ')})`,
    ],
    [
      `  open loop at half that rate, ${mode} (target p99 < 100 ms)`,
      `${l.messagesPerSecond.toFixed(1)} messages/s, ${fmt(l.received)} of ${fmt(l.expected)} deliveries; from created_at ${ms(l.fromCreatedAt)}; ` +
        `from the send_event response ${ms(l.fromResponse)}; errors ${l.errors}`,
    ],
  ];
  return [
    [`raw undici POST to the receiver (${IN_FLIGHT} in flight, keep-alive, ${fmt(r.raw.bodyBytes)}-byte delivery)`, `${fmt(r.raw.requestsPerSecond)} requests/s; errors ${r.raw.errors}`],
    ...mode(r.embedded),
    ...mode(r.distributed),
  ];
}

/** `BENCH_ONLY=webhooks`: only the webhook scenario; its figures also go to bench/report-webhooks.json. */
export async function onlyWebhooks(startedAt: string): Promise<void> {
  const result = await benchWebhooks(BENCH_SECONDS);
  const rows = webhookRows(result);
  const width = Math.max(...rows.map((r) => r[0].length));
  for (const [name, value] of rows) console.log(`${name.padEnd(width)}  ${value}`);
  writeFileSync(join(__dirname, '../../../bench/report-webhooks.json'), JSON.stringify({ startedAt, webhooks: result }, null, 2));
  console.log('\nreport: bench/report-webhooks.json');
  if (BENCH_PROFILE) console.log(`\n## CPU profiles (${BENCH_PROFILE})\n\n${summariseProfiles(BENCH_PROFILE)}`);
}
