import { callWeb, Frame, RtmClient, waitFor } from '@switchboard/testing';
import { customerToken } from './conversation.scenario';
import { createTeam, rtmLogin, Team } from './identity.scenario';

/** Where each API is served; agents log in on the first agent gateway and act through the last. */
export interface SignalUrls {
  configuration: string;
  customer: string;
  agent: string[];
}

type Reply = { status: number; body: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

async function customerLogin(url: string, organizationId: string, token: string): Promise<RtmClient> {
  const client = await RtmClient.connect(url, 'customer', organizationId);
  const login = await client.request('login', { token: `Bearer ${token}` });
  expect(login).toMatchObject({ success: true });
  return client;
}

const PUSH_WAIT_MS = 20_000;
const pushesOf = (client: RtmClient, action: string) => client.pushes.filter((f: Frame) => f.action === action);

/**
 * Working a chat, live: typing indicators, sneak peeks, seen marks, rich
 * messages with postbacks and multicast, over Web and RTM, with the pushes
 * checked where they arrive (another gateway replica, the customer gateway),
 * a bot acting through X-Author-Id, the refusals that change nothing, and a
 * second organization that reaches none of it.
 */
export async function checkSignals(urls: SignalUrls, adminToken: string, name: string): Promise<void> {
  const acme = await createTeam(urls, adminToken, `${name}A`);
  const other = await createTeam(urls, adminToken, `${name}B`);
  const viaGateway = urls.agent[urls.agent.length - 1];
  const agentApi = (team: Team, who: keyof Team['tokens'], action: string, payload: unknown, authorId?: string): Promise<Reply> =>
    callWeb(viaGateway, 'agent', action, payload, { token: team.tokens[who], ...(authorId && { headers: { 'X-Author-Id': authorId } }) });
  const { normal: max, other: sam } = acme.ids;

  // A bot of the owner's default application, and a customer of Acme.
  const bot = (await callWeb(urls.configuration, 'configuration', 'create_bot', { name: 'Helper' }, { token: acme.owner })).body.id as string;
  expect(bot).toMatch(/^[0-9a-f]{32}$/);
  const customer = await customerToken(urls.customer, acme.organizationId);
  const customerApi = (action: string, payload: unknown, token = customer.access_token, organizationId = acme.organizationId): Promise<Reply> =>
    callWeb(urls.customer, 'customer', action, payload, { token, organizationId });

  const maxRtm = await rtmLogin(urls.agent[0], acme.tokens.normal);
  const samRtm = await rtmLogin(viaGateway, acme.tokens.other);
  const customerRtm = await customerLogin(urls.customer, acme.organizationId, customer.access_token);
  const outsider = await rtmLogin(urls.agent[0], other.tokens.normal);

  // Max starts a chat with the customer, Sam and the bot.
  const started = await maxRtm.request('start_chat', {
    chat: { users: [{ id: customer.entity_id, type: 'customer' }, { id: sam, type: 'agent' }, { id: bot, type: 'agent' }] },
  });
  expect(started).toMatchObject({ success: true });
  const chatId: string = started.payload.chat_id;
  const threadId: string = started.payload.thread_id;
  await customerRtm.nextPush('incoming_chat', (f) => f.payload.chat.id === chatId, PUSH_WAIT_MS);

  // --- Typing indicators: to the customer (its view says `recipients`) and the other agents, on other processes.
  expect(await maxRtm.request('send_typing_indicator', { chat_id: chatId, is_typing: true })).toMatchObject({ success: true, payload: {} });
  const typingToCustomer = await customerRtm.nextPush('incoming_typing_indicator', () => true, PUSH_WAIT_MS);
  expect(typingToCustomer.payload).toEqual({
    chat_id: chatId,
    thread_id: threadId,
    typing_indicator: { author_id: max, recipients: 'all', timestamp: expect.any(Number), is_typing: true },
  });
  expect(Math.abs(typingToCustomer.payload.typing_indicator.timestamp - Date.now() / 1000)).toBeLessThan(60);
  const typingToSam = await samRtm.nextPush('incoming_typing_indicator', () => true, PUSH_WAIT_MS);
  expect(typingToSam.payload).toEqual({
    chat_id: chatId,
    thread_id: threadId,
    typing_indicator: { author_id: max, visibility: 'all', timestamp: expect.any(Number), is_typing: true },
  });
  // For agents only: Sam hears it, the customer does not (the later indicator, from the same gateway, arrives alone).
  expect(await maxRtm.request('send_typing_indicator', { chat_id: chatId, is_typing: true, visibility: 'agents' })).toMatchObject({ success: true });
  await samRtm.nextPush('incoming_typing_indicator', (f) => f.payload.typing_indicator.visibility === 'agents', PUSH_WAIT_MS);
  expect(await maxRtm.request('send_typing_indicator', { chat_id: chatId, is_typing: false })).toMatchObject({ success: true });
  await customerRtm.nextPush('incoming_typing_indicator', (f) => f.payload.typing_indicator.is_typing === false, PUSH_WAIT_MS);
  expect(pushesOf(customerRtm, 'incoming_typing_indicator')).toEqual([]);
  // The bot types through X-Author-Id (Web API, another gateway).
  expect(await agentApi(acme, 'owner', 'send_typing_indicator', { chat_id: chatId, is_typing: true }, bot)).toEqual({ status: 200, body: {} });
  const botTyping = await customerRtm.nextPush('incoming_typing_indicator', (f) => f.payload.typing_indicator.author_id === bot, PUSH_WAIT_MS);
  expect(botTyping.payload.typing_indicator).toMatchObject({ author_id: bot, is_typing: true });
  // Nobody hears their own typing.
  await samRtm.nextPush('incoming_typing_indicator', (f) => f.payload.typing_indicator.author_id === bot, PUSH_WAIT_MS);
  expect(pushesOf(maxRtm, 'incoming_typing_indicator').filter((f) => f.payload.typing_indicator.author_id === max)).toEqual([]);

  // --- Sneak peeks: what the customer types reaches the chat's agents, thinned out, the latest text always last.
  const text = 'Where is my parcel?';
  // Keystrokes as fast as the connection takes them (below its limit of pending requests).
  for (let from = 1; from <= text.length; from += 8) {
    const batch = [];
    for (let i = from; i < from + 8 && i <= text.length; i++) {
      batch.push(customerRtm.request('send_sneak_peek', { chat_id: chatId, sneak_peek_text: text.slice(0, i) }));
    }
    for (const peek of await Promise.all(batch)) expect(peek).toMatchObject({ success: true, payload: {} });
  }
  for (const agent of [maxRtm, samRtm]) {
    const last = await agent.nextPush('incoming_sneak_peek', (f) => f.payload.sneak_peek.text === text, PUSH_WAIT_MS);
    expect(last.payload).toEqual({ chat_id: chatId, thread_id: threadId, sneak_peek: { author_id: customer.entity_id, text, timestamp: expect.any(Number) } });
    expect(pushesOf(agent, 'incoming_sneak_peek').length).toBeLessThan(text.length / 2);
  }
  // … over the Web API too; sneak peeks are never stored.
  expect(await customerApi('send_sneak_peek', { chat_id: chatId, sneak_peek_text: 'Hello?' })).toEqual({ status: 200, body: {} });
  await maxRtm.nextPush('incoming_sneak_peek', (f) => f.payload.sneak_peek.text === 'Hello?', PUSH_WAIT_MS);
  const peeked = await customerApi('get_chat', { chat_id: chatId });
  expect(JSON.stringify(peeked.body)).not.toContain('parcel');

  // --- Seen marks, both APIs: the customer over the Web, Max over RTM; both sides hear each.
  const seenAt = new Date(Date.now() - 1000).toISOString();
  expect(await customerApi('mark_events_as_seen', { chat_id: chatId, seen_up_to: seenAt })).toEqual({ status: 200, body: {} });
  const customerSeen = await maxRtm.nextPush('events_marked_as_seen', (f) => f.payload.user_id === customer.entity_id, PUSH_WAIT_MS);
  expect(customerSeen.payload).toEqual({ user_id: customer.entity_id, chat_id: chatId, seen_up_to: seenAt.replace('Z', '000Z') });
  await samRtm.nextPush('events_marked_as_seen', (f) => f.payload.user_id === customer.entity_id, PUSH_WAIT_MS);
  await customerRtm.nextPush('events_marked_as_seen', (f) => f.payload.user_id === customer.entity_id, PUSH_WAIT_MS);
  const maxSeen = await maxRtm.request('mark_events_as_seen', { chat_id: chatId, seen_up_to: '2099-01-01T00:00:00Z' });
  expect(maxSeen).toMatchObject({ success: true, payload: {} });
  const toCustomer = await customerRtm.nextPush('events_marked_as_seen', (f) => f.payload.user_id === max, PUSH_WAIT_MS);
  // Not into the future: nothing there has been seen yet.
  expect(toCustomer.payload.seen_up_to < '2099').toBe(true);
  const users = (await agentApi(acme, 'normal', 'get_chat', { chat_id: chatId })).body.users as Array<Record<string, unknown>>;
  expect(users.find((u) => u.id === customer.entity_id)?.events_seen_up_to).toBe(seenAt.replace('Z', '000Z'));
  expect(users.find((u) => u.id === max)?.events_seen_up_to).toBe(toCustomer.payload.seen_up_to);

  // --- Rich messages: a card with buttons; the customer toggles one (Web), the agents and the customer hear it.
  const card = {
    type: 'rich_message',
    template_id: 'cards',
    elements: [
      {
        title: 'Your parcel',
        subtitle: 'Arrives tomorrow',
        image: { url: 'https://cdn.example/parcel.png' },
        buttons: [
          { text: 'Track', type: 'url', value: 'https://track.example', target: 'new', postback_id: 'track', user_ids: ['forged'] },
          { text: 'Thanks', type: 'message', value: 'Thanks!', postback_id: 'thanks' },
        ],
      },
    ],
  };
  const sent = await agentApi(acme, 'normal', 'send_event', { chat_id: chatId, event: card });
  expect(sent.status).toBe(200);
  const eventId: string = sent.body.event_id;
  const incoming = await customerRtm.nextPush('incoming_event', (f) => f.payload.event.id === eventId, PUSH_WAIT_MS);
  expect(incoming.payload.event).toMatchObject({ type: 'rich_message', template_id: 'cards', author_id: max });
  const postback = { chat_id: chatId, thread_id: threadId, event_id: eventId, postback: { id: 'thanks', toggled: true } };
  expect(await customerApi('send_rich_message_postback', postback)).toEqual({ status: 200, body: {} });
  const heardPostback = { user_id: customer.entity_id, chat_id: chatId, thread_id: threadId, event_id: eventId, postback: { id: 'thanks', toggled: true } };
  expect((await maxRtm.nextPush('incoming_rich_message_postback', () => true, PUSH_WAIT_MS)).payload).toEqual(heardPostback);
  expect((await samRtm.nextPush('incoming_rich_message_postback', () => true, PUSH_WAIT_MS)).payload).toEqual(heardPostback);
  expect((await customerRtm.nextPush('incoming_rich_message_postback', () => true, PUSH_WAIT_MS)).payload).toEqual(heardPostback);
  // Sam toggles it too over RTM, then the customer toggles it off: the button's user_ids follow.
  expect(await samRtm.request('send_rich_message_postback', postback)).toMatchObject({ success: true, payload: {} });
  await customerRtm.nextPush('incoming_rich_message_postback', (f) => f.payload.user_id === sam, PUSH_WAIT_MS);
  const buttons = async (reply: Promise<Reply>) =>
    (await reply).body.thread.events.find((e: { id: string }) => e.id === eventId).elements[0].buttons as Array<Record<string, unknown>>;
  expect(await buttons(agentApi(acme, 'normal', 'get_chat', { chat_id: chatId }))).toEqual([
    { ...card.elements[0].buttons[0], user_ids: [] },
    { ...card.elements[0].buttons[1], user_ids: [customer.entity_id, sam] },
  ]);
  expect(await customerRtm.request('send_rich_message_postback', { ...postback, postback: { id: 'thanks', toggled: false } })).toMatchObject({ success: true });
  await maxRtm.nextPush('incoming_rich_message_postback', (f) => f.payload.postback.toggled === false, PUSH_WAIT_MS);
  const afterOff = await buttons(customerApi('get_chat', { chat_id: chatId }));
  expect(afterOff[1].user_ids).toEqual([sam]);

  // --- Refused, and nothing changes: unknown chat, thread, event or button, users not in the chat, the other organization.
  const seenMarks = async () =>
    ((await agentApi(acme, 'normal', 'get_chat', { chat_id: chatId })).body.users as Array<Record<string, unknown>>).map((u) => [u.id, u.events_seen_up_to]);
  const seenBefore = await seenMarks();
  const refusals: Array<[() => Promise<Reply>, number, string]> = [
    [() => customerApi('send_rich_message_postback', { ...postback, chat_id: 'NOSUCHCHAT' }), 404, 'not_found'],
    [() => customerApi('send_rich_message_postback', { ...postback, thread_id: 'NOSUCHTHREAD' }), 404, 'not_found'],
    [() => customerApi('send_rich_message_postback', { ...postback, event_id: `${threadId}_999` }), 404, 'not_found'],
    [() => customerApi('send_rich_message_postback', { ...postback, postback: { id: 'nope', toggled: true } }), 404, 'not_found'],
    [() => customerApi('send_rich_message_postback', { ...postback, postback: { id: 'thanks' } }), 400, 'validation'],
    [() => agentApi(acme, 'admin', 'send_rich_message_postback', postback), 403, 'missing_access'],
    [() => agentApi(acme, 'admin', 'send_typing_indicator', { chat_id: chatId, is_typing: true }), 403, 'missing_access'],
    [() => agentApi(acme, 'admin', 'mark_events_as_seen', { chat_id: chatId, seen_up_to: seenAt }), 403, 'missing_access'],
    [() => agentApi(other, 'owner', 'send_rich_message_postback', postback), 404, 'not_found'],
    [() => agentApi(other, 'owner', 'send_typing_indicator', { chat_id: chatId, is_typing: true }), 404, 'not_found'],
    [() => agentApi(other, 'owner', 'mark_events_as_seen', { chat_id: chatId, seen_up_to: seenAt }), 404, 'not_found'],
    [() => agentApi(acme, 'normal', 'send_typing_indicator', { chat_id: 'NOSUCHCHAT', is_typing: true }), 404, 'not_found'],
    [() => agentApi(acme, 'normal', 'send_typing_indicator', { chat_id: chatId }), 400, 'validation'],
    [() => agentApi(acme, 'normal', 'multicast', { recipients: {}, content: 'x' }), 400, 'validation'],
  ];
  const otherCustomer = await customerToken(urls.customer, other.organizationId);
  refusals.push(
    [() => customerApi('send_sneak_peek', { chat_id: chatId, sneak_peek_text: 'psst' }, otherCustomer.access_token, other.organizationId), 404, 'not_found'],
    [() => customerApi('mark_events_as_seen', { chat_id: chatId, seen_up_to: seenAt }, otherCustomer.access_token, other.organizationId), 404, 'not_found'],
    [() => customerApi('send_rich_message_postback', postback, otherCustomer.access_token, other.organizationId), 404, 'not_found'],
  );
  for (const [call, status, type] of refusals) {
    const reply = await call();
    expect([reply.status, reply.body.error?.type]).toEqual([status, type]);
  }
  expect((await buttons(customerApi('get_chat', { chat_id: chatId })))[1].user_ids).toEqual([sam]);
  expect(await seenMarks()).toEqual(seenBefore);

  // --- Multicast: to agents by id, by group, or all — of the sender's organization only; a bot may send it.
  expect(await maxRtm.request('multicast', { recipients: { agents: { ids: [sam] } }, content: { note: 'lunch?' }, type: 'note' })).toMatchObject({ success: true, payload: {} });
  expect((await samRtm.nextPush('incoming_multicast', () => true, PUSH_WAIT_MS)).payload).toEqual({ author_id: max, content: { note: 'lunch?' }, type: 'note' });
  expect(await agentApi(acme, 'owner', 'multicast', { recipients: { agents: { groups: [0] } }, content: 'from the bot' }, bot)).toEqual({ status: 200, body: {} });
  for (const agent of [maxRtm, samRtm]) {
    expect((await agent.nextPush('incoming_multicast', (f) => f.payload.content === 'from the bot', PUSH_WAIT_MS)).payload).toEqual({
      author_id: bot,
      content: 'from the bot',
    });
  }
  // The other organization multicasts to everyone and to Acme's agents by id: only its own agents hear it.
  expect(await agentApi(other, 'owner', 'multicast', { recipients: { agents: { all: true } }, content: 'B to all' })).toEqual({ status: 200, body: {} });
  expect(await agentApi(other, 'owner', 'multicast', { recipients: { agents: { ids: [max, sam] } }, content: 'B to Acme' })).toEqual({ status: 200, body: {} });
  await outsider.nextPush('incoming_multicast', (f) => f.payload.content === 'B to all', PUSH_WAIT_MS);
  // Sent after them through the same gateway, so it arrives after them.
  expect(await agentApi(acme, 'owner', 'multicast', { recipients: { agents: { all: true } }, content: 'marker' })).toEqual({ status: 200, body: {} });
  for (const agent of [maxRtm, samRtm]) {
    await agent.nextPush('incoming_multicast', (f) => f.payload.content === 'marker', PUSH_WAIT_MS);
    expect(pushesOf(agent, 'incoming_multicast')).toEqual([]);
  }
  expect(pushesOf(outsider, 'incoming_multicast')).toEqual([]);

  // --- An inactive chat takes no live signals or postbacks; seen marks still count.
  expect((await agentApi(acme, 'normal', 'deactivate_chat', { id: chatId })).status).toBe(200);
  await customerRtm.nextPush('chat_deactivated', (f) => f.payload.chat_id === chatId, PUSH_WAIT_MS);
  for (const [call, type] of [
    [() => customerApi('send_rich_message_postback', postback), 'chat_inactive'],
    [() => customerApi('send_sneak_peek', { chat_id: chatId, sneak_peek_text: 'late' }), 'chat_inactive'],
    [() => agentApi(acme, 'owner', 'send_typing_indicator', { chat_id: chatId, is_typing: true }, bot), 'missing_access'],
  ] as Array<[() => Promise<Reply>, string]>) {
    expect((await call()).body.error?.type).toBe(type);
  }
  const lateSeen = new Date().toISOString();
  expect(await customerApi('mark_events_as_seen', { chat_id: chatId, seen_up_to: lateSeen })).toEqual({ status: 200, body: {} });
  await waitFor(async () => {
    const chat = await agentApi(acme, 'normal', 'get_chat', { chat_id: chatId });
    return chat.body.users.find((u: { id: string }) => u.id === customer.entity_id)?.events_seen_up_to === lateSeen.replace('Z', '000Z');
  }, PUSH_WAIT_MS);
  for (const client of [maxRtm, samRtm, customerRtm, outsider]) client.close();
}
