import { callWeb, Frame, RtmClient, waitFor } from '@switchboard/testing';
import { customerToken } from './conversation.scenario';
import { createTeam, IdentityUrls } from './identity.scenario';

/** Where each API is served (one URL for all in the embedded mode); customers use the first and the last customer gateway. */
export interface SelfServiceUrls extends IdentityUrls {
  customer: string[];
}

type Token = Awaited<ReturnType<typeof customerToken>>;

/** A customer's RTM connection, logged in with `login`'s payload (the token added). */
export async function customerLogin(url: string, organizationId: string, token: Token, payload: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const client = await RtmClient.connect(url, 'customer', organizationId, { headers });
  const login = await client.request('login', { token: `Bearer ${token.access_token}`, ...payload }, 20_000);
  return { client, login };
}

const statistics = (login: Frame) => login.payload.customer.statistics as Record<string, number>;

/**
 * A widget's customer looking after itself (ADR 0031): `login` with the
 * profile, page and details it reports answers the initial state; the visit
 * it starts is kept across a second tab on another gateway, its id handed to
 * the widget's side storage; pages are recorded; the auto access rule
 * matching the page the customer is on presets their next chat's access
 * (an explicit access wins); bad input is refused and changes nothing; and
 * once the customer's last connection is gone the visit ends — the next login
 * starts a new one.
 */
