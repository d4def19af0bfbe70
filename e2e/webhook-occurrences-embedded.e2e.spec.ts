import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChatQueries } from '@switchboard/chat/application';
import { EventMessage, LOG_START, PgliteDatabase, PostgresEventStore, toEventMessage } from '@switchboard/event-store';
import { PageIdCodec } from '@switchboard/protocol';
import { CustomerRecords, ReadModels } from '@switchboard/read-models';
import { spawnApp, START_TIMEOUT_MS } from '@switchboard/testing';
import { webhookOccurrences } from '@switchboard/webhooks/application';
import { isChatAction, WebhookOccurrence, webhookAction } from '@switchboard/webhooks/domain';
import { tellWebhookStory, WebhookStory } from './webhook-occurrences.scenario';

interface Heard {
  message: EventMessage;
  occurrence: WebhookOccurrence;
}

/**
 * What webhooks hear: the embedded Switchboard (PGlite) serves a story told
 * through its public API, then stops; its event log, read back, is turned
 * into webhook occurrences — the read models are then newer than most
 * events, so every chat is seen as of its event.
 */
describe('webhook occurrences of every action, embedded mode', () => {
  let dir: string;
  let story: WebhookStory;
  const heard: Heard[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sb-whocc-'));
    const app = await spawnApp('switchboard', { DATA_DIR: dir, RATE_LIMITS: 'off' }, { timeoutMs: START_TIMEOUT_MS });
    try {
      story = await tellWebhookStory(app.url, readFileSync(join(dir, 'admin-token'), 'utf8').trim());
    } finally {
      await app.stop('SIGTERM');
    }
    const db = await PgliteDatabase.open(dir);
    try {
      const store = new PostgresEventStore(db);
      const readModels = new ReadModels(db);
      const sources = { readModels, queries: new ChatQueries(readModels, new PageIdCodec(randomBytes(32))), store, customers: new CustomerRecords(db) };
      const events = (await store.readLog(LOG_START, 100_000)).filter((e) => e.organizationId === story.team.organizationId);
      for (const event of events) {
        const message = toEventMessage(event);
        for (const occurrence of await webhookOccurrences(message, sources)) heard.push({ message, occurrence });
      }
    } finally {
      await db.close();
    }
  }, START_TIMEOUT_MS + 120_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const all = (action: string, match: (o: WebhookOccurrence) => boolean = () => true) =>
    heard.map((h) => h.occurrence).filter((o) => o.action === action && match(o));
  const one = (action: string, match: (o: WebhookOccurrence) => boolean = () => true): WebhookOccurrence => {
    const found = all(action, match);
    expect(found).toHaveLength(1);
    return found[0];
  };
  const payload = (o: WebhookOccurrence) => o.payload as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const ids = () => story.team.ids;
  const eventIs = (id: string) => (o: WebhookOccurrence) => payload(o).event?.id === id;

  it('every occurrence is one of the 36 actions; chat actions carry their chat, the others none', () => {
    expect(heard.length).toBeGreaterThan(40);
    for (const { occurrence } of heard) {
      expect(webhookAction(occurrence.action)?.action).toBe(occurrence.action);
      expect(Boolean(occurrence.chat)).toBe(isChatAction(occurrence.action));
    }
  });

  describe('chats', () => {
    it('incoming_chat: once, when the thread starts, with the messages it started with and the chat as it was then', () => {
      const o = one('incoming_chat');
      expect(payload(o).chat).toMatchObject({ id: story.chatId, thread: { id: story.threadId, active: true } });
      expect(payload(o).chat.thread.events.map((e: { text?: string }) => e.text)).toEqual(['Hello']);
      expect(payload(o).transferred_from).toBeUndefined();
      expect(o.chat).toEqual({ id: story.chatId, presentUserIds: [story.visitor], presentBotOwners: [], properties: {} });
      expect(o.sourceClientId).toBeUndefined();
      // Its messages came with it: no incoming_event of their own.
      expect(all('incoming_event', (e) => payload(e).event.text === 'Hello')).toEqual([]);
    });

    it('chat_deactivated: the customer ended it (user_id), acting through no application', () => {
      const o = one('chat_deactivated');
      expect(o.payload).toEqual({ chat_id: story.chatId, thread_id: story.threadId, user_id: story.visitor });
      expect(o.chat?.presentUserIds).toEqual([story.visitor]);
      expect(o.sourceClientId).toBeUndefined();
    });
  });

  describe('chat access and users', () => {
    it('chat_access_updated: the transfer to Sales, by a personal access token', () => {
      const o = one('chat_access_updated');
      expect(o.payload).toEqual({ id: story.chatId, access: { group_ids: [story.groupId] } });
      expect(o.sourceClientId).toBeUndefined();
    });

    it('chat_transferred: manual, by max, to the group; nobody could take it', () => {
      const o = one('chat_transferred');
      expect(o.payload).toEqual({ chat_id: story.chatId, thread_id: story.threadId, requester_id: ids().normal, reason: 'manual', transferred_to: { group_ids: [story.groupId] } });
      expect(o.sourceClientId).toBeUndefined();
    });

    it('user_added_to_chat: the router assigns max (system), my application adds ada and its bot (my client)', () => {
      const assigned = one('user_added_to_chat', (o) => payload(o).user.id === ids().normal);
      expect(assigned.payload).toEqual({ chat_id: story.chatId, thread_id: story.threadId, user: expect.objectContaining({ id: ids().normal, type: 'agent', present: true }), user_type: 'agent', reason: 'assigned' });
      expect(assigned.sourceClientId).toBeNull();
      expect(assigned.chat?.presentUserIds.sort()).toEqual([ids().normal, story.visitor].sort());
      const bot = one('user_added_to_chat', (o) => payload(o).user.id === story.botId);
      expect(bot.payload).toMatchObject({ user_type: 'agent', reason: 'manual', requester_id: ids().admin });
      expect(bot.sourceClientId).toBe(story.myClient);
      expect(bot.chat?.presentBotOwners).toEqual([story.myClient]);
    });

    it('user_removed_from_chat: my application removes the bot; the transfer takes max and ada out', () => {
      const bot = one('user_removed_from_chat', (o) => payload(o).user_id === story.botId);
      expect(bot.payload).toEqual({ chat_id: story.chatId, thread_id: story.threadId, user_id: story.botId, user_type: 'agent', reason: 'manual', requester_id: ids().admin });
      expect(bot.sourceClientId).toBe(story.myClient);
      expect(bot.chat?.presentBotOwners).toEqual([]);
      const max = one('user_removed_from_chat', (o) => payload(o).user_id === ids().normal);
      expect(max.sourceClientId).toBeUndefined();
    });
  });

  describe('events', () => {
    it('incoming_event: author type and source — the customer, max with a personal access token, max with a Bearer token, the router', () => {
      const fromCustomer = one('incoming_event', eventIs(story.customerEventId));
      expect(fromCustomer.payload).toEqual({ chat_id: story.chatId, thread_id: story.threadId, event: expect.objectContaining({ type: 'message', text: 'Anyone?', author_id: story.visitor }) });
      expect([fromCustomer.authorType, fromCustomer.sourceClientId]).toEqual(['customer', undefined]);
      const byPat = one('incoming_event', eventIs(story.patEventId));
      expect([byPat.authorType, byPat.sourceClientId]).toEqual(['agent', undefined]);
      const byBearer = one('incoming_event', eventIs(story.richEventId));
      expect([byBearer.authorType, byBearer.sourceClientId]).toEqual(['agent', story.defaultClient]);
      const assigned = one('incoming_event', (o) => payload(o).event.system_message_type === 'routing.assigned');
      expect([assigned.authorType, assigned.sourceClientId]).toEqual(['agent', null]);
    });

    it('event_updated: nothing causes it (a postback is not an update, ADR 0028)', () => {
      expect(all('event_updated')).toEqual([]);
    });

    it('incoming_rich_message_postback: the customer toggled a button of an active thread', () => {
      const o = one('incoming_rich_message_postback');
      expect(o.payload).toEqual({ user_id: story.visitor, chat_id: story.chatId, thread_id: story.threadId, event_id: story.richEventId, postback: { id: 'pro', toggled: true } });
      expect(o.chat?.presentUserIds.sort()).toEqual([ids().admin, ids().normal, story.botId, story.visitor].sort());
      expect(o.sourceClientId).toBeUndefined();
    });
  });

  describe('properties and tags (my application)', () => {
    const note = (value: string) => () => ({ [story.myClient]: { note: value } });
    const names = () => ({ [story.myClient]: ['note'] });
    it.each([
      ['chat_properties_updated', () => ({ properties: note('chat')() })],
      ['chat_properties_deleted', () => ({ properties: names() })],
      ['thread_properties_updated', () => ({ thread_id: story.threadId, properties: note('thread')() })],
      ['thread_properties_deleted', () => ({ thread_id: story.threadId, properties: names() })],
      ['event_properties_updated', () => ({ thread_id: story.threadId, event_id: story.propertyEventId, properties: note('event')() })],
      ['event_properties_deleted', () => ({ thread_id: story.threadId, event_id: story.propertyEventId, properties: names() })],
      ['thread_tagged', () => ({ thread_id: story.threadId, tag: 'vip' })],
      ['thread_untagged', () => ({ thread_id: story.threadId, tag: 'vip' })],
    ])('%s', (action, expected) => {
      const o = one(action);
      expect(o.payload).toEqual({ chat_id: story.chatId, ...expected() });
      expect(o.sourceClientId).toBe(story.myClient);
    });

    it("chat properties in the context are the chat's as of the event", () => {
      expect(one('chat_properties_updated').chat?.properties).toEqual({ [story.myClient]: { note: 'chat' } });
      expect(one('chat_properties_deleted').chat?.properties).toEqual({});
    });
  });

  it('events_marked_as_seen: the customer', () => {
    const o = one('events_marked_as_seen');
    expect(o.payload).toEqual({ user_id: story.visitor, chat_id: story.chatId, seen_up_to: expect.any(String) });
    expect(o.sourceClientId).toBeUndefined();
  });

  it('routing_status_set: a login (its application), my application, a personal access token, and Switchboard when the last connection closes', () => {
    const of = (agentId: string) => all('routing_status_set', (o) => o.agentId === agentId);
    expect(of(ids().admin).map((o) => [o.payload, o.sourceClientId])).toEqual([[{ agent_id: ids().admin, status: 'not_accepting_chats' }, story.myClient]]);
    expect(of(ids().normal).map((o) => [o.payload, o.sourceClientId])).toEqual([
      [{ agent_id: ids().normal, status: 'not_accepting_chats' }, story.defaultClient],
      [{ agent_id: ids().normal, status: 'accepting_chats' }, undefined],
      [{ agent_id: ids().normal, status: 'offline' }, null],
    ]);
  });

  describe('customers', () => {
    it('incoming_customer: a new visitor (no application), and one my application creates', () => {
      const visitor = one('incoming_customer', (o) => payload(o).customer.id === story.visitor);
      expect(visitor.payload).toEqual({ customer: expect.objectContaining({ id: story.visitor, type: 'customer', session_fields: [] }) });
      expect(visitor.sourceClientId).toBeUndefined();
      const created = one('incoming_customer', (o) => payload(o).customer.id === story.createdCustomer);
      expect(payload(created).customer).toMatchObject({ name: 'Carl' });
      expect(created.sourceClientId).toBe(story.myClient);
    });

    it('customer_session_fields_updated: one for the active chat, with who is in it', () => {
      const o = one('customer_session_fields_updated');
      expect(o.payload).toEqual({ id: story.visitor, active_chat: { chat_id: story.chatId, thread_id: story.threadId }, session_fields: [{ plan: 'pro' }] });
      expect(o.chat?.id).toBe(story.chatId);
      expect(o.sourceClientId).toBeUndefined();
    });
  });

  describe('configuration (my application; the owner approves)', () => {
    const byId = (id: unknown) => (o: WebhookOccurrence) => payload(o).id === id;
    it('agent_created: the full agent', () => {
      const o = one('agent_created', byId(story.newAgent));
      expect(o.payload).toEqual({
        id: story.newAgent,
        name: 'New',
        role: 'normal',
        awaiting_approval: true,
        max_chats_count: expect.any(Number),
        groups: [{ id: 0, priority: 'normal' }],
        notifications: [],
        email_subscriptions: [],
        work_scheduler: {},
      });
      expect(o.sourceClientId).toBe(story.myClient);
    });
    it.each([
      ['agent_updated', () => ({ id: story.newAgent, job_title: 'Support' }), () => story.myClient],
      ['agent_approved', () => ({ id: story.newAgent }), () => story.defaultClient],
      ['agent_suspended', () => ({ id: story.newAgent }), () => story.myClient],
      ['agent_unsuspended', () => ({ id: story.newAgent }), () => story.myClient],
      ['agent_deleted', () => ({ id: story.newAgent }), () => story.myClient],
      ['bot_updated', () => ({ id: story.botId, name: 'Hook bot 2' }), () => story.myClient],
      ['bot_deleted', () => ({ id: story.botId }), () => story.myClient],
      ['group_updated', () => ({ id: story.groupId, name: 'Sales team' }), () => story.myClient],
      ['group_deleted', () => ({ id: story.groupId }), () => story.myClient],
      ['auto_access_updated', () => ({ id: story.autoAccessId, description: 'Pricing page' }), () => story.myClient],
      ['auto_access_deleted', () => ({ id: story.autoAccessId }), () => story.myClient],
    ])('%s: what changed, or the id', (action, expected, source) => {
      const o = one(action, byId(expected().id));
      expect(o.payload).toEqual(expected());
      expect(o.sourceClientId).toBe(source());
    });
    it('bot_created: the full bot, owned by my application', () => {
      const o = one('bot_created', byId(story.botId));
      expect(o.payload).toEqual({ id: story.botId, name: 'Hook bot', max_chats_count: expect.any(Number), default_group_priority: expect.any(String), groups: expect.any(Array), owner_client_id: story.myClient });
      expect(o.sourceClientId).toBe(story.myClient);
    });
    it('group_created: the group', () => {
      const o = one('group_created', byId(story.groupId));
      expect(o.payload).toEqual({ id: story.groupId, name: 'Sales', language_code: expect.any(String), agent_priorities: { [ids().other]: 'normal' } });
      expect(o.sourceClientId).toBe(story.myClient);
    });
    it('auto_access_added: the whole rule', () => {
      const o = one('auto_access_added', byId(story.autoAccessId));
      expect(o.payload).toMatchObject({ id: story.autoAccessId, description: 'Pricing', access: { groups: [0] }, conditions: { url: { values: [{ value: 'example.com/pricing', exact_match: true }] } } });
      expect(o.sourceClientId).toBe(story.myClient);
    });
  });
});
