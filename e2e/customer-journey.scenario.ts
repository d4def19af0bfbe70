import { callWeb, Frame, RtmClient } from '@switchboard/testing';
import { customerToken } from './conversation.scenario';
import { createTeam, Team } from './identity.scenario';
import { browserToken, customerLogin, SelfServiceUrls } from './selfservice.scenario';
import { shownGreeting } from './widget.helpers';

type Reply = { status: number; body: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
type Token = Awaited<ReturnType<typeof customerToken>>;

/** Pushes travel between processes on a loaded machine; a visit ends after its grace period and the keeper's sweep. */
const PUSH_WAIT_MS = 30_000;
const VISIT_END_WAIT_MS = 120_000;

/** An agent's RTM session at a customer monitoring level, once `incoming_customers` arrived. */
async function agentLogin(url: string, token: string, level: string): Promise<RtmClient> {
  const client = await RtmClient.connect(url, 'agent');
  expect((await client.request('login', { token: `Bearer ${token}`, customer_monitoring_level: level })).success).toBe(true);
  await client.nextPush('incoming_customers', () => true, PUSH_WAIT_MS);
  return client;
}

/** Every push a client kept that names the customer. */
const aboutCustomer = (client: RtmClient, customerId: string): Frame[] =>
  client.pushes.filter((f) => [f.payload?.id, f.payload?.customer_id].includes(customerId) || JSON.stringify(f.payload ?? {}).includes(customerId));

/**
 * One customer's journey across the families of issue 10, through the public
 * APIs only: a widget's visitor watched by the agents of its group (pages,
 * leaving, returning), a greeting an owner configured shown on a page view
 * and accepted, an auto access rule placing the next chat, and a ban that
 * ends every session and refuses the customer everywhere. An agent of
 * another group hears none of it.
 */
export async function checkCustomerJourney(urls: SelfServiceUrls, adminToken: string, name: string): Promise<void> {
  const acme = await createTeam(urls, adminToken, name);
  const org = acme.organizationId;
  const [firstCustomer, lastCustomer] = [urls.customer[0], urls.customer[urls.customer.length - 1]];
  const agentWeb = urls.agent[urls.agent.length - 1];
  const config = (action: string, payload: unknown) => callWeb(urls.configuration, 'configuration', action, payload, { token: acme.owner });
  const agentApi = (token: string, action: string, payload: unknown): Promise<Reply> => callWeb(agentWeb, 'agent', action, payload, { token });
  const customerApi = (url: string, token: Token, action: string, payload: unknown = {}): Promise<Reply> =>
    callWeb(url, 'customer', action, payload, { token: token.access_token, organizationId: org });
  const { normal: maxId, other: samId } = acme.ids;

  // Group 1 holds Max, group 2 Sam. The owner greets pricing pages in group 1 and sends chats from kettle pages to group 1.
  expect((await config('create_group', { name: 'Kettles', agent_priorities: { [maxId]: 'normal' } })).body).toEqual({ id: 1 });
  expect((await config('create_group', { name: 'Export', agent_priorities: { [samId]: 'normal' } })).body).toEqual({ id: 2 });
  const greeting = { id: 1, group_id: 1, agent_id: maxId, event: { type: 'message', text: 'Questions about prices?' }, rule: { url_contains: '/pricing' } };
  expect(await config('switchboard_set_greeting', { greeting })).toEqual({ status: 200, body: {} });
  expect((await config('add_auto_access', { access: { groups: [1] }, conditions: { url: { values: [{ value: '/kettles' }] } } })).status).toBe(200);

  // Max watches every visitor of his groups; a new customer (the widget's token) is announced to him, not on the website yet.
  const max = await agentLogin(urls.agent[0], acme.tokens.normal, 'online');
  const issued = await browserToken(firstCustomer, org);
  expect(issued.status).toBe(200);
  const token: Token = issued.body;
  const customerId = token.entity_id;
  expect((await max.nextPush('incoming_customer', (f) => f.payload.id === customerId, PUSH_WAIT_MS)).payload).toMatchObject({ id: customerId, online: false });
  // Sam watches every visitor too, but of group 2 (he logs in once the customer exists: a new customer is everyone's until a visit or chat gives it a group).
  const sam = await agentLogin(agentWeb, acme.tokens.other, 'online');

  // --- 1. Visitor monitoring: the visit in group 1, its pages, its end.
  const tab = await customerLogin(firstCustomer, org, token, { group_id: 1 });
  expect(tab.login.success).toBe(true);
  const visitId: string = (await tab.client.nextPush('customer_side_storage_updated', () => true, PUSH_WAIT_MS)).payload.customer_side_storage.visit_id;
  // The visit starts: Max hears the visitor arrive, on the website now, in group 1.
  const arrived = await max.nextPush('incoming_customer', (f) => f.payload.id === customerId, PUSH_WAIT_MS);
  expect(arrived.payload).toMatchObject({ id: customerId, type: 'customer', online: true, state: 'browsing', group_ids: [1], statistics: { visits_count: 1 } });
  const otherTab = await customerLogin(lastCustomer, org, token, { customer_side_storage: { visit_id: visitId } });
  expect(otherTab.login.success).toBe(true);
  expect(await tab.client.request('update_customer_page', { url: 'https://shop.example/kettles', title: 'Kettles' })).toMatchObject({ success: true, payload: {} });
  const kettles = await max.nextPush('customer_page_updated', (f) => f.payload.customer_id === customerId, PUSH_WAIT_MS);
  expect(kettles.payload).toEqual({ customer_id: customerId, visit_id: visitId, opened_at: expect.any(String), url: 'https://shop.example/kettles', title: 'Kettles' });

  // --- 2. Greetings: the pricing page matches the owner's rule; the router shows the greeting to the customer.
  expect(await otherTab.client.request('update_customer_page', { url: 'https://shop.example/pricing', title: 'Pricing' })).toMatchObject({ success: true });
  const pricing = await max.nextPush('customer_page_updated', (f) => f.payload.customer_id === customerId && f.payload.url.endsWith('/pricing'), PUSH_WAIT_MS);
  expect(pricing.payload).toMatchObject({ visit_id: visitId, title: 'Pricing' });
  const shown = await tab.client.nextPush('incoming_greeting', () => true, PUSH_WAIT_MS);
  const maxView = { id: maxId, type: 'agent', name: 'normal', avatar: expect.any(String), job_title: expect.any(String), is_bot: false };
  expect(shown.payload).toEqual(shownGreeting(1, 'Questions about prices?', maxView));
  await otherTab.client.nextPush('incoming_greeting', (f) => f.payload.unique_id === shown.payload.unique_id, PUSH_WAIT_MS);
  // A new login (a reload) shows the greeting still waiting for an answer.
  const reload = await customerLogin(lastCustomer, org, token);
  expect(reload.login.payload.greeting).toMatchObject({ id: 1, unique_id: shown.payload.unique_id, event: { text: 'Questions about prices?' } });
  expect(await reload.client.request('accept_greeting', { greeting_id: 1, unique_id: shown.payload.unique_id })).toMatchObject({ success: true, payload: {} });
  await tab.client.nextPush('greeting_accepted', (f) => f.payload.unique_id === shown.payload.unique_id, PUSH_WAIT_MS);
  reload.client.close();
  const answered = await customerLogin(firstCustomer, org, token);
  expect(answered.login.payload.greeting).toBeUndefined();
  expect(answered.login.payload.customer.statistics).toMatchObject({ visits_count: 1, page_views_count: 2, greetings_shown_count: 1, greetings_accepted_count: 1 });
  answered.client.close();

  // What the agent reads about the visit: its pages and the figures; list_customers finds the visitor by them.
  const viewed = (await agentApi(acme.tokens.normal, 'get_customer', { id: customerId })).body;
  expect(viewed).toMatchObject({
    id: customerId,
    online: true,
    group_ids: [1],
    statistics: { visits_count: 1, page_views_count: 2, greetings_shown_count: 1, greetings_accepted_count: 1 },
  });
  expect(viewed.last_visit.last_pages).toEqual([
    { opened_at: expect.any(String), url: 'https://shop.example/kettles', title: 'Kettles' },
    { opened_at: expect.any(String), url: 'https://shop.example/pricing', title: 'Pricing' },
  ]);
  const listed = async (filters: unknown) => ((await agentApi(acme.tokens.normal, 'list_customers', { filters, limit: 100 })).body.customers as Array<{ id: string }>).map((c) => c.id);
  expect(await listed({ visits_count: { eq: 1 } })).toContain(customerId);
  expect(await listed({ visits_count: { gt: 1 } })).not.toContain(customerId);

  // Every connection gone: after the grace period the visit keeper ends the visit and Max hears the customer left.
  for (const client of [tab.client, otherTab.client]) client.close();
  const left = await max.nextPush('customer_left', (f) => f.payload.id === customerId, VISIT_END_WAIT_MS);
  expect(Date.parse(left.payload.left_at)).toBeGreaterThan(Date.now() - 600_000);
  expect((await agentApi(acme.tokens.normal, 'get_customer', { id: customerId })).body.online).toBe(false);

  // The customer comes back (a new visit, two tabs): a returning visitor for Max.
  const back = await customerLogin(lastCustomer, org, token, { group_id: 1, customer_page: { url: 'https://shop.example/kettles/glass', title: 'Glass kettles' } });
  expect(back.login.payload.customer.statistics).toMatchObject({ visits_count: 2, page_views_count: 3 });
  const returning = await max.nextPush('incoming_customer', (f) => f.payload.id === customerId, PUSH_WAIT_MS);
  expect(returning.payload).toMatchObject({ id: customerId, online: true, group_ids: [1], statistics: { visits_count: 2 } });
  const backVisit: string = (await back.client.nextPush('customer_side_storage_updated', () => true, PUSH_WAIT_MS)).payload.customer_side_storage.visit_id;
  expect(backVisit).not.toBe(visitId);
  const backTab = await customerLogin(firstCustomer, org, token, { customer_side_storage: { visit_id: backVisit } });
  expect(await listed({ visits_count: { gte: 2 } })).toContain(customerId);

  // --- 4. Auto access: the kettle page matches the rule, so the customer's next chat is group 1's.
  const started = await customerApi(firstCustomer, token, 'start_chat', { chat: { thread: { events: [{ type: 'message', text: 'Is the glass one in stock?' }] } } });
  expect(started.status).toBe(200);
  const chatId: string = started.body.chat_id;
  expect((await customerApi(lastCustomer, token, 'get_chat', { chat_id: chatId })).body.access).toEqual({ group_ids: [1] });
  expect((await agentApi(acme.tokens.normal, 'get_chat', { chat_id: chatId })).status).toBe(200);
  expect((await agentApi(acme.tokens.other, 'get_chat', { chat_id: chatId })).body.error.type).toBe('not_found');
  const samChats = (await agentApi(acme.tokens.other, 'list_chats', {})).body.chats_summary as Array<{ id: string }>;
  expect(samChats.map((c) => c.id)).not.toContain(chatId);
  // Another visitor of group 1 on a page no rule matches chats in group 0, as without rules: the rule placed the chat, not the visit's group.
  const passer = await browserToken(lastCustomer, org);
  const passerTab = await customerLogin(lastCustomer, org, passer.body, { group_id: 1, customer_page: { url: 'https://shop.example/blog' } });
  const passerChat = await customerApi(lastCustomer, passer.body, 'start_chat', {});
  expect((await agentApi(acme.tokens.other, 'get_chat', { chat_id: passerChat.body.chat_id })).body.access).toEqual({ group_ids: [0] });
  passerTab.client.close();

  // --- 3. Max bans the chatting customer: both connections told why and closed, the chat archived, the customer refused.
  expect(await agentApi(acme.tokens.normal, 'ban_customer', { id: customerId, ban: { days: 1 } })).toEqual({ status: 200, body: {} });
  for (const client of [back.client, backTab.client]) {
    expect((await client.nextPush('customer_disconnected', () => true, PUSH_WAIT_MS)).payload).toEqual({ reason: 'customer_banned' });
    await client.closed;
  }
  expect((await max.nextPush('customer_banned', (f) => f.payload.customer_id === customerId, PUSH_WAIT_MS)).payload).toEqual({ customer_id: customerId, ban: { days: 1 } });
  const archived = (await agentApi(acme.tokens.normal, 'get_chat', { chat_id: chatId })).body;
  expect(archived.thread.active).toBe(false);
  expect(archived.thread.events.at(-1)).toMatchObject({ type: 'system_message', system_message_type: 'customer_banned', text: 'Chat archived because customer was banned by normal for 1 day(s)' });
  const refusal = { error: { type: 'customer_banned', message: 'Customer is banned' } };
  for (const url of urls.customer) {
    expect(await browserToken(url, org, issued.cookies)).toMatchObject({ status: 403, body: refusal });
    expect((await customerLogin(url, org, token)).login.payload).toEqual(refusal);
    expect(await customerApi(url, token, 'get_customer')).toEqual({ status: 403, body: refusal });
  }

  await checkNothingReachedSam(acme, agentApi, sam, customerId, chatId);
  for (const client of [max, sam]) client.close();
}

/** Sam (group 2) heard nothing of the customer of group 1, nor of its chat — shown once a later visitor reached him. */
async function checkNothingReachedSam(acme: Team, agentApi: (token: string, action: string, payload: unknown) => Promise<Reply>, sam: RtmClient, customerId: string, chatId: string): Promise<void> {
  const marker = (await agentApi(acme.owner, 'create_customer', { name: 'Marker' })).body.customer_id;
  await sam.nextPush('incoming_customer', (f) => f.payload.id === marker, PUSH_WAIT_MS);
  expect(aboutCustomer(sam, customerId)).toEqual([]);
  expect(aboutCustomer(sam, chatId)).toEqual([]);
}
