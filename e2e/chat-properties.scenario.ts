import { callWeb, RtmClient } from '@switchboard/testing';
import { customerToken } from './conversation.scenario';
import { createTeam, post, rtmLogin } from './identity.scenario';

/** Where each API is served (one URL for all in the embedded mode). */
export interface ChatPropertyUrls {
  configuration: string;
  customer: string;
  /** Agent gateways: agents listen on the first; requests go to the last. */
  agent: string[];
}

async function defaultClientId(url: string, ownerToken: string): Promise<string> {
  const response = await fetch(`${url}/auth/applications`, { headers: { Authorization: `Bearer ${ownerToken}` } });
  const [first] = (await response.json()) as Array<{ client_id: string }>;
  return first.client_id;
}

/**
 * Chat, thread and event properties and thread tags as LiveChat clients use
 * them, in two organizations: the rating example (an application registers
 * `rating_score` / `rating_comment`; the customer writes them, agents read
 * them), values agents keep from customers, the default `rating.*` and the
 * `test` namespace; every push heard on the receiving side (agents and the
 * customer, filtered by what each may read); reads filtered by role and by
 * application; an agent acting as a bot; every refusal the spec's error and
 * nothing changed; the other organization cannot touch any of it.
 */
export async function checkChatProperties(urls: ChatPropertyUrls, adminToken: string, name: string): Promise<void> {
  const acme = await createTeam(urls, adminToken, `${name}A`);
  const other = await createTeam(urls, adminToken, `${name}B`);
  const mine = await defaultClientId(urls.configuration, acme.owner);
  const agentUrl = urls.agent[urls.agent.length - 1];
  const config = (action: string, payload: unknown) => callWeb(urls.configuration, 'configuration', action, payload, { token: acme.owner });
  const ok = { status: 200, body: {} };

  // The rating example: the customer rates, agents read. A note of the agents' own, hidden from the customer.
  const ratingAccess = { agent: ['read'], customer: ['read', 'write'] };
  const definitions = {
    rating_score: { type: 'int', range: { from: 1, to: 5 }, access: { chat: ratingAccess, thread: ratingAccess } },
    rating_comment: { type: 'string', access: { chat: ratingAccess, thread: ratingAccess } },
    agent_note: { type: 'string', access: { chat: { agent: ['read', 'write'] }, event: { agent: ['read', 'write'] } } },
  };
  for (const [property, definition] of Object.entries(definitions)) {
    expect([property, await config('register_property', { name: property, owner_client_id: mine, ...definition })]).toEqual([property, ok]);
  }
  // A second application of acme, whose agent token reaches only what it owns or what was published.
  const partnerApp = await post(urls.configuration, '/admin/applications', { organization_id: acme.organizationId, name: 'Partner' }, adminToken);
  const partner = (await post(urls.configuration, '/auth/agent_token', { agent_id: acme.ids.admin, client_id: partnerApp.body.client_id }, acme.owner)).body
    .access_token as string;

  // The customer logs in over RTM; the normal agent listens over RTM and starts a chat with the customer.
  const customer = await customerToken(urls.customer, acme.organizationId);
  const customerRtm = await RtmClient.connect(urls.customer, 'customer', acme.organizationId);
  expect((await customerRtm.request('login', { token: `Bearer ${customer.access_token}`, customer: { name: 'Cate' } })).success).toBe(true);
  const agentRtm = await rtmLogin(urls.agent[0], acme.tokens.normal);
  const agent = (action: string, payload: unknown, token = acme.tokens.normal, headers?: Record<string, string>) =>
    callWeb(agentUrl, 'agent', action, payload, { token, headers });
  const asCustomer = (action: string, payload: unknown) =>
    callWeb(urls.customer, 'customer', action, payload, { token: customer.access_token, organizationId: acme.organizationId });
  const started = await agent('start_chat', {
    chat: { users: [{ id: customer.entity_id, type: 'customer' }], thread: { events: [{ type: 'message', text: 'How was it?' }] } },
  });
  expect(started.status).toBe(200);
  const { chat_id: chatId, thread_id: threadId } = started.body;
  const eventId = `${threadId}_1`;
  await agentRtm.nextPush('incoming_chat', (f) => f.payload.chat.id === chatId, 20_000);
  await customerRtm.nextPush('incoming_chat', (f) => f.payload.chat.id === chatId, 20_000);
  const agentHears = (action: string, match: Record<string, unknown> = {}) =>
    agentRtm.nextPush(action, (f) => f.payload.chat_id === chatId && Object.entries(match).every(([k, v]) => JSON.stringify(f.payload[k]) === JSON.stringify(v)), 20_000);
  const customerHears = (action: string) => customerRtm.nextPush(action, (f) => f.payload.chat_id === chatId, 20_000);

  // The customer rates the chat (Web); agents and the customer hear only the changed keys.
  expect(await asCustomer('update_chat_properties', { id: chatId, properties: { [mine]: { rating_score: 5, rating_comment: 'Great' } } })).toEqual(ok);
  const rated = { chat_id: chatId, properties: { [mine]: { rating_score: 5, rating_comment: 'Great' } } };
  expect((await agentHears('chat_properties_updated')).payload).toEqual(rated);
  expect((await customerHears('chat_properties_updated')).payload).toEqual(rated);
  // The agent keeps a note of its own (RTM): only agents hear it; the customer hears the next change it may read.
  const noted = await agentRtm.request('update_chat_properties', { id: chatId, properties: { [mine]: { agent_note: 'regular' } } });
  expect(noted).toMatchObject({ success: true, payload: {} });
  const notePush = await agentHears('chat_properties_updated', { properties: { [mine]: { agent_note: 'regular' } } });
  expect(notePush.request_id).toBe(noted.request_id);
  expect(await asCustomer('update_chat_properties', { id: chatId, properties: { [mine]: { rating_comment: 'Great!' } } })).toEqual(ok);
  expect((await customerHears('chat_properties_updated')).payload).toEqual({ chat_id: chatId, properties: { [mine]: { rating_comment: 'Great!' } } });
  expect((await agentHears('chat_properties_updated', { properties: { [mine]: { rating_comment: 'Great!' } } })).payload).toBeDefined();

  // Reads, filtered by who reads.
  const agentChat = async (token = acme.tokens.normal) => (await agent('get_chat', { chat_id: chatId }, token)).body;
  const customerChat = async () => (await asCustomer('get_chat', { chat_id: chatId })).body;
  // The chat came from the agent's application (its token's): source.client_id says so, on the chat and its thread (ADR 0043).
  const fromMine = { source: { client_id: mine } };
  const allChatValues = { [mine]: { rating_score: 5, rating_comment: 'Great!', agent_note: 'regular' }, ...fromMine };
  expect((await agentChat()).properties).toEqual(allChatValues);
  expect((await customerChat()).properties).toEqual({ [mine]: { rating_score: 5, rating_comment: 'Great!' }, ...fromMine });
  // Another application of the organization sees none of the private ones; the owner (default application) all.
  expect((await agentChat(partner)).properties).toEqual(fromMine);
  expect((await agentChat(acme.owner)).properties).toEqual(allChatValues);
  const agentSummary = (await agent('list_chats', {})).body.chats_summary.find((c: { id: string }) => c.id === chatId);
  expect(agentSummary.properties).toEqual(allChatValues);
  const customerSummary = (await asCustomer('list_chats', {})).body.chats_summary.find((c: { id: string }) => c.id === chatId);
  expect(customerSummary.properties).toEqual({ [mine]: { rating_score: 5, rating_comment: 'Great!' }, ...fromMine });

  // Refusals: the spec's error, and nothing changes.
  const refusals: Array<[string, () => Promise<{ status: number; body: any }>, number, string]> = [ // eslint-disable-line @typescript-eslint/no-explicit-any
    ['agent writes the rating', () => agent('update_chat_properties', { id: chatId, properties: { [mine]: { rating_score: 1 } } }), 403, 'authorization'],
    ['customer writes the note', () => asCustomer('update_chat_properties', { id: chatId, properties: { [mine]: { agent_note: 'x' } } }), 403, 'authorization'],
    ['customer deletes the note', () => asCustomer('delete_chat_properties', { id: chatId, properties: { [mine]: ['agent_note'] } }), 403, 'authorization'],
    ['partner writes a private property', () => agent('update_chat_properties', { id: chatId, properties: { [mine]: { agent_note: 'x' } } }, partner), 403, 'authorization'],
    ['unknown property', () => agent('update_chat_properties', { id: chatId, properties: { [mine]: { nope: 1 } } }), 400, 'validation'],
    ['unknown namespace', () => agent('update_chat_properties', { id: chatId, properties: { nobody: { x: 1 } } }), 400, 'validation'],
    ['wrong type', () => asCustomer('update_chat_properties', { id: chatId, properties: { [mine]: { rating_score: 'five' } } }), 400, 'validation'],
    ['outside the range', () => asCustomer('update_chat_properties', { id: chatId, properties: { [mine]: { rating_score: 6 } } }), 400, 'validation'],
    ['one bad key of two', () => asCustomer('update_chat_properties', { id: chatId, properties: { [mine]: { rating_comment: 'Bad', rating_score: 0 } } }), 400, 'validation'],
    ['the default rating outside its domain', () => asCustomer('update_thread_properties', { chat_id: chatId, thread_id: threadId, properties: { rating: { score: 2 } } }), 400, 'validation'],
    ['a read-only default', () => agent('update_chat_properties', { id: chatId, properties: { routing: { unassigned: true } } }), 403, 'authorization'],
    ['not at this location', () => agent('update_thread_properties', { chat_id: chatId, thread_id: threadId, properties: { [mine]: { agent_note: 'x' } } }), 403, 'authorization'],
    ['nothing to change', () => agent('update_chat_properties', { id: chatId, properties: {} }), 400, 'validation'],
    ['no chat', () => agent('update_chat_properties', { properties: { test: { int_property: 1 } } }), 400, 'validation'],
    ['unknown chat', () => agent('update_chat_properties', { id: 'NOSUCHCHAT', properties: { test: { int_property: 1 } } }), 404, 'not_found'],
    ['unknown thread', () => agent('update_thread_properties', { chat_id: chatId, thread_id: 'NOSUCHTHREAD', properties: { test: { int_property: 1 } } }), 404, 'not_found'],
    ['unknown event', () => agent('update_event_properties', { chat_id: chatId, thread_id: threadId, event_id: `${threadId}_9`, properties: { test: { int_property: 1 } } }), 404, 'not_found'],
    ['other organization', () => callWeb(agentUrl, 'agent', 'update_chat_properties', { id: chatId, properties: { test: { int_property: 1 } } }, { token: other.owner }), 404, 'not_found'],
    ['other organization tags', () => callWeb(agentUrl, 'agent', 'tag_thread', { chat_id: chatId, thread_id: threadId, tag: 'x' }, { token: other.owner }), 404, 'not_found'],
    ['other organization deletes', () => callWeb(agentUrl, 'agent', 'delete_chat_properties', { id: chatId, properties: { [mine]: ['agent_note'] } }, { token: other.owner }), 404, 'not_found'],
    ['empty tag', () => agent('tag_thread', { chat_id: chatId, thread_id: threadId, tag: '' }), 400, 'validation'],
    ['tag of an unknown thread', () => agent('tag_thread', { chat_id: chatId, thread_id: 'NOSUCHTHREAD', tag: 'x' }), 404, 'not_found'],
  ];
  for (const [what, call, status, type] of refusals) {
    const answer = await call();
    expect([what, answer.status, answer.body?.error?.type]).toEqual([what, status, type]);
  }
  expect((await agentChat(acme.owner)).properties).toEqual(allChatValues);
  expect((await agentChat()).thread.properties).toEqual(fromMine);
  expect((await agentChat()).thread.tags).toBeUndefined();

  // Thread properties: the default rating (customer) and the test namespace (an agent acting as a bot of its application).
  expect(await asCustomer('update_thread_properties', { chat_id: chatId, thread_id: threadId, properties: { rating: { score: 1, comment: 'Quick' } } })).toEqual(ok);
  const threadRated = { chat_id: chatId, thread_id: threadId, properties: { rating: { score: 1, comment: 'Quick' } } };
  expect((await agentHears('thread_properties_updated')).payload).toEqual(threadRated);
  expect((await customerHears('thread_properties_updated')).payload).toEqual(threadRated);
  const bot = (await callWeb(urls.configuration, 'configuration', 'create_bot', { name: 'Helper', owner_client_id: mine }, { token: acme.owner })).body.id as string;
  expect(await agent('update_thread_properties', { chat_id: chatId, thread_id: threadId, properties: { test: { string_property: 'by bot' } } }, acme.owner, { 'X-Author-Id': bot })).toEqual(ok);
  expect((await agentHears('thread_properties_updated', { properties: { test: { string_property: 'by bot' } } })).payload.thread_id).toBe(threadId);
  expect((await customerHears('thread_properties_updated')).payload.properties).toEqual({ test: { string_property: 'by bot' } });
  expect(await agent('delete_thread_properties', { chat_id: chatId, thread_id: threadId, properties: { test: ['string_property'] } })).toEqual(ok);
  const threadDeleted = { chat_id: chatId, thread_id: threadId, properties: { test: ['string_property'] } };
  expect((await agentHears('thread_properties_deleted')).payload).toEqual(threadDeleted);
  expect((await customerHears('thread_properties_deleted')).payload).toEqual(threadDeleted);
  expect((await agentChat()).thread.properties).toEqual({ rating: { score: 1, comment: 'Quick' }, ...fromMine });
  const threads = (await asCustomer('list_threads', { chat_id: chatId })).body.threads;
  expect(threads[0].properties).toEqual({ rating: { score: 1, comment: 'Quick' }, ...fromMine });

  // Event properties: the agents' note stays with agents; the test namespace reaches the customer too.
  expect(await agent('update_event_properties', { chat_id: chatId, thread_id: threadId, event_id: eventId, properties: { [mine]: { agent_note: 'first' }, test: { int_property: 7 } } })).toEqual(ok);
  expect((await agentHears('event_properties_updated')).payload).toEqual({
    chat_id: chatId,
    thread_id: threadId,
    event_id: eventId,
    properties: { [mine]: { agent_note: 'first' }, test: { int_property: 7 } },
  });
  expect((await customerHears('event_properties_updated')).payload).toEqual({ chat_id: chatId, thread_id: threadId, event_id: eventId, properties: { test: { int_property: 7 } } });
  expect((await agentChat()).thread.events[0].properties).toEqual({ [mine]: { agent_note: 'first' }, test: { int_property: 7 } });
  expect((await customerChat()).thread.events[0].properties).toEqual({ test: { int_property: 7 } });
  expect((await agent('list_chats', {})).body.chats_summary.find((c: { id: string }) => c.id === chatId).last_event_per_type.message.event.properties).toEqual({
    [mine]: { agent_note: 'first' },
    test: { int_property: 7 },
  });
  expect(await asCustomer('delete_event_properties', { chat_id: chatId, thread_id: threadId, event_id: eventId, properties: { test: ['int_property'] } })).toEqual(ok);
  expect((await agentHears('event_properties_deleted')).payload).toEqual({ chat_id: chatId, thread_id: threadId, event_id: eventId, properties: { test: ['int_property'] } });
  expect((await customerHears('event_properties_deleted')).payload.properties).toEqual({ test: ['int_property'] });
  expect((await agentChat()).thread.events[0].properties).toEqual({ [mine]: { agent_note: 'first' } });
  expect((await customerChat()).thread.events[0].properties).toBeUndefined();

  // An event sent with properties: each side's incoming_event shows what its role may read.
  const sent = await agent('send_event', { chat_id: chatId, event: { type: 'message', text: 'Noted', properties: { [mine]: { agent_note: 'n' }, test: { int_property: 1 } } } });
  expect(sent.status).toBe(200);
  const incoming = (client: RtmClient) => client.nextPush('incoming_event', (f) => f.payload.event.id === sent.body.event_id, 20_000);
  expect((await incoming(agentRtm)).payload.event.properties).toEqual({ [mine]: { agent_note: 'n' }, test: { int_property: 1 } });
  expect((await incoming(customerRtm)).payload.event.properties).toEqual({ test: { int_property: 1 } });

  // start_chat, resume_chat and send_event set properties under the same rules: refused, nothing is created or added.
  const eventsBefore = (await agentChat()).thread.events.length;
  for (const [who, action, payload, type] of [
    ['agent', 'send_event', { chat_id: chatId, event: { type: 'message', text: 'x', properties: { [mine]: { agent_note: 7 } } } }, 'validation'],
    ['agent', 'send_event', { chat_id: chatId, event: { type: 'message', text: 'x', properties: { [mine]: { rating_score: 5 } } } }, 'authorization'],
    ['customer', 'send_event', { chat_id: chatId, event: { type: 'message', text: 'x', properties: { [mine]: { agent_note: 'mine' } } } }, 'authorization'],
    ['agent', 'start_chat', { chat: { properties: { [mine]: { rating_score: 5 } } } }, 'authorization'],
    ['agent', 'start_chat', { chat: { properties: { nowhere: { x: 1 } } } }, 'validation'],
    ['customer', 'start_chat', { chat: { thread: { properties: { [mine]: { rating_score: 9 } } } } }, 'validation'],
  ] as const) {
    const reply = who === 'agent' ? await agent(action, payload) : await asCustomer(action, payload);
    expect([who, action, reply.status, reply.body.error?.type]).toEqual([who, action, expect.any(Number), type]);
  }
  expect((await agentChat()).thread.events).toHaveLength(eventsBefore);
  const withProperties = await agent('start_chat', { chat: { properties: { [mine]: { agent_note: 'vip' } }, thread: { properties: { test: { int_property: 2 } } } } });
  expect(withProperties.status).toBe(200);
  const started2 = (await agent('get_chat', { chat_id: withProperties.body.chat_id })).body;
  expect([started2.properties[mine], started2.thread.properties.test]).toEqual([{ agent_note: 'vip' }, { int_property: 2 }]);

  // Tags (agents only): shown on the agent's thread, not the customer's; tagged twice is still one tag.
  const tagged = await agentRtm.request('tag_thread', { chat_id: chatId, thread_id: threadId, tag: 'sales' });
  expect(tagged).toMatchObject({ success: true, payload: {} });
  expect((await agentHears('thread_tagged')).payload).toEqual({ chat_id: chatId, thread_id: threadId, tag: 'sales' });
  expect(await agent('tag_thread', { chat_id: chatId, thread_id: threadId, tag: 'Sales' })).toEqual(ok);
  expect(await agent('tag_thread', { chat_id: chatId, thread_id: threadId, tag: 'sales' })).toEqual(ok);
  expect((await agentChat()).thread.tags).toEqual(['sales', 'Sales']);
  expect((await customerChat()).thread.tags).toBeUndefined();
  expect(await agent('untag_thread', { chat_id: chatId, thread_id: threadId, tag: 'sales' })).toEqual(ok);
  expect((await agentHears('thread_untagged')).payload).toEqual({ chat_id: chatId, thread_id: threadId, tag: 'sales' });
  expect((await agentChat()).thread.tags).toEqual(['Sales']);

  // After the chat ends: the customer still rates (the legacy chat_id works too), the agent still tags.
  expect((await agent('deactivate_chat', { id: chatId })).status).toBe(200);
  expect(await asCustomer('update_chat_properties', { chat_id: chatId, properties: { [mine]: { rating_score: 4 } } })).toEqual(ok);
  expect((await customerHears('chat_properties_updated')).payload.properties).toEqual({ [mine]: { rating_score: 4 } });
  // Over the customer's RTM connection too: its own push carries the request_id.
  const rerated = await customerRtm.request('update_thread_properties', { chat_id: chatId, thread_id: threadId, properties: { rating: { score: 0 } } });
  expect(rerated).toMatchObject({ success: true, payload: {} });
  const reratedPush = await customerHears('thread_properties_updated');
  expect([reratedPush.payload.properties, reratedPush.request_id]).toEqual([{ rating: { score: 0 } }, rerated.request_id]);
  expect(await agent('tag_thread', { chat_id: chatId, thread_id: threadId, tag: 'closed' })).toEqual(ok);
  const closed = await agentChat();
  expect(closed.properties[mine].rating_score).toBe(4);
  expect(closed.thread.properties).toEqual({ rating: { score: 0, comment: 'Quick' }, ...fromMine });
  expect(closed.thread.tags).toEqual(['Sales', 'closed']);
  // The customer's deletion of its rating.
  expect(await asCustomer('delete_chat_properties', { id: chatId, properties: { [mine]: ['rating_comment'] } })).toEqual(ok);
  expect((await customerChat()).properties).toEqual({ [mine]: { rating_score: 4 }, ...fromMine });

  // The other organization saw none of it.
  expect((await callWeb(agentUrl, 'agent', 'get_chat', { chat_id: chatId }, { token: other.owner })).status).toBe(404);
  agentRtm.close();
  customerRtm.close();
}
