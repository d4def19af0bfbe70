import { callWeb, Frame, RtmClient } from '@switchboard/testing';
import { customerToken } from './conversation.scenario';
import { createTeam, Part, Team } from './identity.scenario';

/** Where each API is served; agents log in on the first agent gateway and act through the last. */
export interface CustomerUrls {
  configuration: string;
  customer: string;
  agent: string[];
}

type Reply = { status: number; body: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

const PUSH_WAIT_MS = 20_000;

/** An agent's RTM session at a customer monitoring level; resolves once `incoming_customers` arrived. */
async function agentLogin(url: string, token: string, level?: string): Promise<{ client: RtmClient; incoming: Frame }> {
  const client = await RtmClient.connect(url, 'agent');
  const login = await client.request('login', { token: `Bearer ${token}`, ...(level && { customer_monitoring_level: level }) });
  expect(login.success).toBe(true);
  return { client, incoming: await client.nextPush('incoming_customers', () => true, PUSH_WAIT_MS) };
}

async function customerLogin(url: string, organizationId: string, token: string): Promise<RtmClient> {
  const client = await RtmClient.connect(url, 'customer', organizationId);
  expect(await client.request('login', { token: `Bearer ${token}` })).toMatchObject({ success: true });
  return client;
}

/** Pushes of `action` about `customerId` a client got (and nobody waited for). */
const aboutCustomer = (client: RtmClient, customerId: string) =>
  client.pushes.filter((f) => [f.payload?.id, f.payload?.customer_id].includes(customerId) || f.payload?.customers?.some((c: { id: string }) => c.id === customerId));

/**
 * Customers as an agent app and a chat widget see them: creating, reading,
 * listing (every filter family, sort key and stable pages), updating (with
 * the system message in the active chat), the customer's own changes,
 * following, banning — each push to exactly the agents who may see the
 * customer at their monitoring level, and refusals that change nothing.
 */
export async function checkCustomers(urls: CustomerUrls, adminToken: string, name: string): Promise<void> {
  const acme = await createTeam(urls, adminToken, `${name}A`);
  const viaGateway = urls.agent[urls.agent.length - 1];
  const agentApi = (who: Part, action: string, payload: unknown, team: Team = acme): Promise<Reply> =>
    callWeb(viaGateway, 'agent', action, payload, { token: team.tokens[who] });
  const { normal: max, other: sam } = acme.ids;

  // Group 1 holds Max only: a chat there keeps its customer from Ada and Sam.
  const group = await callWeb(urls.configuration, 'configuration', 'create_group', { name: 'VIP', agent_priorities: { [max]: 'normal' } }, { token: acme.owner });
  expect(group.body).toEqual({ id: 1 });

  // Max watches every visitor; Ada too; Sam only his own (the first session's default).
  const maxRtm = await agentLogin(urls.agent[0], acme.tokens.normal, 'online');
  expect(maxRtm.incoming.payload).toEqual({ customer_monitoring_level: 'online', customers: [] });
  const adaRtm = await agentLogin(viaGateway, acme.tokens.admin, 'highest_available');
  const samRtm = await agentLogin(urls.agent[0], acme.tokens.other);
  expect(samRtm.incoming.payload.customer_monitoring_level).toBe('my');

  // --- create_customer: the id, and incoming_customer to the agents watching every visitor.
  const created = await agentApi('owner', 'create_customer', { name: 'Cate', email: 'cate@example.com', session_fields: [{ plan: 'gold' }, { seat: '12' }] });
  expect(created.status).toBe(200);
  const cate: string = created.body.customer_id;
  expect(cate).toMatch(/^[0-9a-f-]{36}$/);
  const incoming = await maxRtm.client.nextPush('incoming_customer', (f) => f.payload.id === cate, PUSH_WAIT_MS);
  expect(incoming.payload).toMatchObject({ id: cate, type: 'customer', name: 'Cate', email: 'cate@example.com', group_ids: [0], online: false });
  await adaRtm.client.nextPush('incoming_customer', (f) => f.payload.id === cate, PUSH_WAIT_MS);

  // --- get_customer: the agent view.
  const view = await agentApi('normal', 'get_customer', { id: cate });
  expect(view.status).toBe(200);
  expect(view.body).toEqual({
    id: cate,
    type: 'customer',
    name: 'Cate',
    email: 'cate@example.com',
    email_verified: false,
    session_fields: [{ plan: 'gold' }, { seat: '12' }],
    statistics: { chats_count: 0, threads_count: 0, visits_count: 0, page_views_count: 0, greetings_shown_count: 0, greetings_accepted_count: 0 },
    created_at: expect.any(String),
    followed: false,
    online: false,
    group_ids: [0],
  });
  expect((await agentApi('normal', 'get_customer', { id: '00000000-0000-4000-8000-000000000000' })).body.error.type).toBe('not_found');
  expect((await agentApi('normal', 'get_customer', {})).body.error.type).toBe('validation');

  // --- A widget's customer chats in group 1: the chat's figures show in the view.
  const widget = await customerToken(urls.customer, acme.organizationId);
  const vera = widget.entity_id;
  // A new visitor of group 0 at first: announced to those watching every visitor.
  await adaRtm.client.nextPush('incoming_customer', (f) => f.payload.id === vera, PUSH_WAIT_MS);
  const started = await callWeb(urls.customer, 'customer', 'start_chat', { chat: { access: { group_ids: [1] }, thread: { events: [{ type: 'message', text: 'Hi' }] } } }, { token: widget.access_token, organizationId: acme.organizationId });
  expect(started.status).toBe(200);
  const chatId: string = started.body.chat_id;
  const veraView = (await agentApi('normal', 'get_customer', { id: vera })).body;
  expect(veraView).toMatchObject({ id: vera, chat_ids: [chatId], statistics: { chats_count: 1, threads_count: 1 }, group_ids: [1], state: 'chatting' });
  expect(Date.parse(veraView.customer_last_event_created_at)).toBeGreaterThan(Date.now() - 600_000);
  expect(veraView.agent_last_event_created_at).toBeUndefined();
  const veraRtm = await customerLogin(urls.customer, acme.organizationId, widget.access_token);

  // --- update_customer by an agent: customer_updated with the changed fields to Max (group 1, chatting customer),
  // the customer's own push, and the system message in the active chat.
  const renamed = await agentApi('owner', 'update_customer', { id: vera, name: 'Vera', email: 'vera@example.com', avatar: 'https://example.com/v.png' });
  expect(renamed).toEqual({ status: 200, body: {} });
  const toMax = await maxRtm.client.nextPush('customer_updated', (f) => f.payload.id === vera, PUSH_WAIT_MS);
  expect(toMax.payload).toEqual({ id: vera, name: 'Vera', email: 'vera@example.com', avatar: 'https://example.com/v.png' });
  const toVera = await veraRtm.nextPush('customer_updated', () => true, PUSH_WAIT_MS);
  expect(toVera.payload).toEqual({ id: vera, name: 'Vera', email: 'vera@example.com', avatar: 'https://example.com/v.png' });
  const systemMessage = await veraRtm.nextPush('incoming_event', (f) => f.payload.event.type === 'system_message', PUSH_WAIT_MS);
  expect(systemMessage.payload.event).toMatchObject({ system_message_type: 'customer_updated', text: "Boss has changed customer's name to Vera and email to vera@example.com" });
  // Only the avatar: no system message (counted in the chat below).
  expect((await agentApi('owner', 'update_customer', { id: vera, avatar: 'https://example.com/v2.png' })).status).toBe(200);
  await maxRtm.client.nextPush('customer_updated', (f) => f.payload.id === vera && f.payload.avatar === 'https://example.com/v2.png', PUSH_WAIT_MS);

  // --- The customer's own changes, Web and RTM; the agent hears them too.
  const own = await callWeb(urls.customer, 'customer', 'update_customer', { name: 'Vera V.' }, { token: widget.access_token, organizationId: acme.organizationId });
  expect(own).toEqual({ status: 200, body: {} });
  await maxRtm.client.nextPush('customer_updated', (f) => f.payload.id === vera && f.payload.name === 'Vera V.', PUSH_WAIT_MS);
  expect(await veraRtm.request('set_customer_session_fields', { session_fields: [{ cart: '3 items' }] })).toMatchObject({ success: true, payload: {} });
  const fields = await maxRtm.client.nextPush('customer_updated', (f) => f.payload.id === vera && f.payload.session_fields, PUSH_WAIT_MS);
  expect(fields.payload).toEqual({ id: vera, session_fields: [{ cart: '3 items' }] });
  // Bad input: the spec's error, nothing changed.
  const tooMany = Array.from({ length: 101 }, (_, i) => ({ [`k${i}`]: 'v' }));
  const refusals = [
    await veraRtm.request('set_customer_session_fields', { session_fields: tooMany }),
    await veraRtm.request('set_customer_session_fields', { session_fields: [{ a: '1', b: '2' }] }),
    await veraRtm.request('update_customer', {}),
    await veraRtm.request('update_customer', { name: 'x'.repeat(181) }),
  ];
  for (const refusal of refusals) expect(refusal).toMatchObject({ success: false, payload: { error: { type: 'validation' } } });
  for (const [payload, type] of [
    [{ id: vera }, 'validation'],
    [{ id: vera, email: 'e'.repeat(300) }, 'validation'],
    [{ id: '00000000-0000-4000-8000-000000000000', name: 'Ghost' }, 'not_found'],
  ] as const) {
    expect((await agentApi('owner', 'update_customer', payload)).body.error.type).toBe(type);
  }
  expect((await agentApi('normal', 'get_customer', { id: vera })).body).toMatchObject({ name: 'Vera V.', session_fields: [{ cart: '3 items' }] });

  // Ada's gateway may be another process: a new visitor, announced to her, shows it has delivered everything before.
  const settled = async () => {
    const marker = (await agentApi('owner', 'create_customer', { name: 'Marker' })).body.customer_id;
    await adaRtm.client.nextPush('incoming_customer', (f) => f.payload.id === marker, PUSH_WAIT_MS);
  };

  // --- Visibility: Ada (not in group 1) heard nothing about Vera, only about Cate.
  await settled();
  expect(aboutCustomer(adaRtm.client, vera)).toEqual([]);
  expect(aboutCustomer(samRtm.client, vera)).toEqual([]);
  expect(aboutCustomer(samRtm.client, cate)).toEqual([]);

  // --- A chat moves to a group Max is not in: Max, who saw its customer through group 1 only, hears customer_transferred.
  expect((await callWeb(urls.configuration, 'configuration', 'create_group', { name: 'Export', agent_priorities: { [sam]: 'normal' } }, { token: acme.owner })).body).toEqual({ id: 2 });
  const tina = (await agentApi('owner', 'create_customer', { name: 'Tina' })).body.customer_id as string;
  const tinaChat = await agentApi('owner', 'start_chat', { chat: { users: [{ id: tina, type: 'customer' }], access: { group_ids: [1] } } });
  expect(tinaChat.status).toBe(200);
  expect((await agentApi('owner', 'send_event', { chat_id: tinaChat.body.chat_id, event: { type: 'message', text: 'Your order shipped' } })).status).toBe(200);
  const tinaView = (await agentApi('normal', 'get_customer', { id: tina })).body;
  expect(Date.parse(tinaView.agent_last_event_created_at)).toBeGreaterThan(Date.now() - 600_000);
  expect(tinaView.customer_last_event_created_at).toBeUndefined();
  // Sam follows Tina while she is out of his sight (group 1): nothing until her chat comes to his group 2.
  expect((await agentApi('other', 'follow_customer', { id: tina })).status).toBe(200);
  expect((await agentApi('owner', 'transfer_chat', { id: tinaChat.body.chat_id, target: { type: 'group', ids: [2] }, ignore_agents_availability: true })).status).toBe(200);
  const transferred = await maxRtm.client.nextPush('customer_transferred', (f) => f.payload.id === tina, PUSH_WAIT_MS);
  expect(transferred.payload).toEqual({ id: tina, transferred_to: { group_ids: [2] }, followed: false });
  const visibleAgain = await samRtm.client.nextPush('incoming_customer', (f) => f.payload.id === tina, PUSH_WAIT_MS);
  expect(visibleAgain.payload).toMatchObject({ id: tina, name: 'Tina', group_ids: [2], followed: true, state: 'chatting' });
  expect((await agentApi('normal', 'get_customer', { id: tina })).body.group_ids).toEqual([2]);
  // Ada never saw Tina's chat (group 1): nothing for her.
  await settled();
  expect(adaRtm.client.pushes.filter((f) => f.action === 'customer_transferred')).toEqual([]);

  // --- Following: Sam (level `my`) follows Cate and hears her changes; unfollowing tells his other connection.
  expect(await agentApi('other', 'follow_customer', { id: cate })).toEqual({ status: 200, body: {} });
  expect((await agentApi('other', 'get_customer', { id: cate })).body.followed).toBe(true);
  expect((await agentApi('normal', 'get_customer', { id: cate })).body.followed).toBe(false);
  expect((await agentApi('owner', 'update_customer', { id: cate, name: 'Cate B.' })).status).toBe(200);
  await samRtm.client.nextPush('customer_updated', (f) => f.payload.id === cate && f.payload.name === 'Cate B.', PUSH_WAIT_MS);
  const samSecond = await RtmClient.connect(viaGateway, 'agent');
  expect((await samSecond.request('login', { token: `Bearer ${acme.tokens.other}` })).success).toBe(true);
  expect(await samRtm.client.request('unfollow_customer', { id: cate })).toMatchObject({ success: true, payload: {} });
  expect((await samSecond.nextPush('customer_unfollowed', () => true, PUSH_WAIT_MS)).payload).toEqual({ id: cate });
  expect((await agentApi('other', 'get_customer', { id: cate })).body.followed).toBe(false);

  // --- list_customers.
  await checkListCustomers(agentApi, cate, vera, tina);

  // --- Another session of Max keeps his level; incoming_customers lists whom he monitors: Vera chatting in his group 1,
  // not Tina (her chat went to group 2) nor Cate (not on the website, not followed).
  const maxAgain = await agentLogin(viaGateway, acme.tokens.normal);
  expect(maxAgain.incoming.payload.customer_monitoring_level).toBe('online');
  expect(maxAgain.incoming.payload.customers.map((c: { id: string }) => c.id)).toEqual([vera]);
  expect(maxAgain.incoming.payload.customers[0]).toMatchObject({ id: vera, name: 'Vera V.', state: 'chatting', group_ids: [1] });
  maxAgain.client.close();

  // --- ban_customer: the push, the chat archived with the system message, the customer refused.
  expect((await agentApi('owner', 'ban_customer', { id: vera, ban: { days: 0 } })).body.error.type).toBe('validation');
  expect((await agentApi('owner', 'ban_customer', { id: vera })).body.error.type).toBe('validation');
  expect(await agentApi('owner', 'ban_customer', { id: vera, ban: { days: 3 } })).toEqual({ status: 200, body: {} });
  const banned = await maxRtm.client.nextPush('customer_banned', (f) => f.payload.customer_id === vera, PUSH_WAIT_MS);
  expect(banned.payload).toEqual({ customer_id: vera, ban: { days: 3 } });
  const chat = (await agentApi('owner', 'get_chat', { chat_id: chatId })).body;
  expect(chat.thread.active).toBe(false);
  const lastEvent = chat.thread.events[chat.thread.events.length - 1];
  expect(lastEvent).toMatchObject({ type: 'system_message', system_message_type: 'customer_banned', text: 'Chat archived because customer was banned by Boss for 3 day(s)' });
  // Name and e-mail changed once by an agent (the avatar alone and the customer's own changes write none).
  expect(chat.thread.events.filter((e: { system_message_type?: string }) => e.system_message_type === 'customer_updated')).toHaveLength(1);
  await settled();
  expect(aboutCustomer(adaRtm.client, vera)).toEqual([]);
  const refused = await callWeb(urls.customer, 'customer', 'set_customer_session_fields', { session_fields: [{ x: 'y' }] }, { token: widget.access_token, organizationId: acme.organizationId });
  expect(refused.body.error?.type).toBe('customer_banned');

  for (const client of [maxRtm.client, adaRtm.client, samRtm.client, samSecond, veraRtm]) client.close();
}

/**
 * Every filter family and sort key of data-structures §9.5, `limit`, and page
 * ids that remember the query and stay stable while customers are created.
 */
async function checkListCustomers(agentApi: (who: Part, action: string, payload: unknown) => Promise<Reply>, cate: string, vera: string, tina: string): Promise<void> {
  const list = async (payload: unknown) => {
    const reply = await agentApi('normal', 'list_customers', payload);
    expect(reply.status).toBe(200);
    return reply.body;
  };
  const ids = (page: { customers: Array<{ id: string }> }) => page.customers.map((c) => c.id);
  const made: string[] = [];
  for (let i = 0; i < 12; i++) made.push((await agentApi('owner', 'create_customer', { name: `Lister ${i}`, email: `l${i}@example.com` })).body.customer_id);
  const everyone = await list({ limit: 100 });
  // Newest first by default; the widget's own customer and the created ones.
  expect(ids(everyone).slice(0, 12)).toEqual([...made].reverse());
  expect(everyone.total_customers).toBe(everyone.customers.length);
  expect(everyone.next_page_id).toBeUndefined();

  // Pages of 5, oldest first: a customer created between pages neither repeats nor hides one.
  const first = await list({ limit: 5, sort_order: 'asc', filters: { name: { values: made.map((_, i) => `Lister ${i}`) } } });
  expect(ids(first)).toEqual(made.slice(0, 5));
  expect(first.total_customers).toBe(12);
  expect(first.previous_page_id).toBeUndefined();
  const extra = (await agentApi('owner', 'create_customer', { name: 'Lister 0' })).body.customer_id;
  const second = await list({ page_id: first.next_page_id });
  expect(ids(second)).toEqual(made.slice(5, 10));
  const third = await list({ page_id: second.next_page_id });
  expect(ids(third)).toEqual([...made.slice(10), extra]);
  expect(third.next_page_id).toBeUndefined();
  const back = await list({ page_id: second.previous_page_id });
  expect(ids(back)).toEqual(made.slice(0, 5));
  // Newest first, a new customer lands before the first page: the next page neither repeats a row (as OFFSET would) nor skips one.
  const named = { name: { values: made.map((_, i) => `Lister ${i}`) } };
  const newest = await list({ limit: 5, filters: named });
  expect(ids(newest)).toEqual([extra, ...[...made].reverse().slice(0, 4)]);
  const latest = (await agentApi('owner', 'create_customer', { name: 'Lister 1' })).body.customer_id;
  const older = await list({ page_id: newest.next_page_id });
  expect(ids(older)).toEqual([...made].reverse().slice(4, 9));
  expect(older.total_customers).toBe(14);
  const newer = await list({ page_id: older.previous_page_id });
  expect(ids(newer)).toEqual(ids(newest));
  expect((await list({ page_id: newer.previous_page_id })).customers.map((c: { id: string }) => c.id)).toEqual([latest]);
  // A page id takes nothing else; a forged one is refused.
  for (const payload of [{ page_id: first.next_page_id, limit: 5 }, { page_id: first.next_page_id, sort_order: 'desc' }, { page_id: first.next_page_id, filters: {} }, { page_id: 'forged.x' }]) {
    expect((await agentApi('normal', 'list_customers', payload)).body.error.type).toBe('validation');
  }
  for (const payload of [{ limit: 101 }, { limit: 0 }, { sort_by: 'name' }, { filters: { chat_group_ids: { values: Array.from({ length: 41 }, (_, i) => i) } } }, { filters: { name: {} } }, { filters: { created_at: { gt: 'yesterday' } } }]) {
    expect((await agentApi('normal', 'list_customers', payload)).body.error.type).toBe('validation');
  }
  // Default page size 10.
  expect((await list({})).customers).toHaveLength(10);

  // Filters.
  expect(ids(await list({ filters: { email: { values: ['l3@example.com'] } } }))).toEqual([made[3]]);
  expect(ids(await list({ filters: { customer_id: { values: [cate, vera] } } })).sort()).toEqual([cate, vera].sort());
  const withoutCate = await list({ limit: 100, filters: { customer_id: { exclude_values: [cate] } } });
  expect(ids(withoutCate)).not.toContain(cate);
  expect(withoutCate.total_customers).toBe(everyone.total_customers + 1); // `extra` and `latest` came, Cate went
  expect(ids(await list({ filters: { include_customers_without_chats: false } }))).toEqual([tina, vera]);
  expect(ids(await list({ filters: { chat_group_ids: { values: [1] } } }))).toEqual([vera]);
  expect(ids(await list({ filters: { threads_count: { gte: 1 } } }))).toEqual([tina, vera]);
  expect(ids(await list({ filters: { chat_group_ids: { exclude_values: [0, 1] }, chats_count: { gt: 0 } } }))).toEqual([tina]);
  expect(ids(await list({ filters: { chats_count: { eq: 0 }, name: { values: ['Lister 2'] } } }))).toEqual([made[2]]);
  // Customers who logged in over RTM started a visit (ADR 0031); those only created by agents never did.
  const visited = await list({ limit: 100, filters: { visits_count: { gt: 0 } } });
  expect(visited.customers.length).toBeGreaterThan(0);
  for (const customer of visited.customers) expect(customer.statistics.visits_count).toBeGreaterThan(0);
  expect(ids(visited)).not.toEqual(expect.arrayContaining([made[0]]));
  expect(ids(await list({ filters: { customer_last_event_created_at: { gte: '2000-01-01T00:00:00Z' } } }))).toEqual([vera]);
  expect(ids(await list({ filters: { agent_last_event_created_at: { lt: '2999-01-01T00:00:00Z' } } }))).toEqual([tina]);
  expect(ids(await list({ sort_by: 'agent_last_event', limit: 1 }))).toEqual([tina]);
  const since = (await agentApi('normal', 'get_customer', { id: made[10] })).body.created_at;
  expect(ids(await list({ sort_order: 'asc', filters: { created_at: { gte: since }, name: { exclude_values: ['Lister 0', 'Lister 1'] } } }))).toEqual([made[10], made[11]]);

  // Sort keys: the customers with chats lead by threads (ties: newest first), the one who wrote by the customer's last event.
  expect(ids(await list({ sort_by: 'threads_count', limit: 2 }))).toEqual([tina, vera]);
  expect(ids(await list({ sort_by: 'customer_last_event', limit: 1 }))).toEqual([vera]);
  const byVisits = await list({ sort_by: 'visits_count', sort_order: 'asc', limit: 3 });
  expect(byVisits.customers.map((c: { created_at: string }) => c.created_at)).toEqual([...byVisits.customers.map((c: { created_at: string }) => c.created_at)].sort());
  const byAgent = await list({ sort_by: 'agent_last_event', limit: 2, filters: { name: { values: ['Lister 4', 'Lister 5', 'Lister 6'] } } });
  expect(ids(byAgent)).toEqual([made[6], made[5]]);
  expect(ids(await list({ page_id: byAgent.next_page_id }))).toEqual([made[4]]);
}
