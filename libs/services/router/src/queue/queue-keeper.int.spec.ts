import { randomBytes } from 'node:crypto';
import { TokenService } from '@switchboard/auth';
import { ChatActions, ChatService, LivePush } from '@switchboard/chat/application';
import { ConfigurationCommands } from '@switchboard/configuration/application';
import { EVENT_STORE_MIGRATIONS, PgDatabase, PostgresEventStore, runMigrations } from '@switchboard/event-store';
import { chatProjection, configurationProjection, READ_MODEL_MIGRATIONS, ReadModels } from '@switchboard/read-models';
import { createTestDatabase, describeWithPostgres, TestDatabase } from '@switchboard/testing';
import { QueueKeeper } from './queue-keeper';

describeWithPostgres('queue keeper', () => {
  let database: TestDatabase;
  let db: PgDatabase;
  let readModels: ReadModels;
  let service: ChatService;
  let chats: ChatActions;
  let organizationId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new PgDatabase({ connectionString: database.url, max: 20 });
    await runMigrations(db, [...EVENT_STORE_MIGRATIONS, ...READ_MODEL_MIGRATIONS]);
    const store = new PostgresEventStore(db, [configurationProjection, chatProjection]);
    readModels = new ReadModels(db);
    service = new ChatService(store);
    chats = new ChatActions(service);
    const config = new ConfigurationCommands(store, readModels, new TokenService(randomBytes(32)));
    ({ organizationId } = await config.createOrganization('Queue Co', { id: 'boss@queue.example' }));
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  /** A router replica's queue keeper, with the pushes it relayed. */
  const replica = (minuteMs: number) => {
    const pushes: LivePush[] = [];
    const keeper = new QueueKeeper(db, service, readModels, (_organization, relayed) => pushes.push(...relayed), minuteMs);
    return { keeper, pushes };
  };

  it('two routers placing the same queue at once tell each position once; after a restart, two routers archive each timed-out chat once', async () => {
    // Nobody accepts chats: every customer's chat waits.
    const started = [];
    for (let n = 0; n < 3; n++) {
      started.push(await chats.start(organizationId, { id: `customer-${n}`, type: 'customer' }, { chat: { thread: { events: [{ type: 'message', text: `hi ${n}` }] } } }, {}));
    }
    const replicas = [replica(60_000), replica(60_000)];
    await Promise.all(replicas.flatMap(({ keeper }) => [1, 2, 3].map(() => keeper.schedule(organizationId))));

    const pushes = replicas.flatMap((r) => r.pushes);
    const toCustomers = pushes.filter((p) => p.api === 'customer');
    expect(toCustomers.map((p) => [p.userIds, (p.payload as { queue: { position: number } }).queue.position])).toEqual([
      [['customer-0'], 1],
      [['customer-1'], 2],
      [['customer-2'], 3],
    ]);
    const toAgents = pushes.filter((p) => p.api === 'agent');
    expect(toAgents).toHaveLength(1);
    expect(toAgents[0]).toMatchObject({ action: 'queue_positions_updated', userIds: ['boss@queue.example'] });
    expect((toAgents[0].payload as Array<{ chat_id: string }>).map((e) => e.chat_id)).toEqual(started.map((s) => s.chat_id));
    const queues = await readModels.threadQueues(organizationId, started.map((s) => s.chat_id));
    expect([...queues.values()].map((q) => q.position).sort()).toEqual([1, 2, 3]);

    // The routers restart with a short minute: every chat has waited past queue_timeout_min (30 "minutes" of 1 ms).
    await new Promise((resolve) => setTimeout(resolve, 50));
    const restarted = [replica(1), replica(1)];
    await Promise.all(restarted.flatMap(({ keeper }) => [1, 2].map(() => keeper.schedule(organizationId))));
    for (const { chat_id, thread_id } of started) {
      const events = (await readModels.chatEvents(organizationId, chat_id, [thread_id])).get(thread_id)!;
      expect(events.filter((e) => e.type === 'system_message').map((e) => e.system_message_type)).toEqual(['routing.archived_offline']);
      const record = await readModels.chat(organizationId, chat_id);
      expect(record!.active).toBe(false);
      expect(record!.queues_duration).toEqual({ [thread_id]: expect.any(Number) });
    }
    // Closed chats are no longer placed, and nobody is told of them again.
    expect(await readModels.threadQueues(organizationId, started.map((s) => s.chat_id))).toEqual(new Map());
    await restarted[0].keeper.schedule(organizationId);
    expect(restarted.flatMap((r) => r.pushes)).toEqual([]);
  });
});
