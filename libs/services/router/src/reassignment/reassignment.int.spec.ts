import { randomBytes } from 'node:crypto';
import { TokenService } from '@switchboard/auth';
import { ChatActions, ChatService } from '@switchboard/chat/application';
import { ConfigurationCommands, newAgentProfile } from '@switchboard/configuration/application';
import { EVENT_STORE_MIGRATIONS, PgDatabase, PostgresEventStore, runMigrations } from '@switchboard/event-store';
import { chatProjection, configurationProjection, READ_MODEL_MIGRATIONS, ReadModels, widgetProjection } from '@switchboard/read-models';
import { createTestDatabase, describeWithPostgres, TestDatabase, waitFor } from '@switchboard/testing';
import { Router } from '../router';
import { Reassignment } from './reassignment';

const ann = 'ann@acme.example';
const bob = 'bob@acme.example';

/** The router's reassignment against real PostgreSQL: each case is its own organization. */
describeWithPostgres('reassignment (routing.md §4): chats are never stranded', () => {
  let database: TestDatabase;
  let db: PgDatabase;
  let store: PostgresEventStore;
  let readModels: ReadModels;
  let service: ChatService;
  let chats: ChatActions;
  let config: ConfigurationCommands;
  let office = 0;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new PgDatabase({ connectionString: database.url, max: 20 });
    await runMigrations(db, [...EVENT_STORE_MIGRATIONS, ...READ_MODEL_MIGRATIONS]);
    store = new PostgresEventStore(db, [configurationProjection, chatProjection, widgetProjection]);
    readModels = new ReadModels(db);
    service = new ChatService(store);
    chats = new ChatActions(service);
    config = new ConfigurationCommands(store, readModels, new TokenService(randomBytes(32)));
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  /** An organization with Ann (accepting) and Bob (as given), routing settings as given, and one customer's chat assigned to Ann. */
  async function chatWithAnn(bobStatus: 'accepting_chats' | 'not_accepting_chats', settings: Record<string, unknown>) {
    const { organizationId } = await config.createOrganization(`Acme ${++office}`, { id: `boss${office}@acme.example` });
    const id = (agent: string) => agent.replace('@', `${office}@`);
    await store.append(`widget-${organizationId}`, [{ type: 'routing_settings_updated', data: { group_id: 0, settings } }], { organizationId });
    for (const agent of [ann, bob]) {
      await config.agent(organizationId, id(agent), { type: 'create_agent', profile: newAgentProfile({ id: id(agent), name: agent.split('@')[0] }) });
    }
    await config.agent(organizationId, id(ann), { type: 'set_routing_status', id: id(ann), status: 'accepting_chats' });
    const started = await chats.start(organizationId, { id: `customer-${office}`, type: 'customer' }, { chat: { thread: { events: [{ type: 'message', text: 'Hi' }] } } }, {});
    await new Router(readModels, service, db).routeOrganization(organizationId);
    await config.agent(organizationId, id(bob), { type: 'set_routing_status', id: id(bob), status: bobStatus });
    const agentsOf = async () => (await readModels.chat(organizationId, started.chat_id))!.state.users.filter((u) => u.type === 'agent' && u.present).map((u) => u.id);
    expect(await agentsOf()).toEqual([id(ann)]);
    const events = async () => (await store.readStream(`chat-${started.chat_id}`, { organizationId })).events;
    const systemMessages = async () =>
      (await events())
        .filter((e) => e.type === 'event_added')
        .map((e) => (e.data as { event: { system_message_type?: string; text?: string } }).event)
        .filter((e) => e.system_message_type?.startsWith('routing.') && e.system_message_type !== 'routing.assigned')
        .map((e) => [e.system_message_type, e.text]);
    return { organizationId, chatId: started.chat_id, ann: id(ann), bob: id(bob), agentsOf, events, systemMessages };
  }

  const reassignment = (minuteMs = 60_000) => new Reassignment(service, readModels, db, minuteMs);

  it('an agent whose connection dropped keeps the chat through the grace period, then it goes to the next agent', async () => {
    const office = await chatWithAnn('accepting_chats', { reconnect_grace_s: 2 });
    await config.agent(office.organizationId, office.ann, { type: 'set_routing_status', id: office.ann, status: 'offline' });
    const router = reassignment();
    await router.sweep();
    expect(await office.agentsOf()).toEqual([office.ann]);
    await waitFor(async () => (await router.sweep(), (await office.agentsOf())[0] === office.bob || undefined), 10_000, 250);
    expect(await office.systemMessages()).toEqual([['routing.assigned_disconnected', 'Chat assigned to bob because ann had lost internet connection']]);
    const transferred = (await office.events()).find((e) => e.type === 'chat_transferred')!;
    expect(transferred.data).toMatchObject({ reason: 'assigned', transferred_to: { agent_ids: [office.bob] }, transferred_from: { agent_ids: [office.ann] }, assignee_id: office.bob });
    const seats = await readModels.agents(office.organizationId, { ids: [office.ann, office.bob] });
    expect(Object.fromEntries(seats.map((a) => [a.profile.id, a.active_chats]))).toEqual({ [office.ann]: 0, [office.bob]: 1 });
  }, 30_000);

  it('an agent who reconnects within the grace period keeps the chat', async () => {
    const office = await chatWithAnn('accepting_chats', { reconnect_grace_s: 1 });
    await config.agent(office.organizationId, office.ann, { type: 'set_routing_status', id: office.ann, status: 'offline' });
    await config.agent(office.organizationId, office.ann, { type: 'set_routing_status', id: office.ann, status: 'accepting_chats' });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await reassignment().sweep();
    expect(await office.agentsOf()).toEqual([office.ann]);
    expect(await office.systemMessages()).toEqual([]);
  }, 30_000);

  it('signing out moves the chat at once; with nobody to take it, the customer is queued', async () => {
    const office = await chatWithAnn('not_accepting_chats', { reconnect_grace_s: 600 });
    await config.agent(office.organizationId, office.ann, { type: 'revoke_tokens', id: office.ann, reason: 'logout' });
    await config.agent(office.organizationId, office.ann, { type: 'set_routing_status', id: office.ann, status: 'offline' });
    await reassignment().sweep();
    expect(await office.agentsOf()).toEqual([]);
    expect(await office.systemMessages()).toEqual([['routing.unassigned_signed_out', 'Customer was queued because ann had signed out']]);
    expect((await office.events()).find((e) => e.type === 'chat_transferred')!.data).toMatchObject({ reason: 'unassigned', queued: true, queue: { position: 1 } });
    expect((await readModels.waitingChats(office.organizationId)).map((c) => c.chat_id)).toEqual([office.chatId]);
  }, 30_000);

  it('a deleted agent with queues off: the chat is closed with routing.archived_deleted', async () => {
    const office = await chatWithAnn('not_accepting_chats', { queue_enabled: false });
    await config.agent(office.organizationId, office.ann, { type: 'delete_agent', id: office.ann });
    await reassignment().sweep();
    expect(await office.systemMessages()).toEqual([['routing.archived_deleted', 'The chat was closed because ann account had been deleted']]);
    expect((await readModels.chat(office.organizationId, office.chatId))!.state.threads.at(-1)!.active).toBe(false);
  }, 30_000);

  it('an assignee silent for transfer_chat_after_min: the chat goes to the next agent once, however many routers look', async () => {
    const minuteMs = 300;
    const office = await chatWithAnn('accepting_chats', { transfer_chat_after_min: 2 });
    await new Promise((resolve) => setTimeout(resolve, 2 * minuteMs + 100));
    await Promise.all([reassignment(minuteMs).sweep(), reassignment(minuteMs).sweep(), reassignment(minuteMs).sweep()]);
    expect(await office.agentsOf()).toEqual([office.bob]);
    expect(await office.systemMessages()).toEqual([['routing.assigned_inactive', "Chat assigned to bob because ann hasn't replied in 2 minutes"]]);
    expect((await office.events()).filter((e) => e.type === 'chat_transferred').map((e) => (e.data as { reason: string }).reason)).toEqual(['inactive']);
    // Bob just joined: he has the full time, so nothing moves yet.
    await reassignment(minuteMs).sweep();
    expect(await office.agentsOf()).toEqual([office.bob]);
  }, 30_000);

  it('an assignee who answered keeps the chat', async () => {
    const minuteMs = 200;
    const office = await chatWithAnn('accepting_chats', { transfer_chat_after_min: 1 });
    await chats.send(office.organizationId, { id: office.ann, type: 'agent' }, { chat_id: office.chatId, event: { type: 'message', text: 'Hello!' } }, {});
    await new Promise((resolve) => setTimeout(resolve, minuteMs + 100));
    await reassignment(minuteMs).sweep();
    expect(await office.agentsOf()).toEqual([office.ann]);
  }, 30_000);
});
