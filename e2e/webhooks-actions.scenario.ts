import { callWeb, ReceivedWebhook, waitFor, WebhookReceiver } from '@switchboard/testing';
import { isChatAction, WEBHOOK_ACTIONS, WebhookFilters } from '@switchboard/webhooks/domain';
import { castWebhookStory, playWebhookStory, StoryCast, StoryUrls, WebhookStory } from './webhook-occurrences.scenario';

export type { StoryUrls } from './webhook-occurrences.scenario';

/** A chat my application starts after the story: the one chat `only_my_chats` lets through. */
export interface MyChat {
  chatId: string;
  threadId: string;
  /** get_chat as an agent sees it right after it started. */
  seen: { properties: Record<string, unknown>; thread: { properties: Record<string, unknown> } };
}

/** What the receiver heard of the story, with the registrations it was heard through. */
export interface Heard {
  cast: StoryCast;
  story: WebhookStory;
  myChat: MyChat;
  /** The plain license webhook of each action (owner: my application), by action. */
  base: Record<string, string>;
  /** The filtered ones, by name (see {@link filteredHooks}). */
  filtered: Record<string, string>;
  /** Each webhook's own secret key, by webhook id. */
  secrets: Map<string, string>;
  receiver: WebhookReceiver;
}

/** The filtered registrations, by name: action, filters, and whether the default application owns it (else mine). */
function filteredHooks(cast: StoryCast): Record<string, { action: string; filters: WebhookFilters; owner?: 'default' }> {
  const max = cast.team.ids.normal;
  return {
    customerEvents: { action: 'incoming_event', filters: { author_type: 'customer' } },
    myChatsEvents: { action: 'incoming_event', filters: { only_my_chats: true } },
    myChats: { action: 'incoming_chat', filters: { only_my_chats: true } },
    otherClientsChats: { action: 'incoming_chat', filters: { source_type: ['other_clients'] } },
    systemAdds: { action: 'user_added_to_chat', filters: { source_type: ['system'] } },
    myBotsAdds: { action: 'user_added_to_chat', filters: { chat_presence: { my_bots: true } } },
    myClientRemovals: { action: 'user_removed_from_chat', filters: { source_type: ['my_client'] } },
    seenWithMax: { action: 'events_marked_as_seen', filters: { chat_presence: { user_ids: { values: [max] } } } },
    seenWithoutMax: { action: 'events_marked_as_seen', filters: { chat_presence: { user_ids: { exclude_values: [max] } } } },
    maxStatuses: { action: 'routing_status_set', filters: { agent_ids: { values: [max] } } },
    othersStatusesByMe: { action: 'routing_status_set', filters: { agent_ids: { exclude_values: [max] }, source_type: ['my_client'] } },
    statusesByDefault: { action: 'routing_status_set', filters: { source_type: ['my_client'] }, owner: 'default' },
    systemStatuses: { action: 'routing_status_set', filters: { source_type: ['system'] }, owner: 'default' },
    myCustomers: { action: 'incoming_customer', filters: { source_type: ['my_client'] } },
    otherClientsCustomers: { action: 'incoming_customer', filters: { source_type: ['other_clients'] } },
    myApprovals: { action: 'agent_approved', filters: { source_type: ['my_client'] } },
    otherClientsApprovals: { action: 'agent_approved', filters: { source_type: ['other_clients'] } },
  };
}

/** How many deliveries the plain webhook of an action gets at least, when more than one. */
const OWED: Record<string, number> = { incoming_chat: 2, chat_deactivated: 2, user_added_to_chat: 3, user_removed_from_chat: 2, routing_status_set: 4, incoming_customer: 2, incoming_event: 4 };
/** Filtered webhooks whose filters let nothing of the story through. */
const NOTHING_OWED = ['seenWithoutMax', 'myApprovals'];

