import { callWeb, Frame, RtmClient } from '@switchboard/testing';
import { createOrganization, customerToken } from './conversation.scenario';

export interface CustomerWireUrls {
  configuration: string;
  customer: string;
  agent: string;
}

const PUSH_WAIT_MS = 30_000;

export async function customerSession(url: string, organizationId: string, version: string) {
  const token = await customerToken(url, organizationId);
  const client = await RtmClient.connect(url, 'customer', organizationId, { version });
  const login = await client.request('login', { token: `Bearer ${token.access_token}` });
  expect(login).toMatchObject({ success: true });
  return { client, login, token };
}

/**
 * The customer wire of v3.4 and v3.5 side by side (ADR 0034): the login's
 * watched group, `groups_status_updated` on v3.5 only (worded for the
 * customer's group, when its status changes), push frames that say their
 * version, and `request_id` only on the pushes that answer a request — for
 * customers and agents alike.
 */
export async function checkCustomerWire(urls: CustomerWireUrls, adminToken: string, name: string): Promise<void> {
  const { organizationId, ownerToken } = await createOrganization(urls.configuration, adminToken, name);
  const agent = await RtmClient.connect(urls.agent, 'agent');
  expect((await agent.request('login', { token: `Bearer ${ownerToken}`, away: true })).success).toBe(true);

  const current = await customerSession(urls.customer, organizationId, '3.5');
  const older = await customerSession(urls.customer, organizationId, '3.4');
  // No group is online yet: `online_groups_ids` is left out, as the official SDK expects (ADR 0031).
  for (const { login } of [current, older]) {
    expect(login.payload.__priv_dynamic_config).toEqual({ customer_groups: { monitoring: { id: 0 } } });
  }

  // The agent goes online, then away: the v3.5 customer hears its group change both times, in v3.5 frames.
  expect((await agent.request('set_routing_status', { status: 'accepting_chats' })).success).toBe(true);
  const online = await current.client.nextPush('groups_status_updated', () => true, PUSH_WAIT_MS);
  expect(online).toMatchObject({ version: '3.5', payload: { groups: [{ id: 0, status: 'online' }] } });
  expect((await agent.request('set_routing_status', { status: 'not_accepting_chats' })).success).toBe(true);
  const offline = await current.client.nextPush('groups_status_updated', () => true, PUSH_WAIT_MS);
  expect(offline.payload).toEqual({ groups: [{ id: 0, status: 'offline' }] });
  // Going away again changes nothing: no push for a status the customer already has.
  expect((await agent.request('set_routing_status', { status: 'not_accepting_chats' })).success).toBe(true);

  // Another organization's agent going online reaches its own v3.5 customers, none of this one's.
  const other = await createOrganization(urls.configuration, adminToken, `${name}Other`);
  const otherAgent = await RtmClient.connect(urls.agent, 'agent');
  expect((await otherAgent.request('login', { token: `Bearer ${other.ownerToken}`, away: true })).success).toBe(true);
  const otherCustomer = await customerSession(urls.customer, other.organizationId, '3.5');
  expect((await otherAgent.request('set_routing_status', { status: 'accepting_chats' })).success).toBe(true);
  expect((await otherCustomer.client.nextPush('groups_status_updated', () => true, PUSH_WAIT_MS)).payload).toEqual({ groups: [{ id: 0, status: 'online' }] });
  expect(current.client.pushes.filter((f) => f.action === 'groups_status_updated')).toEqual([]);
  otherAgent.close();
  otherCustomer.client.close();

  // The Web API answers on /v3.5/ too.
  const listed = await callWeb(urls.customer, 'customer', 'list_chats', {}, { version: 'v3.5', token: current.token.access_token, organizationId });
  expect(listed.status).toBe(200);

  // The v3.4 customer starts a chat over RTM: incoming_chat answers start_chat, incoming_event answers send_event.
  const started = await older.client.request('start_chat', { chat: { thread: { events: [{ type: 'message', text: 'Hi' }] } } });
  expect(started).toMatchObject({ success: true });
  const chatId = started.payload.chat_id as string;
  const incoming = await older.client.nextPush('incoming_chat', (f) => f.payload.chat.id === chatId, PUSH_WAIT_MS);
  expect(incoming).toMatchObject({ version: '3.4', request_id: started.request_id });
  const sent = await older.client.request('send_event', { chat_id: chatId, event: { type: 'message', text: 'Anyone?' } });
  expect((await older.client.nextPush('incoming_event', (f) => f.payload.event.text === 'Anyone?', PUSH_WAIT_MS)).request_id).toBe(sent.request_id);

  // Deactivating: the system message is no answer to deactivate_chat and carries no request_id.
  const systemMessage = (chatId: string) => (f: Frame) => f.payload.chat_id === chatId && f.payload.event.type === 'system_message';
  expect(await older.client.request('deactivate_chat', { id: chatId })).toMatchObject({ success: true });
  await older.client.nextPush('chat_deactivated', (f) => f.payload.chat_id === chatId, PUSH_WAIT_MS);
  expect(await older.client.nextPush('incoming_event', systemMessage(chatId), PUSH_WAIT_MS)).not.toHaveProperty('request_id');

  // The same for an agent closing its own chat.
  const { body } = await callWeb(urls.agent, 'agent', 'start_chat', {}, { token: ownerToken });
  expect(await agent.request('deactivate_chat', { id: body.chat_id })).toMatchObject({ success: true });
  expect(await agent.nextPush('incoming_event', systemMessage(body.chat_id), PUSH_WAIT_MS)).not.toHaveProperty('request_id');

  // The v3.4 customer never got a v3.5 push; the v3.5 one got exactly the two changes.
  expect(older.client.pushes.filter((f) => f.action === 'groups_status_updated')).toEqual([]);
  expect(current.client.pushes.filter((f) => f.action === 'groups_status_updated')).toEqual([]);

  await checkQueueStatus(urls, { agent, ownerToken, organizationId, customer: current });
  for (const client of [agent, current.client, older.client]) client.close();
}

