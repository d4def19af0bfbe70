import { callWeb, RtmClient } from '@switchboard/testing';
import { customerToken } from './conversation.scenario';
import { createTeam, rtmLogin, Team } from './identity.scenario';

/** Where each API is served (one URL for all in the embedded mode); agents spread over the agent gateways. */
export interface MembershipUrls {
  configuration: string;
  customer: string;
  agent: string[];
}

type Frame = Awaited<ReturnType<RtmClient['request']>>;

/** What the tests of both modes share: the team, its agents online, and how to call the APIs. */
export interface Office {
  urls: MembershipUrls;
  team: Team;
  agentWeb: (token: string, action: string, payload: unknown, authorId?: string) => Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  config: (action: string, payload: unknown) => Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** A bot of the team (its status toggles serve as a barrier: every agent hears `routing_status_set`). */
  bot: string;
  barrier: (...clients: RtmClient[]) => Promise<void>;
}

export async function openOffice(urls: MembershipUrls, adminToken: string, name: string): Promise<Office> {
  const team = await createTeam(urls, adminToken, name);
  const last = urls.agent[urls.agent.length - 1];
  const agentWeb = (token: string, action: string, payload: unknown, authorId?: string) =>
    callWeb(last, 'agent', action, payload, { token, ...(authorId && { headers: { 'X-Author-Id': authorId } }) });
  const config = (action: string, payload: unknown) => callWeb(urls.configuration, 'configuration', action, payload, { token: team.owner });
  const bot = (await config('create_bot', { name: 'Helper' })).body.id as string;
  let toggle = 0;
  // Pushes of one organization reach a connection in order: once this status push arrives, every earlier one has.
  const barrier = async (...clients: RtmClient[]) => {
    const status = ++toggle % 2 === 1 ? 'not_accepting_chats' : 'offline';
    expect((await agentWeb(team.owner, 'set_routing_status', { status, agent_id: bot })).status).toBe(200);
    await Promise.all(
      clients.map((c) => c.nextPush('routing_status_set', (f) => f.payload.agent_id === bot && f.payload.status === status, 20_000)),
    );
  };
  return { urls, team, agentWeb, config, bot, barrier };
}

/** An agent online over RTM with a routing status. */
export async function online(url: string, token: string, status: 'accepting_chats' | 'not_accepting_chats'): Promise<RtmClient> {
  const client = await rtmLogin(url, token);
  expect((await client.request('set_routing_status', { status })).success).toBe(true);
  return client;
}

/** A customer online over RTM who starts a chat over the Web API. */
export async function customerWithChat(office: Office, name: string) {
  const { urls, team } = office;
  const customer = await customerToken(urls.customer, team.organizationId);
  const rtm = await RtmClient.connect(urls.customer, 'customer', team.organizationId);
  expect((await rtm.request('login', { token: `Bearer ${customer.access_token}`, customer: { name } })).success).toBe(true);
  const call = (action: string, payload: unknown) =>
    callWeb(urls.customer, 'customer', action, payload, { token: customer.access_token, organizationId: team.organizationId });
  const started = await call('start_chat', { chat: { thread: { events: [{ type: 'message', text: `Hello from ${name}` }] } } });
  expect(started.status).toBe(200);
  return { id: customer.entity_id, rtm, call, chatId: started.body.chat_id as string, threadId: started.body.thread_id as string };
}

const ok = (frame: Frame) => {
  expect([frame.action, frame.success, frame.payload]).toEqual([frame.action, true, {}]);
};

const systemMessage = (frame: Frame) => ({
  type: frame.payload.event.system_message_type,
  text: frame.payload.event.text,
  text_vars: frame.payload.event.text_vars,
});

/**
 * Following, chat users and transfers as LiveChat agents use them, over RTM
 * and Web, with the pushes checked on every receiving side (agents on both
 * gateways, and the customer); bad input and another organization change
 * nothing.
 */