async function register(cast: StoryCast, owner: string, webhook: Record<string, unknown>): Promise<string> {
  const body = { type: 'license', url: '', secret_key: 'pending', owner_client_id: owner, ...webhook };
  const reply = await callWeb(cast.urls.configuration, 'configuration', 'register_webhook', body, { token: cast.team.owner });
  if (reply.status !== 200) throw new Error(`register_webhook ${JSON.stringify(webhook)}: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body.id;
}

/**
 * One license webhook per action (all 36, the chat ones with both kinds of
 * additional data) and the filtered ones, all to one real receiver; then
 * the story of every method that causes a webhook, and a chat my
 * application starts itself. Resolves once every delivery the story owes
 * has arrived (the caller closes `receiver`).
 */
export async function hearEveryAction(urls: StoryUrls, adminToken: string, name: string): Promise<Heard> {
  const receiver = await WebhookReceiver.start();
  const cast = await castWebhookStory(urls, adminToken, name);
  // The secret is the webhook's own, so each envelope proves it came through its registration.
  const secrets = new Map<string, string>();
  const hook = async (owner: string, webhook: Record<string, unknown>) => {
    const secret = `sekret-${secrets.size}`;
    const id = await register(cast, owner, { ...webhook, url: receiver.url, secret_key: secret });
    secrets.set(id, secret);
    return id;
  };
  const base: Record<string, string> = {};
  for (const { action } of WEBHOOK_ACTIONS) {
    base[action] = await hook(cast.myClient, { action, ...(isChatAction(action) && { additional_data: ['chat_properties', 'chat_presence_user_ids'] }) });
  }
  const filtered: Record<string, string> = {};
  for (const [key, { action, filters, owner }] of Object.entries(filteredHooks(cast))) {
    filtered[key] = await hook(owner === 'default' ? cast.defaultClient : cast.myClient, { action, filters });
  }

  const story = await playWebhookStory(cast);
  const myChat = await startMyChat(cast, story);
  const heard = { cast, story, myChat, base, filtered, secrets, receiver };
  // Everything the story owes, delivered (the last thing that happened included): what is not here by then was not owed.
  const owed = [
    ...WEBHOOK_ACTIONS.filter(({ action }) => action !== 'event_updated').map(({ action }) => [base[action], OWED[action] ?? 1] as const),
    ...Object.entries(filtered)
      .filter(([key]) => !NOTHING_OWED.includes(key))
      .map(([key, id]) => [id, key === 'maxStatuses' ? 3 : 1] as const),
  ];
  const lastDelivered = () => of(heard, base['chat_deactivated']).some((w) => w.body.payload.chat_id === myChat.chatId);
  await waitFor(() => lastDelivered() && owed.every(([id, count]) => of(heard, id).length >= count), 30_000);
  return heard;
}

/** Ada, through my application, starts a chat with Carl, writes in it and ends it. */
async function startMyChat(cast: StoryCast, story: WebhookStory): Promise<MyChat> {
  const agent = async (action: string, payload: unknown) => {
    const reply = await callWeb(cast.urls.agent, 'agent', action, payload, { token: cast.appToken });
    if (reply.status !== 200) throw new Error(`${action}: ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply.body;
  };
  const users = [{ id: story.createdCustomer, type: 'customer' }];
  const started = await agent('start_chat', { chat: { users, thread: { events: [{ type: 'message', text: 'From my app' }] } } });
  const seen = await agent('get_chat', { chat_id: started.chat_id });
  await agent('send_event', { chat_id: started.chat_id, event: { type: 'message', text: 'Still my app' } });
  await agent('deactivate_chat', { id: started.chat_id });
  return { chatId: started.chat_id, threadId: started.thread_id, seen };
}

/** Accepted deliveries of one webhook, each once, in arrival order. */
export function of(heard: Pick<Heard, 'receiver'>, webhookId: string): ReceivedWebhook[] {
  return heard.receiver.accepted((w) => w.body.webhook_id === webhookId);
}

/** Every delivery carries its registration's envelope: id, secret, action, organization, signature. */
export function checkEnvelopes(heard: Heard): void {
  const actionOf = new Map<string, string>([
    ...Object.entries(heard.base).map(([action, id]) => [id, action] as [string, string]),
    ...Object.entries(filteredHooks(heard.cast)).map(([key, { action }]) => [heard.filtered[key], action] as [string, string]),
  ]);
  const accepted = heard.receiver.accepted();
  expect(accepted.length).toBeGreaterThan(60);
  for (const { body, signed } of accepted) {
    expect(actionOf.has(body.webhook_id)).toBe(true);
    expect(body).toEqual({
      webhook_id: body.webhook_id,
      secret_key: heard.secrets.get(body.webhook_id),
      action: actionOf.get(body.webhook_id),
      organization_id: heard.cast.team.organizationId,
      payload: expect.any(Object),
      additional_data: expect.any(Object),
    });
    expect(signed).toBe(true);
  }
  // Additional data only where registered, and only for chat actions.
  const filteredIds = new Set(Object.values(heard.filtered));
  for (const { body } of accepted.filter((w) => filteredIds.has(w.body.webhook_id))) expect(body.additional_data).toEqual({});
  for (const { body } of accepted.filter((w) => !isChatAction(w.body.action))) expect(body.additional_data).toEqual({});
}