export async function checkSelfService(
  urls: SelfServiceUrls,
  adminToken: string,
  name: string,
  /** Where the mode lets the test read the customers read model: the customer's recorded state. */
  inspect?: (organizationId: string, customerId: string) => Promise<any>, // eslint-disable-line @typescript-eslint/no-explicit-any
): Promise<void> {
  const acme = await createTeam(urls, adminToken, name);
  const org = acme.organizationId;
  const [first, last] = [urls.customer[0], urls.customer[urls.customer.length - 1]];
  const config = (action: string, payload: unknown) => callWeb(urls.configuration, 'configuration', action, payload, { token: acme.owner });
  expect((await config('create_group', { name: 'Sales', agent_priorities: { [acme.ids.normal]: 'normal' } })).body).toEqual({ id: 1 });
  expect((await config('add_auto_access', { access: { groups: [1] }, conditions: { url: { values: [{ value: '/pricing' }] } } })).status).toBe(200);
  const customerApi = (url: string, token: Token, action: string, payload: unknown = {}) =>
    callWeb(url, 'customer', action, payload, { token: token.access_token, organizationId: org });

  // A new customer knows nothing about themselves yet.
  const cate = await customerToken(first, org);
  expect(await customerApi(last, cate, 'get_customer')).toEqual({ status: 200, body: { id: cate.entity_id, type: 'customer' } });

  // Login applies what the widget reports and answers the initial state.
  const tab = await customerLogin(first, org, cate, {
    customer: { name: 'Cate', email: 'cate@example.com', session_fields: [{ plan: 'gold' }] },
    customer_page: { url: 'https://shop.example/home', title: 'Home' },
    referrer: 'https://search.example/?q=kettles',
    group_id: 1,
    is_mobile: false,
    application: { name: 'Widget', version: '1.0', channel_type: 'code' },
  }, { 'User-Agent': 'Kettle Browser/1.0' });
  expect(tab.login.success).toBe(true);
  expect(tab.login.payload).toEqual({
    customer: {
      id: cate.entity_id,
      type: 'customer',
      name: 'Cate',
      email: 'cate@example.com',
      session_fields: [{ plan: 'gold' }],
      statistics: { chats_count: 0, threads_count: 0, visits_count: 1, page_views_count: 1, greetings_shown_count: 0, greetings_accepted_count: 0 },
    },
    has_active_thread: false,
    chats: [],
    // Nobody accepts chats: no online groups; the customer is watched in the group it asked for.
    __priv_dynamic_config: { customer_groups: { monitoring: { id: 1 } } },
  });
  // The visit's id goes to the widget's side storage.
  const stored = await tab.client.nextPush('customer_side_storage_updated', () => true, 20_000);
  const visitId: string = stored.payload.customer_side_storage.visit_id;
  expect(stored.payload).toEqual({ customer_side_storage: { visit_id: expect.any(String) } });
  expect(await customerApi(last, cate, 'get_customer')).toEqual({
    status: 200,
    body: { id: cate.entity_id, type: 'customer', name: 'Cate', email: 'cate@example.com', session_fields: [{ plan: 'gold' }] },
  });

  // A second tab, on another gateway, with the side storage: the same visit.
  const second = await customerLogin(last, org, cate, { customer_side_storage: { visit_id: visitId } });
  expect(statistics(second.login)).toMatchObject({ visits_count: 1, page_views_count: 1 });

  // Pages: recorded on the visit; bad input refused and nothing recorded; RTM only.
  expect((await second.client.request('update_customer_page', { url: 'https://shop.example/pricing', title: 'Pricing' })).payload).toEqual({});
  expect((await second.client.request('update_customer_page', {})).payload.error).toEqual({ type: 'validation', message: 'url: Required' });
  expect((await second.client.request('update_customer_page', { url: 'x'.repeat(2049) })).payload.error.type).toBe('validation');
  expect((await second.client.request('update_customer_page', { url: 5 })).payload.error.type).toBe('validation');
  expect((await customerApi(last, cate, 'update_customer_page', { url: 'https://shop.example/' })).body.error.type).toBe('validation');
  expect((await tab.client.request('get_customer', {})).payload).toMatchObject({ id: cate.entity_id, name: 'Cate' });

  // The page the customer is on now matches the rule: their next chat is open to its group.
  const started = await customerApi(first, cate, 'start_chat', { chat: { thread: { events: [{ type: 'message', text: 'Prices?' }] } } });
  expect(started.status).toBe(200);
  expect((await customerApi(last, cate, 'get_chat', { chat_id: started.body.chat_id })).body.access).toEqual({ group_ids: [1] });

  // An explicit access wins over the rule; a page no rule matches keeps the default.
  const dan = await customerToken(first, org);
  const danTab = await customerLogin(last, org, dan, { customer_page: { url: 'https://shop.example/pricing' } });
  const danChat = await customerApi(first, dan, 'start_chat', { chat: { access: { group_ids: [0] } } });
  expect((await customerApi(first, dan, 'get_chat', { chat_id: danChat.body.chat_id })).body.access).toEqual({ group_ids: [0] });
  const eve = await customerToken(first, org);
  const eveTab = await customerLogin(first, org, eve, { customer_page: { url: 'https://shop.example/blog' } });
  const eveChat = await customerApi(first, eve, 'start_chat', {});
  expect((await customerApi(first, eve, 'get_chat', { chat_id: eveChat.body.chat_id })).body.access).toEqual({ group_ids: [0] });

  // A third tab sees the chat and both pages of the one visit.
  const third = await customerLogin(first, org, cate, { customer_side_storage: { visit_id: visitId } });
  expect(third.login.payload).toMatchObject({ has_active_thread: true, chats: [{ chat_id: started.body.chat_id, has_unread_events: false }] });
  expect(statistics(third.login)).toMatchObject({ chats_count: 1, threads_count: 1, visits_count: 1, page_views_count: 2 });

  // The visit as recorded: where the customer came from, their browser and address, the pages in order.
  if (inspect) {
    expect((await inspect(org, cate.entity_id)).last_visit).toEqual({
      id: visitId,
      started_at: expect.any(String),
      referrer: 'https://search.example/?q=kettles',
      ip: expect.stringMatching(/^(::ffff:)?127\.0\.0\.1$/),
      user_agent: 'Kettle Browser/1.0',
      group_id: 1,
      last_pages: [
        { opened_at: expect.any(String), url: 'https://shop.example/home', title: 'Home' },
        { opened_at: expect.any(String), url: 'https://shop.example/pricing', title: 'Pricing' },
      ],
    });
  }

  // Bad login input: refused, and no session (a request still asks to log in).
  const refused = await RtmClient.connect(first, 'customer', org);
  const badPage = await refused.request('login', { token: `Bearer ${cate.access_token}`, customer_page: { url: '' } });
  expect(badPage.payload.error).toEqual({ type: 'validation', message: 'customer_page.url: must not be empty' });
  expect((await refused.request('login', { token: `Bearer ${cate.access_token}`, group_id: -1 })).payload.error.type).toBe('validation');
  expect((await refused.request('get_customer', {})).payload.error.type).toBe('authentication');
  refused.close();

  // Every connection gone: once the grace period is over the visit ends, and the next login starts another.
  for (const client of [tab.client, second.client, third.client, danTab.client, eveTab.client]) client.close();
  await waitFor(
    async () => {
      const again = await customerLogin(last, org, cate);
      again.client.close();
      return statistics(again.login).visits_count === 2;
    },
    90_000,
    7_000,
  );
}

