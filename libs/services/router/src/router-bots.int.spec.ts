import { randomBytes } from 'node:crypto';
import { TokenService } from '@switchboard/auth';
import { ChatActions, ChatService } from '@switchboard/chat/application';
import { ConfigurationCommands } from '@switchboard/configuration/application';
import { newBotProfile } from '@switchboard/configuration/domain';
import { EVENT_STORE_MIGRATIONS, EventMessage, PgDatabase, PostgresEventStore, runMigrations } from '@switchboard/event-store';
import { botProjection, chatProjection, configurationProjection, READ_MODEL_MIGRATIONS, ReadModels } from '@switchboard/read-models';
import { createTestDatabase, describeWithPostgres, TestDatabase } from '@switchboard/testing';
import { Router } from './router';

describeWithPostgres('router and bots', () => {
  let database: TestDatabase;
  let db: PgDatabase;
  let readModels: ReadModels;
  let chats: ChatActions;
  let router: Router;
  let config: ConfigurationCommands;
  let organizationId: string;
  const bot = randomBytes(16).toString('hex');

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new PgDatabase({ connectionString: database.url, max: 10 });
    await runMigrations(db, [...EVENT_STORE_MIGRATIONS, ...READ_MODEL_MIGRATIONS]);
    const store = new PostgresEventStore(db, [configurationProjection, botProjection, chatProjection]);
    readModels = new ReadModels(db);
    const service = new ChatService(store);
    chats = new ChatActions(service);
    router = new Router(readModels, service, db);
    config = new ConfigurationCommands(store, readModels, new TokenService(randomBytes(32)));
    // The owner exists but is offline: only the bot can take chats.
    ({ organizationId } = await config.createOrganization('Botco', { id: 'boss@botco.example' }));
    await config.agent(organizationId, 'boss@botco.example', { type: 'set_routing_status', id: 'boss@botco.example', status: 'offline' });
    const profile = newBotProfile({ id: bot, name: 'Helper', owner_client_id: 'a'.repeat(32), created_with: 'bearer', max_chats_count: 1, default_group_priority: 'first' });
    await config.bot(organizationId, bot, { type: 'create_bot', profile });
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  const startChat = (n: number) =>
    chats.start(organizationId, { id: `customer-${n}`, type: 'customer' }, { chat: { thread: { events: [{ type: 'message', text: `hi ${n}` }] } } }, {});
  const botIn = async (chatId: string) =>
    (await readModels.chat(organizationId, chatId))!.state.users.some((u) => u.id === bot && u.type === 'agent' && u.present);
  /** What the router's consumer hands it: the committed event of the bot's stream. */
  const announce = (type: string, data: unknown) =>
    router.onEvent({ stream_id: `agent-${bot}`, organization_id: organizationId, type, data } as EventMessage);

  it('routes nothing to a bot until it accepts chats, then up to its max_chats_count, and more when that is raised', async () => {
    const first = await startChat(1);
    await router.routeOrganization(organizationId);
    expect(await botIn(first.chat_id)).toBe(false);

    await config.bot(organizationId, bot, { type: 'set_routing_status', id: bot, status: 'accepting_chats' });
    await announce('routing_status_set', { agent_id: bot, status: 'accepting_chats' });
    expect(await botIn(first.chat_id)).toBe(true);

    const second = await startChat(2);
    await router.routeOrganization(organizationId);
    expect(await botIn(second.chat_id)).toBe(false);
    expect((await readModels.waitingChats(organizationId)).map((c) => c.chat_id)).toEqual([second.chat_id]);

    await config.bot(organizationId, bot, { type: 'update_bot', id: bot, changes: { max_chats_count: 2 } });
    await announce('bot_updated', { id: bot, max_chats_count: 2 });
    expect(await botIn(second.chat_id)).toBe(true);
  });

  it('routes nothing to a deleted bot', async () => {
    await config.bot(organizationId, bot, { type: 'update_bot', id: bot, changes: { max_chats_count: 10 } });
    await config.bot(organizationId, bot, { type: 'delete_bot', id: bot });
    const third = await startChat(3);
    await router.routeOrganization(organizationId);
    expect(await botIn(third.chat_id)).toBe(false);
    expect(await readModels.agent(organizationId, bot)).toBeUndefined();
  });
});