type Payload = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const payloads = (heard: Heard, webhookId: string, match: (p: Payload) => boolean = () => true): Payload[] =>
  of(heard, webhookId)
    .map((w) => w.body.payload as Payload)
    .filter(match);
/** The one delivery of a webhook that matches, its payload and additional data. */
function one(heard: Heard, webhookId: string, match: (p: Payload) => boolean = () => true): ReceivedWebhook['body'] {
  const found = of(heard, webhookId).filter((w) => match(w.body.payload));
  expect(found).toHaveLength(1);
  return found[0].body;
}
const inChat = (chatId: string) => (p: Payload) => (p['chat_id'] ?? p['chat']?.id ?? p['id']) === chatId;
const sorted = (ids: unknown) => [...(ids as string[])].sort();

/** incoming_chat and chat_deactivated, with the chat's properties and who was in it. */
export function checkChats(heard: Heard): void {
  const { story, myChat, base, cast } = heard;
  const started = one(heard, base['incoming_chat'], inChat(story.chatId));
  expect(started.payload.chat).toMatchObject({ id: story.chatId, thread: { id: story.threadId, active: true } });
  expect(started.payload.chat.thread.events.map((e: { text?: string }) => e.text)).toEqual(['Hello']);
  expect(started.payload).not.toHaveProperty('transferred_from');
  expect(started.additional_data).toEqual({ chat_properties: {}, chat_presence_user_ids: [story.visitor] });
  const mine = one(heard, base['incoming_chat'], inChat(myChat.chatId));
  expect(mine.payload.chat).toMatchObject({ id: myChat.chatId, properties: { source: { client_id: cast.myClient } }, thread: { id: myChat.threadId, properties: { source: { client_id: cast.myClient } } } });
  expect(mine.additional_data.chat_properties).toEqual({ source: { client_id: cast.myClient } });
  expect(mine.additional_data.chat_presence_user_ids).toContain(cast.team.ids.admin);
  expect(payloads(heard, base['incoming_chat'])).toHaveLength(2);

  const ended = one(heard, base['chat_deactivated'], inChat(story.chatId));
  expect(ended.payload).toEqual({ chat_id: story.chatId, thread_id: story.threadId, user_id: story.visitor });
  expect(ended.additional_data).toEqual({ chat_properties: {}, chat_presence_user_ids: [story.visitor] });
  expect(one(heard, base['chat_deactivated'], inChat(myChat.chatId)).payload).toEqual({ chat_id: myChat.chatId, thread_id: myChat.threadId, user_id: cast.team.ids.admin });
}