/**
 * `groups_status_updated` says what `list_group_statuses` says (ADR 0035):
 * the router gives the agent's only seat to a chat → `online_for_queue`;
 * queues turned off → `offline`; the chat closed, the seat free → `online`.
 * A customer logging in meanwhile gets the queued group among `online_groups_ids`.
 */
async function checkQueueStatus(
  urls: CustomerWireUrls,
  parts: { agent: RtmClient; ownerToken: string; organizationId: string; customer: Awaited<ReturnType<typeof customerSession>> },
): Promise<void> {
  const { agent, ownerToken, organizationId, customer } = parts;
  const listed = async () => (await callWeb(urls.customer, 'customer', 'list_group_statuses', { all: true }, { token: customer.token.access_token, organizationId })).body.groups_status['0'];
  const pushed = async () => (await customer.client.nextPush('groups_status_updated', () => true, PUSH_WAIT_MS)).payload.groups;
  // The owner is the organization's only agent: one seat.
  const [{ agent_id: ownerId }] = (await callWeb(urls.agent, 'agent', 'list_routing_statuses', {}, { token: ownerToken })).body as Array<{ agent_id: string }>;
  expect((await callWeb(urls.configuration, 'configuration', 'update_agent', { id: ownerId, max_chats_count: 1 }, { token: ownerToken })).status).toBe(200);
  expect((await agent.request('set_routing_status', { status: 'accepting_chats' })).success).toBe(true);
  expect(await pushed()).toEqual([{ id: 0, status: 'online' }]);
  expect(await listed()).toBe('online');

  // A customer's chat is routed to the agent and takes the seat.
  const asking = await customerSession(urls.customer, organizationId, '3.4');
  const started = await asking.client.request('start_chat', { chat: { thread: { events: [{ type: 'message', text: 'Anyone there?' }] } } });
  expect(started).toMatchObject({ success: true });
  await agent.nextPush('incoming_chat', (f) => f.payload.chat.id === started.payload.chat_id, PUSH_WAIT_MS);
  expect(await pushed()).toEqual([{ id: 0, status: 'online_for_queue' }]);
  expect(await listed()).toBe('online_for_queue');
  const late = await customerSession(urls.customer, organizationId, '3.5');
  expect(late.login.payload.__priv_dynamic_config).toEqual({ online_groups_ids: [0], customer_groups: { monitoring: { id: 0 } } });

  // No queue: nobody can take a chat now.
  expect((await callWeb(urls.configuration, 'configuration', 'switchboard_update_widget_settings', { queue_enabled: false }, { token: ownerToken })).status).toBe(200);
  expect(await pushed()).toEqual([{ id: 0, status: 'offline' }]);
  expect(await listed()).toBe('offline');
  expect((await late.client.nextPush('groups_status_updated', () => true, PUSH_WAIT_MS)).payload.groups).toEqual([{ id: 0, status: 'offline' }]);

  // The chat ends: the seat is free again.
  expect(await agent.request('deactivate_chat', { id: started.payload.chat_id })).toMatchObject({ success: true });
  expect(await pushed()).toEqual([{ id: 0, status: 'online' }]);
  expect(await listed()).toBe('online');
  for (const client of [asking.client, late.client]) client.close();
}

