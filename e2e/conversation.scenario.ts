import { callWeb, RtmClient } from '@switchboard/testing';

/** Where each API is served (the same URL for all in the embedded mode). */
export interface Urls {
  configuration: string;
  customer: string;
  /** Agent gateways: the agent connects to the first, replies through the last. */
  agent: string[];
}

export interface Conversation {
  organizationId: string;
  ownerToken: string;
  agentToken: string;
  customerToken: string;
  customerId: string;
  chatId: string;
  threadId: string;
  replyId: string;
}

export const AGENT = 'jo@acme.example';

export async function createOrganization(configurationUrl: string, adminToken: string, name = 'Acme') {
  const response = await fetch(`${configurationUrl}/admin/organizations`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name, owner_id: `boss@${name.toLowerCase()}.example`, owner_name: 'Boss' }),
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { organization_id: string; owner: { access_token: string } };
  return { organizationId: body.organization_id as string, ownerToken: body.owner.access_token as string };
}

export async function customerToken(customerUrl: string, organizationId: string) {
  const response = await fetch(`${customerUrl}/customer/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ grant_type: 'cookie', organization_id: organizationId }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { access_token: string; entity_id: string; expires_in: number; organization_id: string };
}

/**
 * One conversation as LiveChat clients hold it: an agent online over RTM, a
 * customer starting a chat over the Web API, the routing, a reply sent
 * through another gateway, pushes on both sides, and the chat closed.
 */
export async function holdConversation(urls: Urls, adminToken: string): Promise<Conversation> {
  const { organizationId, ownerToken } = await createOrganization(urls.configuration, adminToken);

  // The owner creates an agent and a token for it.
  const created = await callWeb(urls.configuration, 'configuration', 'create_agent', {
    id: AGENT,
    name: 'Jo',
    login_status: 'not accepting chats',
    max_chats_count: 2,
  }, { token: ownerToken });
  expect(created).toEqual({ status: 200, body: { id: AGENT } });
  const tokenResponse = await fetch(`${urls.configuration}/auth/agent_token`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${ownerToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ agent_id: AGENT }),
  });
  const agentToken = ((await tokenResponse.json()) as { access_token: string }).access_token;

  // The agent logs in over RTM and goes accepting chats.
  const agent = await RtmClient.connect(urls.agent[0], 'agent');
  const login = await agent.request('login', { token: `Bearer ${agentToken}` });
  expect(login).toMatchObject({ type: 'response', success: true, action: 'login' });
  expect(login.payload.my_profile).toMatchObject({ id: AGENT, name: 'Jo', routing_status: 'not_accepting_chats' });
  expect(login.payload.license.organization_id).toBe(organizationId);
  // The numeric license id LiveChat clients expect, as a string.
  expect(login.payload.license.id).toMatch(/^[1-9][0-9]{8}$/);
  const status = await agent.request('set_routing_status', { status: 'accepting_chats' });
  expect(status).toMatchObject({ success: true, payload: {} });
  const statusPush = await agent.nextPush('routing_status_set', (f) => f.payload.status === 'accepting_chats');
  expect(statusPush.payload).toEqual({ agent_id: AGENT, status: 'accepting_chats' });
  expect(statusPush.request_id).toBe(status.request_id);

  // The same agent also has a second connection, on the last gateway replica; the owner is online too,
  // but away (so not routed to), and is not a member of the chat.
  const mirror = await RtmClient.connect(urls.agent[urls.agent.length - 1], 'agent');
  expect((await mirror.request('login', { token: `Bearer ${agentToken}` })).success).toBe(true);
  const bystander = await RtmClient.connect(urls.agent[urls.agent.length - 1], 'agent');
  const bystanderLogin = await bystander.request('login', { token: `Bearer ${ownerToken}`, away: true });
  expect(bystanderLogin.payload.my_profile.routing_status).toBe('not_accepting_chats');
  // The same organization, another replica, another agent: the same license id.
  expect(bystanderLogin.payload.license.id).toBe(login.payload.license.id);
  // And the Configuration API translates both ways, with GET and no token, as LiveChat clients call it.
  const licenseId = Number(login.payload.license.id);
  const get = async (action: string, query: string) => {
    const response = await fetch(`${urls.configuration}/v3.4/configuration/action/${action}?${query}`);
    return { status: response.status, body: await response.json() };
  };
  expect(await get('get_license_id', `organization_id=${organizationId}`)).toEqual({ status: 200, body: { license_id: licenseId } });
  expect(await get('get_organization_id', `license_id=${licenseId}`)).toEqual({ status: 200, body: { organization_id: organizationId } });
  const unknown = licenseId === 999999999 ? 100000000 : licenseId + 1;
  expect(await get('get_organization_id', `license_id=${unknown}`)).toMatchObject({ status: 404, body: { error: { type: 'license_not_found' } } });
  expect(await get('get_organization_id', 'license_id=abc')).toMatchObject({ status: 400, body: { error: { type: 'validation' } } });
  expect(await get('get_license_id', '')).toMatchObject({ status: 400, body: { error: { type: 'validation' } } });

  // A customer gets a token (no secret), connects over RTM and starts a chat over the Web API.
  const customer = await customerToken(urls.customer, organizationId);
  const customerRtm = await RtmClient.connect(urls.customer, 'customer', organizationId);
  const customerLogin = await customerRtm.request('login', { token: `Bearer ${customer.access_token}`, customer: { name: 'Cate' } });
  expect(customerLogin.payload).toMatchObject({ customer: { id: customer.entity_id, type: 'customer', name: 'Cate' }, has_active_thread: false, chats: [] });
  const started = await callWeb(
    urls.customer,
    'customer',
    'start_chat',
    { chat: { thread: { events: [{ type: 'message', text: 'Hello, I need help', id: 'forged', author_id: 'someone-else' }] } } },
    { token: customer.access_token, organizationId },
  );
  expect(started.status).toBe(200);
  const { chat_id: chatId, thread_id: threadId, event_ids: eventIds } = started.body;
  expect(chatId).toMatch(/^[A-Z0-9]{10}$/);
  expect(eventIds).toEqual([`${threadId}_1`]);

  // The customer sees its chat; the router gives it to the agent.
  const customerIncoming = await customerRtm.nextPush('incoming_chat');
  expect(customerIncoming.payload.chat).toMatchObject({ id: chatId, thread: { id: threadId, active: true } });
  const incoming = await agent.nextPush('incoming_chat', (f) => f.payload.chat.id === chatId);
  expect(incoming.payload.chat.thread.events[0]).toMatchObject({
    id: `${threadId}_1`,
    type: 'message',
    text: 'Hello, I need help',
    author_id: customer.entity_id,
    visibility: 'all',
  });
  expect(incoming.payload.chat.thread.events[1]).toMatchObject({ type: 'system_message', system_message_type: 'routing.assigned' });
  expect(incoming.payload.chat.users.map((u: { id: string }) => u.id).sort()).toEqual([AGENT, customer.entity_id].sort());
  const joined = await customerRtm.nextPush('user_added_to_chat');
  expect(joined.payload).toMatchObject({ chat_id: chatId, user: { id: AGENT, type: 'agent', name: 'Jo', present: true } });

  // The agent replies through another gateway replica; the customer gets it over RTM.
  const replyAgentUrl = urls.agent[urls.agent.length - 1];
  const reply = await callWeb(replyAgentUrl, 'agent', 'send_event', { chat_id: chatId, event: { type: 'message', text: 'Hi Cate, how can I help?' } }, { token: agentToken });
  expect(reply.status).toBe(200);
  const replyId = reply.body.event_id as string;
  const delivered = await customerRtm.nextPush('incoming_event', (f) => f.payload.event.id === replyId);
  expect(delivered.payload).toMatchObject({ chat_id: chatId, thread_id: threadId, event: { type: 'message', text: 'Hi Cate, how can I help?', author_id: AGENT } });
  expect(delivered.payload.event.visibility).toBeUndefined();
  const echoed = await agent.nextPush('incoming_event', (f) => f.payload.event.id === replyId);
  expect(echoed.payload.event.visibility).toBe('all');
  expect((await mirror.nextPush('incoming_event', (f) => f.payload.event.id === replyId)).payload.chat_id).toBe(chatId);

  // The agent closes the chat: both sides hear it.
  const closed = await callWeb(replyAgentUrl, 'agent', 'deactivate_chat', { id: chatId }, { token: agentToken });
  expect(closed).toEqual({ status: 200, body: {} });
  for (const side of [agent, customerRtm]) {
    const deactivated = await side.nextPush('chat_deactivated');
    expect(deactivated.payload).toEqual({ chat_id: chatId, thread_id: threadId, user_id: AGENT });
    const archived = await side.nextPush('incoming_event', (f) => f.payload.event.system_message_type === 'manual_archived_agent');
    expect(archived.payload).toMatchObject({ chat_id: chatId, thread_id: threadId, event: { text: 'Jo archived the chat' } });
  }
  await mirror.nextPush('chat_deactivated');
  // Pushes went to exactly the chat's users: the owner, online but not in the chat, heard nothing of it.
  expect(bystander.pushes.filter((f) => f.payload?.chat_id === chatId || f.payload?.chat?.id === chatId)).toEqual([]);
  for (const client of [agent, mirror, bystander, customerRtm]) client.close();
  return { organizationId, ownerToken, agentToken, customerToken: customer.access_token, customerId: customer.entity_id, chatId, threadId, replyId };
}

/** After every process restarted: the chat is all there, for both sides. */
export async function checkConversationKept(urls: Urls, c: Conversation): Promise<void> {
  const agentChats = await callWeb(urls.agent[0], 'agent', 'list_chats', {}, { token: c.agentToken });
  expect(agentChats.status).toBe(200);
  expect(agentChats.body.found_chats).toBe(1);
  expect(agentChats.body.chats_summary[0]).toMatchObject({
    id: c.chatId,
    last_thread_summary: { id: c.threadId, active: false },
    last_event_per_type: { message: { thread_id: c.threadId, event: { id: c.replyId } } },
  });

  const chat = await callWeb(urls.agent[0], 'agent', 'get_chat', { chat_id: c.chatId }, { token: c.agentToken });
  expect(chat.body.thread.events.map((e: { type: string; text?: string }) => [e.type, e.text])).toEqual([
    ['message', 'Hello, I need help'],
    ['system_message', 'Chat assigned to Jo'],
    ['message', 'Hi Cate, how can I help?'],
    ['system_message', 'Jo archived the chat'],
  ]);

  const threads = await callWeb(urls.customer, 'customer', 'list_threads', { chat_id: c.chatId }, { token: c.customerToken, organizationId: c.organizationId });
  expect(threads.body).toMatchObject({ found_threads: 1, threads: [{ id: c.threadId, active: false }] });
  expect(threads.body.threads[0].events).toHaveLength(4);

  const customerChats = await callWeb(urls.customer, 'customer', 'list_chats', {}, { token: c.customerToken, organizationId: c.organizationId });
  expect(customerChats.body).toMatchObject({ total_chats: 1, chats_summary: [{ id: c.chatId, last_thread_id: c.threadId, active: false }] });

  const customerChat = await callWeb(urls.customer, 'customer', 'get_chat', { chat_id: c.chatId }, { token: c.customerToken, organizationId: c.organizationId });
  expect(customerChat.body).toMatchObject({ id: c.chatId, thread: { id: c.threadId, active: false } });
}