/** chat_access_updated, chat_transferred, user_added_to_chat, user_removed_from_chat. */
export function checkAccessAndUsers(heard: Heard): void {
  const { story, base, cast } = heard;
  const ids = cast.team.ids;
  expect(one(heard, base['chat_access_updated']).payload).toEqual({ id: story.chatId, access: { group_ids: [story.groupId] } });
  const transferred = one(heard, base['chat_transferred']);
  expect(transferred.payload).toEqual({ chat_id: story.chatId, thread_id: story.threadId, requester_id: ids.normal, reason: 'manual', transferred_to: { group_ids: [story.groupId] } });
  expect(transferred.additional_data.chat_presence_user_ids).toContain(story.visitor);

  const assigned = one(heard, base['user_added_to_chat'], (p) => p['user'].id === ids.normal);
  expect(assigned.payload).toEqual({ chat_id: story.chatId, thread_id: story.threadId, user: expect.objectContaining({ id: ids.normal, type: 'agent', present: true }), user_type: 'agent', reason: 'assigned' });
  expect(sorted(assigned.additional_data.chat_presence_user_ids)).toEqual(sorted([ids.normal, story.visitor]));
  const bot = one(heard, base['user_added_to_chat'], (p) => p['user'].id === story.botId);
  expect(bot.payload).toEqual({ chat_id: story.chatId, thread_id: story.threadId, user: expect.objectContaining({ id: story.botId }), user_type: 'agent', reason: 'manual', requester_id: ids.admin });
  expect(one(heard, base['user_added_to_chat'], (p) => p['user'].id === ids.admin).payload).toMatchObject({ reason: 'manual', requester_id: ids.admin });
  expect(payloads(heard, base['user_added_to_chat'])).toHaveLength(3);

  const botLeft = one(heard, base['user_removed_from_chat'], (p) => p['user_id'] === story.botId);
  expect(botLeft.payload).toEqual({ chat_id: story.chatId, thread_id: story.threadId, user_id: story.botId, user_type: 'agent', reason: 'manual', requester_id: ids.admin });
  expect(botLeft.additional_data.chat_presence_user_ids).not.toContain(story.botId);
  expect(one(heard, base['user_removed_from_chat'], (p) => p['user_id'] === ids.normal).payload).toMatchObject({ chat_id: story.chatId, user_type: 'agent' });
}

/** incoming_event, incoming_rich_message_postback, events_marked_as_seen; event_updated never. */
export function checkEvents(heard: Heard): void {
  const { story, base, cast } = heard;
  const ids = cast.team.ids;
  const eventIs = (id: string) => (p: Payload) => p['event'].id === id;
  const fromCustomer = one(heard, base['incoming_event'], eventIs(story.customerEventId));
  expect(fromCustomer.payload).toEqual({ chat_id: story.chatId, thread_id: story.threadId, event: expect.objectContaining({ id: story.customerEventId, type: 'message', text: 'Anyone?', author_id: story.visitor }) });
  expect(one(heard, base['incoming_event'], eventIs(story.patEventId)).payload.event).toMatchObject({ type: 'message', text: 'Here', author_id: ids.normal });
  expect(one(heard, base['incoming_event'], eventIs(story.richEventId)).payload.event).toMatchObject({ type: 'rich_message', template_id: 'cards', author_id: ids.normal });
  expect(one(heard, base['incoming_event'], (p) => p['event'].system_message_type === 'routing.assigned').payload.event).toMatchObject({ type: 'system_message' });
  // The messages a chat starts with come in incoming_chat, not as events of their own.
  expect(payloads(heard, base['incoming_event'], (p) => ['Hello', 'From my app'].includes(p['event'].text))).toEqual([]);

  const postback = one(heard, base['incoming_rich_message_postback']);
  expect(postback.payload).toEqual({ user_id: story.visitor, chat_id: story.chatId, thread_id: story.threadId, event_id: story.richEventId, postback: { id: 'pro', toggled: true } });
  expect(sorted(postback.additional_data.chat_presence_user_ids)).toEqual(sorted([ids.admin, ids.normal, story.botId, story.visitor]));
  expect(one(heard, base['events_marked_as_seen']).payload).toEqual({ user_id: story.visitor, chat_id: story.chatId, seen_up_to: expect.any(String) });
  // Registered, but nothing in this build updates an event (ADR 0043).
  expect(of(heard, base['event_updated'])).toEqual([]);
}

/** The six property actions and the two tag actions, through my application. */
export function checkPropertiesAndTags(heard: Heard): void {
  const { story, base, cast } = heard;
  const note = (value: string) => ({ [cast.myClient]: { note: value } });
  const names = { [cast.myClient]: ['note'] };
  const expected: Array<[string, Payload]> = [
    ['chat_properties_updated', { properties: note('chat') }],
    ['chat_properties_deleted', { properties: names }],
    ['thread_properties_updated', { thread_id: story.threadId, properties: note('thread') }],
    ['thread_properties_deleted', { thread_id: story.threadId, properties: names }],
    ['event_properties_updated', { thread_id: story.threadId, event_id: story.propertyEventId, properties: note('event') }],
    ['event_properties_deleted', { thread_id: story.threadId, event_id: story.propertyEventId, properties: names }],
    ['thread_tagged', { thread_id: story.threadId, tag: 'vip' }],
    ['thread_untagged', { thread_id: story.threadId, tag: 'vip' }],
  ];
  for (const [action, payload] of expected) expect([action, one(heard, base[action]).payload]).toEqual([action, { chat_id: story.chatId, ...payload }]);
  // The chat's properties as of each event.
  expect(one(heard, base['chat_properties_updated']).additional_data.chat_properties).toEqual(note('chat'));
  expect(one(heard, base['chat_properties_deleted']).additional_data.chat_properties).toEqual({});
}