/**
 * Every process serving an API answers browsers (ADR 0034): another site may
 * call the customer side (credentials on /customer/token), not the agent or
 * configuration side by default; over plain HTTP the identity cookies stay
 * SameSite=Lax, whatever an untrusted X-Forwarded-Proto claims.
 */
export async function checkBrowserAccess(urls: CustomerWireUrls, adminToken: string, name: string): Promise<void> {
  const { organizationId } = await createOrganization(urls.configuration, adminToken, name);
  const site = 'https://shop.example';
  const preflight = (base: string, path: string) =>
    fetch(`${base}${path}`, { method: 'OPTIONS', headers: { Origin: site, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization, content-type' } });
  const token = await preflight(urls.customer, '/customer/token');
  expect([token.status, token.headers.get('access-control-allow-origin'), token.headers.get('access-control-allow-credentials')]).toEqual([204, site, 'true']);
  expect(token.headers.get('access-control-allow-headers')).toContain('Authorization');
  const web = await preflight(urls.customer, '/v3.5/customer/action/start_chat');
  expect([web.status, web.headers.get('access-control-allow-origin'), web.headers.get('access-control-allow-credentials')]).toEqual([204, site, null]);
  expect((await preflight(urls.agent, '/v3.4/agent/action/list_chats')).status).toBe(403);
  expect((await preflight(urls.configuration, '/v3.4/configuration/action/list_agents')).status).toBe(403);
  expect((await preflight(urls.configuration, '/auth/agent_token')).status).toBe(403);

  const issued = await fetch(`${urls.customer}/customer/token`, {
    method: 'POST',
    headers: { Origin: site, 'Content-Type': 'application/json', 'X-Forwarded-Proto': 'https' },
    body: JSON.stringify({ organization_id: organizationId }),
  });
  expect(issued.status).toBe(200);
  expect(issued.headers.get('access-control-allow-origin')).toBe(site);
  const cookies = issued.headers.getSetCookie();
  expect(cookies).toHaveLength(2);
  for (const cookie of cookies) {
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).not.toContain('Secure');
  }
  // A failed call still tells the page why: the error object is readable cross-origin.
  const refused = await fetch(`${urls.customer}/v3.4/customer/action/list_chats?organization_id=${organizationId}`, { method: 'POST', headers: { Origin: site } });
  expect([refused.status, refused.headers.get('access-control-allow-origin')]).toEqual([401, site]);
}