export async function checkMembership(urls: MembershipUrls, adminToken: string, name: string): Promise<void> {
  const office = await openOffice(urls, adminToken, name);
  const { team, agentWeb, config, barrier, bot } = office;
  const { ids, tokens } = team;
  const stranger = await createTeam(urls, adminToken, `${name}X`);
  const first = urls.agent[0];
  const last = urls.agent[urls.agent.length - 1];

  // Max takes chats; Sam does not yet; the administrator watches from two connections, one per gateway.
  const max = await online(first, tokens.normal, 'accepting_chats');
  const sam = await online(last, tokens.other, 'not_accepting_chats');
  const ada = await online(first, tokens.admin, 'not_accepting_chats');
  const ada2 = await rtmLogin(last, tokens.admin);
  const cate = await customerWithChat(office, 'Cate');
  const { chatId, threadId } = cate;
  const incoming = await max.nextPush('incoming_chat', (f) => f.payload.chat.id === chatId, 20_000);
  expect(incoming.payload.chat.thread.id).toBe(threadId);

  // Following: the administrator (not a member) hears the chat until it unfollows; its other connection is told.
  ok(await ada.request('follow_chat', { id: chatId }));
  expect((await cate.call('send_event', { chat_id: chatId, event: { type: 'message', text: 'Anyone?' } })).status).toBe(200);
  for (const client of [ada, ada2, max]) {
    const heard = await client.nextPush('incoming_event', (f) => f.payload.chat_id === chatId && f.payload.event.text === 'Anyone?', 20_000);
    expect(heard.payload.thread_id).toBe(threadId);
  }
  // Members need not follow (nothing changes) and cannot unfollow.
  ok(await max.request('follow_chat', { id: chatId }));
  expect((await max.request('unfollow_chat', { id: chatId })).payload.error.type).toBe('validation');
  expect(await agentWeb(tokens.admin, 'unfollow_chat', { id: chatId })).toEqual({ status: 200, body: {} });
  for (const client of [ada, ada2]) expect((await client.nextPush('chat_unfollowed', () => true, 20_000)).payload).toEqual({ chat_id: chatId });
  // Unfollowed over RTM: the requesting connection has its answer; only the agent's other connection is told.
  ok(await ada.request('follow_chat', { id: chatId }));
  ok(await ada.request('unfollow_chat', { id: chatId }));
  expect((await ada2.nextPush('chat_unfollowed', () => true, 20_000)).payload).toEqual({ chat_id: chatId });
  // Twice: the barrier toggles the bot between not accepting and offline, and the steps below expect it as it was.
  await barrier(ada, ada2);
  await barrier(ada, ada2);
  expect(ada.pushes.filter((p) => p.action === 'chat_unfollowed')).toEqual([]);
  expect((await cate.call('send_event', { chat_id: chatId, event: { type: 'message', text: 'Still there?' } })).status).toBe(200);
  await max.nextPush('incoming_event', (f) => f.payload.event.text === 'Still there?', 20_000);
  await barrier(ada, ada2);
  expect([...ada.pushes, ...ada2.pushes].filter((f) => f.payload?.event?.text === 'Still there?')).toEqual([]);

  // Max adds Sam over RTM: Sam gets the chat, Max and the customer hear who joined and the agent_added message.
  ok(await max.request('add_user_to_chat', { chat_id: chatId, user_id: ids.other, user_type: 'agent', visibility: 'all' }));
  const samIncoming = await sam.nextPush('incoming_chat', (f) => f.payload.chat.id === chatId, 20_000);
  expect(samIncoming.payload.requester_id).toBe(ids.normal);
  expect(samIncoming.payload.chat.users.map((u: { id: string }) => u.id)).toContain(ids.other);
  const added = await max.nextPush('user_added_to_chat', (f) => f.payload.chat_id === chatId, 20_000);
  expect(added.payload).toEqual({
    chat_id: chatId,
    thread_id: threadId,
    user: { id: ids.other, type: 'agent', name: 'other', email: ids.other, present: true, visibility: 'all' },
    reason: 'manual',
    requester_id: ids.normal,
  });
  const addedMessage = await max.nextPush('incoming_event', (f) => f.payload.event.system_message_type === 'agent_added', 20_000);
  expect(systemMessage(addedMessage)).toEqual({
    type: 'agent_added',
    text: 'normal added other to the chat',
    text_vars: { initiator: 'normal', agent: 'other' },
  });
  const customerAdded = await cate.rtm.nextPush('user_added_to_chat', (f) => f.payload.user.id === ids.other, 20_000);
  expect(customerAdded.payload).toEqual({
    chat_id: chatId,
    thread_id: threadId,
    user: { id: ids.other, type: 'agent', name: 'other', present: true },
    reason: 'manual',
    requester_id: ids.normal,
  });
  const customerAddedMessage = await cate.rtm.nextPush('incoming_event', (f) => f.payload.event.system_message_type === 'agent_added', 20_000);
  expect(customerAddedMessage.payload.event.visibility).toBeUndefined();

  // The administrator joins as a supervisor (Web): it sees everything, writes to agents only, and the customer never hears of it.
  expect(await agentWeb(tokens.normal, 'add_user_to_chat', { chat_id: chatId, user_id: ids.admin, user_type: 'agent', visibility: 'agents' })).toEqual({
    status: 200,
    body: {},
  });
  await ada.nextPush('incoming_chat', (f) => f.payload.chat.id === chatId, 20_000);
  const whisper = await agentWeb(tokens.admin, 'send_event', { chat_id: chatId, event: { type: 'message', text: 'Psst', visibility: 'all' } });
  expect(whisper.body.error.type).toBe('validation');
  expect((await agentWeb(tokens.admin, 'send_event', { chat_id: chatId, event: { type: 'message', text: 'Psst', visibility: 'agents' } })).status).toBe(200);
  await max.nextPush('incoming_event', (f) => f.payload.event.text === 'Psst', 20_000);
  expect((await max.request('send_event', { chat_id: chatId, event: { type: 'message', text: 'Hi Cate' } })).success).toBe(true);
  await cate.rtm.nextPush('incoming_event', (f) => f.payload.event.text === 'Hi Cate', 20_000);
  expect(cate.rtm.pushes.filter((f) => JSON.stringify(f).includes(ids.admin) || f.payload?.event?.text === 'Psst')).toEqual([]);

  // Max removes Sam; the supervisor leaves by itself (agents only hear agent_left).
  ok(await max.request('remove_user_from_chat', { chat_id: chatId, user_id: ids.other, user_type: 'agent' }));
  const removed = await sam.nextPush('user_removed_from_chat', (f) => f.payload.chat_id === chatId, 20_000);
  expect(removed.payload).toEqual({ chat_id: chatId, thread_id: threadId, user_id: ids.other, reason: 'manual', requester_id: ids.normal });
  expect((await cate.rtm.nextPush('user_removed_from_chat', () => true, 20_000)).payload.user_id).toBe(ids.other);
  const removedMessage = await cate.rtm.nextPush('incoming_event', (f) => f.payload.event.system_message_type === 'agent_removed', 20_000);
  expect(removedMessage.payload.event.text).toBe('normal removed other from the chat');
  ok(await ada.request('remove_user_from_chat', { chat_id: chatId, user_id: ids.admin, user_type: 'agent' }));
  const left = await max.nextPush('incoming_event', (f) => f.payload.event.system_message_type === 'agent_left', 20_000);
  expect([left.payload.event.text, left.payload.event.visibility]).toEqual(['admin left the chat', 'agents']);

  // A bot adds itself without being a member (acting as it: `author_id` in an RTM frame) and leaves again (Web, X-Author-Id).
  const asBot = await ada.sendRaw(
    JSON.stringify({
      request_id: 'as-bot',
      action: 'add_user_to_chat',
      author_id: bot,
      payload: { chat_id: chatId, user_id: bot, user_type: 'agent', visibility: 'all', ignore_requester_presence: true },
    }),
    'as-bot',
    20_000,
  );
  ok(asBot);
  const botJoined = await max.nextPush('incoming_event', (f) => f.payload.event.system_message_type === 'agent_joined', 20_000);
  expect(botJoined.payload.event.text).toBe('Helper joined the chat');
  expect((await agentWeb(team.owner, 'remove_user_from_chat', { chat_id: chatId, user_id: bot, user_type: 'agent' }, bot)).status).toBe(200);
  const botLeft = await cate.rtm.nextPush('incoming_event', (f) => f.payload.event.system_message_type === 'agent_left', 20_000);
  expect(botLeft.payload.event.text).toBe('Helper left the chat');
  // Another organization's agent cannot act as the bot.
  const foreign = await agentWeb(stranger.owner, 'follow_chat', { id: chatId }, bot);
  expect([foreign.status, foreign.body.error?.type]).toEqual([403, 'authorization']);

  // Bad input gets the spec's error and changes nothing.
  const before = (await agentWeb(tokens.admin, 'get_chat', { chat_id: chatId })).body;
  for (const [action, payload, token, type] of [
    ['add_user_to_chat', { chat_id: 'NOSUCHCHAT', user_id: ids.other, user_type: 'agent', visibility: 'all' }, tokens.normal, 'not_found'],
    ['add_user_to_chat', { chat_id: chatId, user_id: 'ghost@nowhere.example', user_type: 'agent', visibility: 'all' }, tokens.normal, 'not_found'],
    ['add_user_to_chat', { chat_id: chatId, user_id: ids.other, user_type: 'agent', visibility: 'everyone' }, tokens.normal, 'validation'],
    ['add_user_to_chat', { chat_id: chatId, user_id: cate.id, user_type: 'customer', visibility: 'agents' }, tokens.normal, 'validation'],
    ['add_user_to_chat', { chat_id: chatId, user_id: ids.other, user_type: 'agent', visibility: 'all' }, tokens.other, 'missing_access'],
    ['remove_user_from_chat', { chat_id: chatId, user_id: cate.id, user_type: 'customer' }, tokens.normal, 'validation'],
    ['remove_user_from_chat', { chat_id: chatId, user_id: ids.other, user_type: 'agent' }, tokens.normal, 'validation'],
    ['transfer_chat', { id: chatId, target: { type: 'agent', ids: ['ghost@nowhere.example'] } }, tokens.normal, 'not_found'],
    ['transfer_chat', { id: chatId, target: { type: 'group', ids: [77] } }, tokens.normal, 'group_not_found'],
    ['transfer_chat', { id: chatId, target: { type: 'agent', ids: [ids.other] } }, tokens.other, 'missing_access'],
    ['transfer_chat', { id: chatId, target: { type: 'queue', ids: [0] } }, tokens.normal, 'validation'],
    ['follow_chat', { id: 'NOSUCHCHAT' }, tokens.admin, 'not_found'],
    ['list_agents_for_transfer', { chat_id: 'NOSUCHCHAT' }, tokens.normal, 'not_found'],
  ] as const) {
    const refused = await agentWeb(token, action, payload);
    expect([action, payload, refused.body?.error?.type]).toEqual([action, payload, type]);
  }
  // Another organization can use none of these methods on the chat.
  for (const [action, payload] of [
    ['follow_chat', { id: chatId }],
    ['unfollow_chat', { id: chatId }],
    ['add_user_to_chat', { chat_id: chatId, user_id: stranger.ids.owner, user_type: 'agent', visibility: 'all', ignore_requester_presence: true }],
    ['remove_user_from_chat', { chat_id: chatId, user_id: ids.normal, user_type: 'agent', ignore_requester_presence: true }],
    ['transfer_chat', { id: chatId, ignore_requester_presence: true, ignore_agents_availability: true }],
    ['list_agents_for_transfer', { chat_id: chatId }],
  ] as const) {
    const refused = await agentWeb(stranger.owner, action, payload);
    expect([action, refused.status, refused.body?.error?.type]).toEqual([action, 404, 'not_found']);
  }
  expect((await agentWeb(tokens.admin, 'get_chat', { chat_id: chatId })).body).toEqual(before);

  // Sam starts accepting; Max sees who could take the chat (online agents; the bot is offline again), fewest active chats first, and hands it to Sam.
  await barrier();
  expect((await sam.request('set_routing_status', { status: 'accepting_chats' })).success).toBe(true);
  const candidates = (await max.request('list_agents_for_transfer', { chat_id: chatId })).payload as Array<{ agent_id: string; total_active_chats: number }>;
  expect(candidates).toEqual([
    { agent_id: ids.admin, total_active_chats: 0 },
    { agent_id: ids.other, total_active_chats: 0 },
  ]);
  ok(await max.request('transfer_chat', { id: chatId, target: { type: 'agent', ids: [ids.other] } }));
  const transferredIn = await sam.nextPush('incoming_chat', (f) => f.payload.chat.id === chatId, 20_000);
  expect(transferredIn.payload.transferred_from).toEqual({ group_ids: [0], agent_ids: [ids.normal] });
  expect(transferredIn.payload.requester_id).toBe(ids.normal);
  const maxTransferred = await max.nextPush('chat_transferred', (f) => f.payload.chat_id === chatId, 20_000);
  expect(maxTransferred.payload).toEqual({
    chat_id: chatId,
    thread_id: threadId,
    requester_id: ids.normal,
    reason: 'manual',
    transferred_to: { agent_ids: [ids.other] },
  });
  const maxRemoved = await max.nextPush('user_removed_from_chat', (f) => f.payload.user_id === ids.normal, 20_000);
  expect(maxRemoved.payload).toEqual({ chat_id: chatId, thread_id: threadId, user_id: ids.normal, reason: 'manual', requester_id: ids.normal });
  const customerTransferred = await cate.rtm.nextPush('chat_transferred', () => true, 20_000);
  expect(customerTransferred.payload).toEqual({ chat_id: chatId, thread_id: threadId, requester_id: ids.normal, transferred_to: { agent_ids: [ids.other] } });
  const transferMessage = await cate.rtm.nextPush('incoming_event', (f) => f.payload.event.system_message_type === 'chat_transferred', 20_000);
  expect(systemMessage(transferMessage)).toEqual({
    type: 'chat_transferred',
    text: 'normal transferred the chat to other',
    text_vars: { initiator: 'normal', targets: 'other' },
  });
  // Max is no longer a member: without ignore_requester_presence he cannot transfer it again.
  expect((await max.request('transfer_chat', { id: chatId, target: { type: 'agent', ids: [ids.normal] } })).payload.error.type).toBe('missing_access');

  // To a group (Web): Sales has Max; the chat's access changes and Max gets it back.
  expect((await config('create_group', { name: 'Sales', agent_priorities: { [ids.normal]: 'normal' } })).status).toBe(200);
  expect(await agentWeb(tokens.other, 'transfer_chat', { id: chatId, target: { type: 'group', ids: [1] } })).toEqual({ status: 200, body: {} });
  const back = await max.nextPush('incoming_chat', (f) => f.payload.chat.id === chatId, 20_000);
  expect(back.payload.transferred_from).toEqual({ group_ids: [0], agent_ids: [ids.other] });
  expect(back.payload.chat.access).toEqual({ group_ids: [1] });
  expect((await sam.nextPush('chat_access_updated', (f) => f.payload.id === chatId, 20_000)).payload).toEqual({ id: chatId, access: { group_ids: [1] } });
  const toGroup = await sam.nextPush('chat_transferred', (f) => f.payload.requester_id === ids.other, 20_000);
  expect(toGroup.payload.transferred_to).toEqual({ group_ids: [1], agent_ids: [ids.normal] });
  const groupMessage = await cate.rtm.nextPush('incoming_event', (f) => f.payload.event.system_message_type === 'chat_transferred', 20_000);
  expect(groupMessage.payload.event.text).toBe('other transferred the chat to Sales');
  // Sam is outside Sales now: the chat is not his to see, and a direct transfer to him is refused.
  expect((await agentWeb(tokens.other, 'list_agents_for_transfer', { chat_id: chatId })).body.error.type).toBe('not_found');
  expect((await agentWeb(tokens.normal, 'transfer_chat', { id: chatId, target: { type: 'agent', ids: [ids.other] } })).body.error.type).toBe('missing_access');

  // No target: re-routed within Sales, where nobody else is free; queued only when asked to.
  const alone = await agentWeb(tokens.normal, 'transfer_chat', { id: chatId });
  expect([alone.status, alone.body.error?.type]).toEqual([400, 'validation']);
  expect((await agentWeb(tokens.normal, 'get_chat', { chat_id: chatId })).body.users.find((u: { id: string }) => u.id === ids.normal).present).toBe(true);
  expect(await agentWeb(tokens.normal, 'transfer_chat', { id: chatId, ignore_agents_availability: true })).toEqual({ status: 200, body: {} });
  const queued = await max.nextPush('chat_transferred', (f) => f.payload.chat_id === chatId && f.payload.requester_id === ids.normal, 20_000);
  expect(queued.payload.transferred_to).toEqual({ group_ids: [1] });
  // The router then gives the waiting chat to the only free agent of Sales: Max again.
  await max.nextPush('incoming_chat', (f) => f.payload.chat.id === chatId, 20_000);

  // Closed: nothing more can be done with the chat's users.
  ok(await max.request('deactivate_chat', { id: chatId }));
  for (const [action, payload] of [
    ['transfer_chat', { id: chatId, target: { type: 'agent', ids: [ids.admin] } }],
    ['add_user_to_chat', { chat_id: chatId, user_id: ids.admin, user_type: 'agent', visibility: 'all' }],
    ['remove_user_from_chat', { chat_id: chatId, user_id: ids.normal, user_type: 'agent' }],
  ] as const) {
    expect([action, (await agentWeb(tokens.admin, action, { ...payload, ignore_requester_presence: true })).body.error?.type]).toEqual([action, 'chat_inactive']);
  }

  // A customer added to an agent's chat gets it (incoming_chat); a second customer is refused.
  const dan = await customerToken(urls.customer, team.organizationId);
  const danRtm = await RtmClient.connect(urls.customer, 'customer', team.organizationId);
  expect((await danRtm.request('login', { token: `Bearer ${dan.access_token}`, customer: { name: 'Dan' } })).success).toBe(true);
  const own = (await max.request('start_chat', {})).payload.chat_id as string;
  ok(await max.request('add_user_to_chat', { chat_id: own, user_id: dan.entity_id, user_type: 'customer', visibility: 'all' }));
  const danIncoming = await danRtm.nextPush('incoming_chat', (f) => f.payload.chat.id === own, 20_000);
  expect(danIncoming.payload.chat.users.map((u: { id: string }) => u.id)).toEqual(expect.arrayContaining([ids.normal, dan.entity_id]));
  const customerJoined = await max.nextPush('user_added_to_chat', (f) => f.payload.chat_id === own, 20_000);
  expect(customerJoined.payload.user).toMatchObject({ id: dan.entity_id, type: 'customer', name: 'Dan', present: true });
  const danMessage = await max.nextPush('incoming_event', (f) => f.payload.chat_id === own && f.payload.event.system_message_type === 'customer_added', 20_000);
  expect(danMessage.payload.event.text).toBe('normal added Dan to the chat');
  const second = await max.request('add_user_to_chat', { chat_id: own, user_id: cate.id, user_type: 'customer', visibility: 'all' });
  expect(second.payload.error.type).toBe('validation');
  for (const client of [max, sam, ada, ada2, cate.rtm, danRtm]) client.close();
}
