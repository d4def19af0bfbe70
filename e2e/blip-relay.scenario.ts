import { EventMessage, PgDatabase, PostgresEventStore } from '@switchboard/event-store';
import { NatsBus, StreamEntry } from '@switchboard/messaging';
import { sleep, uniqueToken, waitFor } from '@switchboard/testing';

/**
 * `writers` loops appending events of one to three at a time to their own
 * streams, straight to PostgreSQL, until stopped.
 */
export function appendInLoop(store: PostgresEventStore, organizationId: string, writers: number) {
  const appended: string[] = [];
  let stopped = false;
  const run = async (w: number) => {
    for (let n = 0; !stopped; n++) {
      const events = Array.from({ length: 1 + (n % 3) }, (_, i) => ({ type: 'blip_written', data: { w, n, i } }));
      const result = await store.append(`chat-BLIP${w}x${n % 5}`, events, { organizationId });
      appended.push(...result.events.map((e) => e.eventId));
      await sleep(2);
    }
  };
  const running = Promise.all(Array.from({ length: writers }, (_, w) => run(w)));
  // A failing writer fails the test when it is stopped, not as an unhandled rejection before.
  running.catch(() => undefined);
  return {
    appended,
    async stop(): Promise<void> {
      stopped = true;
      await running;
    },
  };
}

/** Every event id of the log, in the relay's order (commit order: transaction id, then position). */
export async function logOrder(db: PgDatabase): Promise<string[]> {
  const { rows } = await db.query<{ event_id: string }>('SELECT event_id FROM events ORDER BY transaction_id, global_position');
  return rows.map((r) => r.event_id);
}

/**
 * Waits until the stream holds as many messages as the log has events, then
 * checks it holds exactly the log: each event once, in commit order.
 */
export async function expectStreamToMirrorLog(db: PgDatabase, natsUrl: string, streamName: string, subjectPrefix: string): Promise<void> {
  const expected = await logOrder(db);
  const bus = await NatsBus.connect({ servers: natsUrl, streamName, subjectPrefix });
  try {
    await waitFor(async () => ((await bus.events.last())?.sequence ?? 0) >= expected.length, 120_000, 100);
    const seen: EventMessage[] = [];
    const consumer = await bus.events.consume(
      `verify_${uniqueToken()}`,
      async (entry: StreamEntry) => {
        seen.push(entry.payload as EventMessage);
      },
      { ackWaitMs: 10_000 },
    );
    await waitFor(() => seen.length >= expected.length, 120_000, 50);
    await consumer.stop();
    expect((await bus.events.last())?.sequence).toBe(expected.length);
    expect(seen.map((e) => e.event_id)).toEqual(expected);
  } finally {
    await bus.drain();
  }
}