/** routing_status_set, incoming_customer, customer_session_fields_updated. */
export function checkStatusesAndCustomers(heard: Heard): void {
  const { story, base, cast } = heard;
  const ids = cast.team.ids;
  const statuses = (agentId: string) => payloads(heard, base['routing_status_set'], (p) => p['agent_id'] === agentId);
  expect(statuses(ids.admin)).toEqual([{ agent_id: ids.admin, status: 'not_accepting_chats' }]);
  expect(statuses(ids.normal)).toEqual(['not_accepting_chats', 'accepting_chats', 'offline'].map((status) => ({ agent_id: ids.normal, status })));
  for (const w of of(heard, base['routing_status_set'])) expect(w.body.additional_data).toEqual({});

  const visitor = one(heard, base['incoming_customer'], (p) => p['customer'].id === story.visitor);
  expect(visitor.payload).toEqual({ customer: expect.objectContaining({ id: story.visitor, type: 'customer', session_fields: [] }) });
  expect(one(heard, base['incoming_customer'], (p) => p['customer'].id === story.createdCustomer).payload.customer).toMatchObject({ id: story.createdCustomer, name: 'Carl' });

  const fields = one(heard, base['customer_session_fields_updated']);
  expect(fields.payload).toEqual({ id: story.visitor, active_chat: { chat_id: story.chatId, thread_id: story.threadId }, session_fields: [{ plan: 'pro' }] });
  expect(fields.additional_data.chat_presence_user_ids).toContain(story.visitor);
  expect(fields.additional_data).toHaveProperty('chat_properties', {});
}

/** The fifteen configuration actions: the whole thing on creation, what changed on update, the id otherwise. */
export function checkConfiguration(heard: Heard): void {
  const { story, base, cast } = heard;
  const agent = story.newAgent;
  const bot = story.botId;
  const group = story.groupId;
  const rule = story.autoAccessId;
  const expected: Array<[string, unknown, Payload]> = [
    [
      'agent_created',
      agent,
      { id: agent, name: 'New', role: 'normal', awaiting_approval: true, max_chats_count: expect.any(Number), groups: [{ id: 0, priority: 'normal' }], notifications: [], email_subscriptions: [], work_scheduler: {} },
    ],
    ['agent_updated', agent, { id: agent, job_title: 'Support' }],
    ['agent_approved', agent, { id: agent }],
    ['agent_suspended', agent, { id: agent }],
    ['agent_unsuspended', agent, { id: agent }],
    ['agent_deleted', agent, { id: agent }],
    ['bot_created', bot, { id: bot, name: 'Hook bot', max_chats_count: expect.any(Number), default_group_priority: expect.any(String), groups: expect.any(Array), owner_client_id: cast.myClient }],
    ['bot_updated', bot, { id: bot, name: 'Hook bot 2' }],
    ['bot_deleted', bot, { id: bot }],
    ['group_created', group, { id: group, name: 'Sales', language_code: expect.any(String), agent_priorities: { [cast.team.ids.other]: 'normal' } }],
    ['group_updated', group, { id: group, name: 'Sales team' }],
    ['group_deleted', group, { id: group }],
    ['auto_access_added', rule, expect.objectContaining({ id: rule, description: 'Pricing', access: { groups: [0] }, conditions: { url: { values: [{ value: 'example.com/pricing', exact_match: true }] } } })],
    ['auto_access_updated', rule, { id: rule, description: 'Pricing page' }],
    ['auto_access_deleted', rule, { id: rule }],
  ];
  for (const [action, id, payload] of expected) {
    const body = one(heard, base[action], (p) => p['id'] === id);
    expect([action, body.payload, body.additional_data]).toEqual([action, payload, {}]);
  }
}

