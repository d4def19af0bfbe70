import { ChatActions, ChatService } from '@switchboard/chat/application';
import { ConfigurationCommands, newAgentProfile } from '@switchboard/configuration/application';
import { TokenService } from '@switchboard/auth';
import { EVENT_STORE_MIGRATIONS, PgDatabase, PostgresEventStore, runMigrations } from '@switchboard/event-store';
import { chatProjection, configurationProjection, READ_MODEL_MIGRATIONS, ReadModels } from '@switchboard/read-models';
import { createTestDatabase, describeWithPostgres, TestDatabase } from '@switchboard/testing';
import { randomBytes } from 'node:crypto';
import { Router } from '../router';
import { InactivitySweep } from './inactivity-sweep';
import { TimerLease } from './timer-ownership';

const MINUTE = 60_000;
const later = (minutes: number) => () => new Date(Date.now() + minutes * MINUTE);

describeWithPostgres('inactivity timer (real PostgreSQL)', () => {
  let database: TestDatabase;
  let db: PgDatabase;
  let service: ChatService;
  let chats: ChatActions;
  let readModels: ReadModels;
  let organizationId: string;
  const agent = { id: 'ann@acme.example', type: 'agent' as const, name: 'Ann' };

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new PgDatabase({ connectionString: database.url, max: 20 });
    await runMigrations(db, [...EVENT_STORE_MIGRATIONS, ...READ_MODEL_MIGRATIONS]);
    const store = new PostgresEventStore(db, [configurationProjection, chatProjection]);
    readModels = new ReadModels(db);
    service = new ChatService(store);
    chats = new ChatActions(service);
    const config = new ConfigurationCommands(store, readModels, new TokenService(randomBytes(32)));
    ({ organizationId } = await config.createOrganization('Acme', { id: 'boss@acme.example' }));
    await config.agent(organizationId, agent.id, { type: 'create_agent', profile: newAgentProfile({ id: agent.id, name: 'Ann', max_chats_count: 10 }) });
    await config.agent(organizationId, agent.id, { type: 'set_routing_status', id: agent.id, status: 'accepting_chats' });
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  const startChat = async (customer: string, continuous = false) => {
    const started = await chats.start(organizationId, { id: customer, type: 'customer' }, { chat: { thread: { events: [{ type: 'message', text: 'hi' }] } }, continuous }, {});
    await new Router(readModels, service, db).routeOrganization(organizationId);
    return started;
  };
  const eventsOf = async (chatId: string) =>
    (await db.query<{ type: string; data: Record<string, unknown> }>(`SELECT type, data FROM events WHERE stream_id = $1 ORDER BY stream_version`, [`chat-${chatId}`])).rows;
  const systemMessages = async (chatId: string) =>
    (await eventsOf(chatId)).flatMap((e) => (e.type === 'event_added' && (e.data.event as { type: string }).type === 'system_message' ? [e.data.event as Record<string, unknown>] : []));

  it('two routers sweeping at once archive a silent thread once, with routing.archived_inactive and no closing user; the seat is freed', async () => {
    const { chat_id: chatId } = await startChat('customer-silent');
    expect((await readModels.agent(organizationId, agent.id))!.active_chats).toBe(1);
    const sweeps = [new InactivitySweep(db, service, MINUTE, later(31)), new InactivitySweep(db, service, MINUTE, later(31))];
    const outcomes = await Promise.all([...sweeps, ...sweeps].map((s) => s.run()));

    expect(outcomes.reduce((n, o) => n + o.archived, 0)).toBe(1);
    const archived = (await systemMessages(chatId)).filter((m) => m.system_message_type === 'routing.archived_inactive');
    expect(archived).toEqual([expect.objectContaining({ text: 'Chat archived due to 30 minutes of inactivity', text_vars: { duration: '30' } })]);
    const closes = (await eventsOf(chatId)).filter((e) => e.type === 'thread_deactivated');
    expect(closes).toHaveLength(1);
    expect(closes[0].data).not.toHaveProperty('user_id');
    expect((await readModels.chat(organizationId, chatId))!.active).toBe(false);
    expect((await readModels.agent(organizationId, agent.id))!.active_chats).toBe(0);
  });

  it('leaves a thread alone until the whole timeout has passed since its last message', async () => {
    const { chat_id: chatId } = await startChat('customer-talking');
    expect((await new InactivitySweep(db, service, MINUTE, later(29)).run()).archived).toBe(0);
    // The agent answers: the timeout counts from there.
    await chats.send(organizationId, agent, { chat_id: chatId, event: { type: 'message', text: 'Still there?' } }, {});
    const sweep = (minutes: number) => new InactivitySweep(db, service, MINUTE, () => new Date(Date.now() + minutes * MINUTE));
    expect((await sweep(29).run()).archived).toBe(0);
    expect((await readModels.chat(organizationId, chatId))!.active).toBe(true);
    expect((await sweep(31).run()).archived).toBe(1);
    expect((await readModels.chat(organizationId, chatId))!.active).toBe(false);
  });

  it('marks a silent continuous chat idle once (routing.idle and the property), clears the mark when someone writes, and never archives it', async () => {
    const { chat_id: chatId, thread_id: threadId } = await startChat('customer-continuous', true);
    const sweeps = [new InactivitySweep(db, service, MINUTE, later(31)), new InactivitySweep(db, service, MINUTE, later(31))];
    const outcomes = await Promise.all([...sweeps, ...sweeps].map((s) => s.run()));
    expect(outcomes.reduce((n, o) => n + o.idle, 0)).toBe(1);
    expect(outcomes.reduce((n, o) => n + o.archived, 0)).toBe(0);
    const record = await readModels.chat(organizationId, chatId);
    expect(record!.active).toBe(true);
    expect(record!.state.threads.find((t) => t.id === threadId)!.properties.routing).toMatchObject({ idle: true });
    expect((await systemMessages(chatId)).filter((m) => m.system_message_type === 'routing.idle')).toEqual([
      expect.objectContaining({ text: 'Chat is idle due to 30 minutes of inactivity' }),
    ]);
    expect((await new InactivitySweep(db, service, MINUTE, later(120)).run()).idle).toBe(0);

    // The customer comes back a minute after the mark (the sweeps above ran 31 minutes ahead).
    const back = later(32)().toISOString();
    await service.execute(organizationId, chatId, { type: 'send_event', requester: { id: 'customer-continuous', type: 'customer' }, now: back, event: { type: 'message', text: 'back' } });
    expect(await new InactivitySweep(db, service, MINUTE, later(33)).run()).toMatchObject({ cleared: 1, idle: 0 });
    expect((await readModels.chat(organizationId, chatId))!.state.threads.find((t) => t.id === threadId)!.properties.routing).toMatchObject({ idle: false });
    expect((await readModels.chat(organizationId, chatId))!.active).toBe(true);
  });

  it('a timer lease is held by one replica at a time, renewed by it, and taken over once it expires', async () => {
    const a = new TimerLease(db, 'test-lease', 'replica-a', 300);
    const b = new TimerLease(db, 'test-lease', 'replica-b', 300);
    const first = await Promise.all([a.acquire(), b.acquire()]);
    expect(first.filter(Boolean)).toHaveLength(1);
    const [holder, other] = first[0] ? [a, b] : [b, a];
    expect(await holder.acquire()).toBe(true);
    expect(await other.acquire()).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await other.acquire()).toBe(true);
    expect(await holder.acquire()).toBe(false);
    await other.release();
    expect(await holder.acquire()).toBe(true);
  });
});