/** The customer's token endpoint as a browser calls it: with the cookies it was given, which re-identify the customer. */
export async function browserToken(url: string, organizationId: string, cookies?: string) {
  const response = await fetch(`${url}/customer/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(cookies && { Cookie: cookies }) },
    body: JSON.stringify({ grant_type: 'cookie', organization_id: organizationId }),
  });
  const cookieHeader = response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return { status: response.status, body: (await response.json()) as any, cookies: cookieHeader }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/**
 * A ban (routing.md §8) seen from the customer's side: every session of the
 * banned customer, on every customer gateway, is told `customer_disconnected`
 * with reason `customer_banned` and closed at once; meanwhile the token
 * endpoint, RTM login and every Customer Chat API request answer
 * `customer_banned` — and another customer of the organization is untouched.
 * The owner bans the customer with the Agent Chat API's `ban_customer`.
 */
export async function checkBanOnTheCustomerSide(urls: SelfServiceUrls, adminToken: string, name: string): Promise<void> {
  const acme = await createTeam(urls, adminToken, name);
  const org = acme.organizationId;
  const issued = await browserToken(urls.customer[0], org);
  expect(issued.status).toBe(200);
  const token: Token = issued.body;
  const bystander = await customerToken(urls.customer[0], org);
  const sessions = await Promise.all(urls.customer.map((url) => customerLogin(url, org, token, { customer_page: { url: 'https://shop.example/' } })));
  sessions.forEach((s) => expect(s.login.success).toBe(true));
  const other = await customerLogin(urls.customer[urls.customer.length - 1], org, bystander);
  const started = await callWeb(urls.customer[0], 'customer', 'start_chat', {}, { token: token.access_token, organizationId: org });
  expect(started.status).toBe(200);

  const banned = await callWeb(urls.agent[urls.agent.length - 1], 'agent', 'ban_customer', { id: token.entity_id, ban: { days: 1 } }, { token: acme.owner });
  expect(banned).toEqual({ status: 200, body: {} });

  // Every session, on every gateway, told why and closed.
  for (const { client } of sessions) {
    const push = await client.nextPush('customer_disconnected', () => true, 30_000);
    expect(push.payload).toEqual({ reason: 'customer_banned' });
    await client.closed;
  }
  // Nothing works for the banned customer during the ban.
  const refusal = { error: { type: 'customer_banned', message: 'Customer is banned' } };
  for (const url of urls.customer) {
    expect(await browserToken(url, org, issued.cookies)).toMatchObject({ status: 403, body: refusal });
    for (const [action, payload] of [['get_customer', {}], ['start_chat', {}], ['list_chats', {}], ['send_event', { chat_id: started.body.chat_id, event: { type: 'message', text: 'hi' } }]] as const) {
      expect(await callWeb(url, 'customer', action, payload, { token: token.access_token, organizationId: org })).toEqual({ status: 403, body: refusal });
    }
    const again = await customerLogin(url, org, token);
    expect(again.login.payload).toEqual(refusal);
    again.client.close();
  }
  // The organization's other customer carries on.
  expect((await other.client.request('get_customer', {})).payload).toEqual({ id: bystander.entity_id, type: 'customer' });
  expect((await callWeb(urls.customer[0], 'customer', 'get_customer', {}, { token: bystander.access_token, organizationId: org })).status).toBe(200);
  other.client.close();
}
