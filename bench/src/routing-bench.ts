import { randomBytes } from 'node:crypto';
import { TokenService } from '@switchboard/auth';
import { ChatService } from '@switchboard/chat/application';
import { ConfigurationCommands } from '@switchboard/configuration/application';
import { EVENT_STORE_MIGRATIONS, EVENT_TYPE_HEADER, EventMessage, PgDatabase, PostgresEventStore, runMigrations } from '@switchboard/event-store';
import { NatsBus } from '@switchboard/messaging';
import { botProjection, chatProjection, configurationProjection, READ_MODEL_MIGRATIONS, ReadModels, widgetProjection } from '@switchboard/read-models';
import { Router, routerNeedsEntry } from '@switchboard/services/router';
import { latencySummary } from './bench-client';
import { BENCH_NATS_URL, scratchDatabase, token } from './bench-env';
import { ROUTING_SHAPE, routingSeats, seedQueuedChats, seedRoutingAgents } from './routing-seed';

export interface RoutingBenchResult {
  agents: number;
  groups: number;
  queuedChats: number;
  seedSeconds: number;
  /** One routing pass over the whole queue. */
  pass: { assigned: number; seconds: number; assignmentsPerSecond: number; stillQueued: number };
  /** The pure decision per chat, with the pass's candidates in memory. */
  decisionMs: { p50: number; p99: number; max: number; count: number };
  /** Decision plus the assignment's append (the chat command under its lock, the seat taken in its transaction). */
  assignmentMs: { p50: number; p99: number; max: number };
  /** A pass when every seat is taken: what each later trigger costs while the queue is full. */
  fullPassMs: number;
  /** The router's handler per event it does not need, as delivered by JetStream. */
  unrelatedEvent: { events: number; skipUs: number; decodeUs: number };
  errors: number;
}

/**
 * Handler time per unrelated event (an `event_added`, ~1 KB): the router's
 * filter on the type header and subject, against decoding each payload as the
 * router did before (ADR 0037). Both read the same JetStream entries.
 */
async function benchUnrelatedEvents(events = 20_000): Promise<RoutingBenchResult['unrelatedEvent']> {
  const suffix = token();
  const bus = await NatsBus.connect({ servers: BENCH_NATS_URL, streamName: `BENCH_${suffix}`, subjectPrefix: `bench${suffix}` });
  try {
    await bus.events.ensure();
    const text = 'x'.repeat(900);
    for (let start = 0; start < events; start += 500) {
      await Promise.all(
        Array.from({ length: Math.min(500, events - start) }, (_, n) => {
          const i = start + n;
          const payload = { type: 'event_added', stream_id: `chat-C${i % 100}`, organization_id: 'bench-org', data: { thread_id: 'T', event: { id: `e${i}`, type: 'message', text } } };
          return bus.events.publish({ subject: `bench${suffix}.bench-org.chat.C${i % 100}`, id: `e${i}`, payload, headers: { [EVENT_TYPE_HEADER]: 'event_added' } });
        }),
      );
    }
    const run = async (name: string, handle: (entry: { headers: Record<string, string>; subject: string; payload: unknown }) => boolean) => {
      let seen = 0;
      let busyNs = 0n;
      let done!: () => void;
      const finished = new Promise<void>((resolve) => (done = resolve));
      const consumer = await bus.events.consume(name, async (entry) => {
        const started = process.hrtime.bigint();
        if (handle(entry)) throw new Error('an unrelated event was taken for a routing trigger');
        busyNs += process.hrtime.bigint() - started;
        if (++seen === events) done();
      });
      await finished;
      await consumer.stop();
      return Number(busyNs) / 1000 / events;
    };
    const skipUs = await run('skip', (entry) => routerNeedsEntry(entry));
    const decodeUs = await run('decode', (entry) => (entry.payload as EventMessage).type !== 'event_added');
    return { events, skipUs, decodeUs };
  } finally {
    await bus.deleteStream().catch(() => undefined);
    await bus.drain();
  }
}

/**
 * `BENCH_ONLY=routing npm run bench`: an organization of 1,000 agents in 50
 * groups (one first, one last, one supervisor each, the rest normal; 5 seats
 * each) and 10,000 queued chats, seeded through the event store on
 * PostgreSQL; then one routing pass of the router (in process), as a trigger
 * would start it.
 */
export async function benchRouting(): Promise<RoutingBenchResult> {
  const scratch = await scratchDatabase();
  const db = new PgDatabase({ connectionString: scratch.url, max: 8 });
  try {
    await runMigrations(db, [...EVENT_STORE_MIGRATIONS, ...READ_MODEL_MIGRATIONS]);
    const store = new PostgresEventStore(db, [configurationProjection, botProjection, chatProjection, widgetProjection]);
    const readModels = new ReadModels(db);
    const config = new ConfigurationCommands(store, readModels, new TokenService(randomBytes(32)));
    const { organizationId } = await config.createOrganization('Routing', { id: 'owner@routing.example' });
    const seedStarted = performance.now();
    await seedRoutingAgents(store, organizationId);
    await seedQueuedChats(store, organizationId);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    await db.query('ANALYZE agents');
    await db.query('ANALYZE chats');

    const router = new Router(readModels, new ChatService(store), db);
    const started = performance.now();
    const pass = await router.routeOrganization(organizationId);
    const seconds = (performance.now() - started) / 1000;
    const fullStarted = performance.now();
    await router.routeOrganization(organizationId);
    const fullPassMs = performance.now() - fullStarted;
    const stillQueued = Number((await db.query<{ n: string }>('SELECT count(*)::text AS n FROM chats WHERE organization_id = $1 AND waiting_since IS NOT NULL', [organizationId])).rows[0].n);
    const unrelatedEvent = await benchUnrelatedEvents();
    const expected = Math.min(routingSeats(), ROUTING_SHAPE.chats);
    return {
      agents: ROUTING_SHAPE.agents,
      groups: ROUTING_SHAPE.groups,
      queuedChats: ROUTING_SHAPE.chats,
      seedSeconds,
      pass: { assigned: pass.assigned, seconds, assignmentsPerSecond: pass.assigned / seconds, stillQueued },
      decisionMs: { ...latencySummary(pass.decisionMs), count: pass.decisionMs.length },
      assignmentMs: latencySummary(pass.assignmentMs),
      fullPassMs,
      unrelatedEvent,
      // Every seat but the supervisors' must be filled, and every other chat left queued.
      errors: (pass.assigned === expected ? 0 : 1) + (stillQueued === ROUTING_SHAPE.chats - expected ? 0 : 1),
    };
  } finally {
    await db.close();
    await scratch.drop();
  }
}
