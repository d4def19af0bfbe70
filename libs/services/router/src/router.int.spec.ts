import { randomBytes } from 'node:crypto';
import { TokenService } from '@switchboard/auth';
import { ChatActions, ChatService } from '@switchboard/chat/application';
import { ConfigurationCommands, newAgentProfile } from '@switchboard/configuration/application';
import { EVENT_STORE_MIGRATIONS, PgDatabase, PostgresEventStore, runMigrations } from '@switchboard/event-store';
import { AgentCapacityError, chatProjection, configurationProjection, READ_MODEL_MIGRATIONS, ReadModels } from '@switchboard/read-models';
import { createTestDatabase, describeWithPostgres, TestDatabase } from '@switchboard/testing';
import { Router } from './router';

describeWithPostgres('router', () => {
  let database: TestDatabase;
  let db: PgDatabase;
  let readModels: ReadModels;
  let chats: ChatActions;
  let service: ChatService;
  let config: ConfigurationCommands;
  let organizationId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new PgDatabase({ connectionString: database.url, max: 20 });
    await runMigrations(db, [...EVENT_STORE_MIGRATIONS, ...READ_MODEL_MIGRATIONS]);
    const store = new PostgresEventStore(db, [configurationProjection, chatProjection]);
    readModels = new ReadModels(db);
    service = new ChatService(store);
    chats = new ChatActions(service);
    config = new ConfigurationCommands(store, readModels, new TokenService(randomBytes(32)));
    ({ organizationId } = await config.createOrganization('Acme', { id: 'boss@acme.example' }));
    for (const [id, max] of [['ann@acme.example', 2], ['bob@acme.example', 1]] as const) {
      await config.agent(organizationId, id, { type: 'create_agent', profile: newAgentProfile({ id, name: id, max_chats_count: max }) });
      await config.agent(organizationId, id, { type: 'set_routing_status', id, status: 'accepting_chats' });
    }
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  const load = async () => {
    const agents = await readModels.agents(organizationId, { ids: ['ann@acme.example', 'bob@acme.example'] });
    return Object.fromEntries(agents.map((a) => [a.profile.id, a.active_chats]));
  };

  const startChat = (n: number) =>
    chats.start(organizationId, { id: `customer-${n}`, type: 'customer' }, { chat: { thread: { events: [{ type: 'message', text: `hi ${n}` }] } } }, {});

  it("never assigns past an agent's max_chats_count, even with routers racing; the rest wait, oldest first, and are assigned when a seat frees", async () => {
    const started = [];
    for (let n = 0; n < 6; n++) started.push(await startChat(n));

    // Two routers (as two replicas would) route the same organization at the same time, several times.
    const replicas = [new Router(readModels, service, db), new Router(readModels, service, db)];
    await Promise.all(replicas.flatMap((router) => [1, 2, 3].map(() => router.routeOrganization(organizationId))));

    expect(await load()).toEqual({ 'ann@acme.example': 2, 'bob@acme.example': 1 });
    const records = await Promise.all(started.map((s) => readModels.chat(organizationId, s.chat_id)));
    const agentsPerChat = records.map((r) => r!.state.users.filter((u) => u.type === 'agent' && u.present).length);
    expect(agentsPerChat.filter((n) => n === 1)).toHaveLength(3);
    expect(agentsPerChat.every((n) => n <= 1)).toBe(true);
    // The three oldest chats got the seats.
    expect(agentsPerChat.slice(0, 3)).toEqual([1, 1, 1]);
    const waiting = await readModels.waitingChats(organizationId);
    expect(waiting.map((c) => c.chat_id)).toEqual(started.slice(3).map((s) => s.chat_id));

    // Ann closes one of her chats: the longest-waiting chat goes to her.
    const annChat = records.find((r) => r!.state.users.some((u) => u.id === 'ann@acme.example' && u.present))!;
    await chats.deactivate(organizationId, { id: 'ann@acme.example', type: 'agent', name: 'Ann' }, { id: annChat.chat_id }, {});
    await replicas[1].routeOrganization(organizationId);
    expect(await load()).toEqual({ 'ann@acme.example': 2, 'bob@acme.example': 1 });
    const next = await readModels.chat(organizationId, started[3].chat_id);
    expect(next!.state.users.find((u) => u.type === 'agent')).toMatchObject({ id: 'ann@acme.example', present: true });
    expect((await readModels.waitingChats(organizationId)).map((c) => c.chat_id)).toEqual([started[4].chat_id, started[5].chat_id]);
  });

  it('lets only as many simultaneous assignments to one agent succeed as it has free seats', async () => {
    const cara = 'cara@acme.example';
    await config.agent(organizationId, cara, { type: 'create_agent', profile: newAgentProfile({ id: cara, name: 'Cara', max_chats_count: 2 }) });
    await config.agent(organizationId, cara, { type: 'set_routing_status', id: cara, status: 'accepting_chats' });
    const started = [];
    for (let n = 100; n < 108; n++) started.push(await startChat(n));
    const outcomes = await Promise.allSettled(
      started.map((s) =>
        service.execute(organizationId, s.chat_id, {
          type: 'assign_agent',
          requester: { id: cara, type: 'agent' },
          agent: { id: cara, type: 'agent' },
          thread_id: s.thread_id,
          now: new Date().toISOString(),
        }),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(2);
    for (const failed of outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected')) {
      expect(failed.reason).toBeInstanceOf(AgentCapacityError);
    }
    expect((await readModels.agent(organizationId, cara))!.active_chats).toBe(2);
    await config.agent(organizationId, cara, { type: 'set_routing_status', id: cara, status: 'not_accepting_chats' });
  });

  it('does not route to agents who are not accepting chats', async () => {
    await config.agent(organizationId, 'bob@acme.example', { type: 'set_routing_status', id: 'bob@acme.example', status: 'not_accepting_chats' });
    const bobChat = (await readModels.listChats(organizationId, { sortOrder: 'asc', limit: 100, offset: 0 })).chats.find((c) =>
      c.state.users.some((u) => u.id === 'bob@acme.example' && u.present),
    )!;
    await chats.deactivate(organizationId, { id: 'bob@acme.example', type: 'agent' }, { id: bobChat.chat_id }, {});
    await new Router(readModels, service, db).routeOrganization(organizationId);
    expect(await load()).toEqual({ 'ann@acme.example': 2, 'bob@acme.example': 0 });
    expect(await readModels.waitingChats(organizationId)).toHaveLength(2 + 6);
  });
});