/** author_type, source_type (my_client / other_clients / system, relative to each owner), chat_presence, agent_ids. */
export function checkFilters(heard: Heard): void {
  const { story, filtered: f, cast } = heard;
  const ids = cast.team.ids;
  expect(payloads(heard, f['customerEvents']).map((p) => p['event'].text)).toEqual(['Anyone?']);
  expect(payloads(heard, f['otherClientsChats']).map((p) => p['chat'].id)).toEqual([story.chatId]);
  // The router's assignment is Switchboard's doing; adding the bot, my application's.
  expect(payloads(heard, f['systemAdds']).map((p) => [p['user'].id, p['reason']])).toEqual([[ids.normal, 'assigned']]);
  expect(payloads(heard, f['myBotsAdds']).map((p) => p['user'].id)).toEqual([story.botId]);
  expect(payloads(heard, f['myClientRemovals']).map((p) => p['user_id'])).toEqual([story.botId]);
  expect(payloads(heard, f['seenWithMax']).map((p) => p['user_id'])).toEqual([story.visitor]);
  expect(of(heard, f['seenWithoutMax'])).toEqual([]);
  expect(payloads(heard, f['maxStatuses']).map((p) => [p['agent_id'], p['status']])).toEqual(['not_accepting_chats', 'accepting_chats', 'offline'].map((s) => [ids.normal, s]));
  expect(payloads(heard, f['othersStatusesByMe'])).toEqual([{ agent_id: ids.admin, status: 'not_accepting_chats' }]);
  // Owned by the default application: max's login is "my client" to it; his last connection closing is Switchboard's.
  expect(payloads(heard, f['statusesByDefault'])).toEqual([{ agent_id: ids.normal, status: 'not_accepting_chats' }]);
  expect(payloads(heard, f['systemStatuses'])).toEqual([{ agent_id: ids.normal, status: 'offline' }]);
  expect(payloads(heard, f['myCustomers']).map((p) => p['customer'].id)).toEqual([story.createdCustomer]);
  expect(payloads(heard, f['otherClientsCustomers']).map((p) => p['customer'].id)).toEqual([story.visitor]);
  // The owner approved with a token of the default application.
  expect(of(heard, f['myApprovals'])).toEqual([]);
  expect(payloads(heard, f['otherClientsApprovals'])).toEqual([{ id: story.newAgent }]);
}

/** only_my_chats: the chat my application started, and nothing of the customer's chat; get_chat shows why. */
export function checkOnlyMyChats(heard: Heard): void {
  const { myChat, filtered: f, cast } = heard;
  expect(myChat.seen.properties).toMatchObject({ source: { client_id: cast.myClient } });
  expect(myChat.seen.thread.properties).toMatchObject({ source: { client_id: cast.myClient } });
  expect(payloads(heard, f['myChats']).map((p) => p['chat'].id)).toEqual([myChat.chatId]);
  const events = payloads(heard, f['myChatsEvents']);
  expect(events.every((p) => p['chat_id'] === myChat.chatId)).toBe(true);
  expect(events.filter((p) => p['event'].type === 'message').map((p) => p['event'].text)).toEqual(['Still my app']);
}

/** The checks, as one suite's tests: both modes run the same list over what their receiver heard. */
export function itHearsEveryAction(heard: () => Heard): void {
  it('every delivery carries its registration envelope; additional data only where registered', () => checkEnvelopes(heard()));
  it('incoming_chat, chat_deactivated', () => checkChats(heard()));
  it('chat_access_updated, chat_transferred, user_added_to_chat, user_removed_from_chat', () => checkAccessAndUsers(heard()));
  it('incoming_event, incoming_rich_message_postback, events_marked_as_seen; event_updated registered but never caused', () => checkEvents(heard()));
  it('the six property actions, thread_tagged, thread_untagged', () => checkPropertiesAndTags(heard()));
  it('routing_status_set, incoming_customer, customer_session_fields_updated', () => checkStatusesAndCustomers(heard()));
  it('the fifteen configuration actions', () => checkConfiguration(heard()));
  it('filters: author_type, source_type, chat_presence, agent_ids', () => checkFilters(heard()));
  it('only_my_chats: the chat my application started (source.client_id), nothing else', () => checkOnlyMyChats(heard()));
}
