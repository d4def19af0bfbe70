import { PgDatabase, PostgresEventStore } from '@switchboard/event-store';
import { NatsBus } from '@switchboard/messaging';
import { EventRelay } from '@switchboard/services/event-relay';
import { BENCH_NATS_URL, scratchDatabase, token } from './bench-env';

export interface RelayRate {
  events: number;
  seconds: number;
  perSecond: number;
}

/** Fills the log with `events` events, then times the relay publishing all of them to JetStream. */
export async function benchRelay(events = 20000): Promise<RelayRate> {
  const scratch = await scratchDatabase();
  const db = new PgDatabase({ connectionString: scratch.url, max: 8 });
  const store = new PostgresEventStore(db);
  await store.migrate();
  const suffix = token();
  const bus = await NatsBus.connect({ servers: BENCH_NATS_URL, streamName: `BENCH_${suffix}`, subjectPrefix: `bench${suffix}` });
  try {
    const perAppend = 10;
    await Promise.all(
      Array.from({ length: 8 }, async (_, w) => {
        for (let i = 0; i < events / perAppend / 8; i++) {
          const batch = Array.from({ length: perAppend }, (_, n) => ({ type: 'event_sent', data: { text: `m${i}.${n}` } }));
          await store.append(`chat-B${w}`, batch, { organizationId: 'bench-org' });
        }
      }),
    );
    const relay = new EventRelay(store, bus.events, { subjectPrefix: `bench${suffix}` });
    const started = process.hrtime.bigint();
    await relay.start();
    while (relay.status().published < events) await new Promise((resolve) => setTimeout(resolve, 5));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    await relay.stop();
    return { events, seconds, perSecond: events / seconds };
  } finally {
    await bus.deleteStream().catch(() => undefined);
    await bus.drain();
    await db.close();
    await scratch.drop();
  }
}
