import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { callWeb, pngImage, RtmClient } from '@switchboard/testing';
import { customerToken } from './conversation.scenario';
import { createTeam } from './identity.scenario';

/** Where each API is served (one URL for all in the embedded mode). */
export interface SessionUrls {
  configuration: string;
  /** A customer gateway allowed to fetch private addresses (URL_INFO_ALLOW_PRIVATE=1). */
  customer: string;
  /** A customer gateway with the default address policy, when the mode has one. */
  guardedCustomer?: string;
  /** Agent gateways: agents log in on the first; Web requests go to the last. */
  agent: string[];
}

const PREVIEW = `<!doctype html><html><head><title>Fallback</title>
  <meta property="og:title" content="Kettle &amp; stand"><meta property="og:description" content="Boils fast">
  <meta property="og:image" content="/kettle.png"><meta property="og:image:width" content="1200"><meta property="og:image:height" content="630">
</head><body>…</body></html>`;

/** The kettle page's image really is 240×126, whatever its og:image:width/height say: `get_url_info` measures it. */
export const KETTLE_IMAGE = { width: 240, height: 126 };
const KETTLE_PNG = pngImage(KETTLE_IMAGE.width, KETTLE_IMAGE.height);

/** A web page for `get_url_info`, served from this test process on loopback. */
export async function startPageServer(): Promise<{ base: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    if (req.url === '/kettle') return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PREVIEW);
    if (req.url === '/kettle.png') return void res.writeHead(200, { 'content-type': 'image/png' }).end(KETTLE_PNG);
    if (req.url === '/moved') return void res.writeHead(302, { location: '/kettle' }).end();
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * An agent's RTM session as LiveChat clients use it: the initial state of
 * `login` (license, profile, the chats it is in — none of another
 * organization's), only the pushes it asked for, mobile notifications, and
 * going away on every connection; bad input gets its error and changes
 * nothing. Then a customer's link preview (`get_url_info`) over both
 * transports, and its refusal of a loopback address where the policy is the default.
 */
export async function checkAgentSession(urls: SessionUrls, adminToken: string, name: string, pageBase: string): Promise<void> {
  const acme = await createTeam(urls, adminToken, `${name}A`);
  const other = await createTeam(urls, adminToken, `${name}B`);
  const agentWeb = urls.agent[urls.agent.length - 1];
  const agentApi = (action: string, payload: unknown, token = acme.tokens.normal) => callWeb(agentWeb, 'agent', action, payload, { token });

  // A chat the agent is in, with a message.
  const started = await agentApi('start_chat', { chat: { thread: { events: [{ type: 'message', text: 'Note to self', visibility: 'all' }] } } });
  expect(started.status).toBe(200);
  const chatId: string = started.body.chat_id;

  // Login: the license, the agent's profile and the summary of its chats.
  const main = await RtmClient.connect(urls.agent[0], 'agent');
  const login = await main.request('login', { token: `Bearer ${acme.tokens.normal}`, timezone: 'Europe/Warsaw', application: { name: 'Test', version: '1' } });
  expect(login.success).toBe(true);
  const { license, my_profile: profile, chats_summary: summaries } = login.payload;
  expect(license).toMatchObject({ organization_id: acme.organizationId, plan: 'enterprise', in_trial: false });
  expect(license.id).toMatch(/^[1-9][0-9]{8}$/);
  expect(Number.isInteger(license.expiration_timestamp) && Number.isInteger(license.creation_timestamp)).toBe(true);
  expect(profile).toEqual({
    id: acme.ids.normal,
    type: 'agent',
    name: 'normal',
    email: acme.ids.normal,
    present: true,
    routing_status: 'not_accepting_chats',
    permission: 'normal',
  });
  expect(summaries).toHaveLength(1);
  const [summary] = summaries;
  expect(summary).toMatchObject({ id: chatId, access: expect.any(Object), properties: expect.any(Object) });
  expect(summary.users.map((u: { id: string }) => u.id)).toEqual([acme.ids.normal]);
  expect(summary.last_thread_summary).toMatchObject({ id: started.body.thread_id, active: true, user_ids: [acme.ids.normal] });
  expect(summary.last_thread_summary.created_at).toEqual(expect.any(String));
  expect(summary.last_event_per_type.message).toMatchObject({
    thread_id: started.body.thread_id,
    thread_created_at: summary.last_thread_summary.created_at,
    event: { type: 'message', text: 'Note to self', author_id: acme.ids.normal },
  });

  // The other organization's agent sees none of it.
  const stranger = await RtmClient.connect(urls.agent[0], 'agent');
  const strangerLogin = await stranger.request('login', { token: `Bearer ${other.tokens.normal}` });
  expect(strangerLogin.payload.license.organization_id).toBe(other.organizationId);
  expect(strangerLogin.payload.chats_summary).toEqual([]);

  // Bad pushes: the spec's error, and the agent stays offline (no session, no status).
  const refused = await RtmClient.connect(urls.agent[0], 'agent');
  const unknownPush = await refused.request('login', { token: `Bearer ${acme.tokens.other}`, pushes: { '3.4': ['incoming_greeting'] } });
  expect(unknownPush.payload.error).toEqual({ type: 'validation', message: 'pushes.3.4: incoming_greeting is not a push of the Agent Chat API' });
  const oldVersion = await refused.request('login', { token: `Bearer ${acme.tokens.other}`, pushes: { '3.3': ['incoming_chat'] } });
  expect(oldVersion.payload.error.type).toBe('unsupported_version');
  const notAList = await refused.request('login', { token: `Bearer ${acme.tokens.other}`, pushes: { '3.4': 'all' } });
  expect(notAList.payload.error.type).toBe('validation');
  expect((await refused.request('set_away_status', { away: true })).payload.error.type).toBe('authentication');
  const statuses = async () => (await agentApi('list_routing_statuses', {}, acme.tokens.admin)).body as Array<{ agent_id: string; status: string }>;
  expect((await statuses()).find((s) => s.agent_id === acme.ids.other)?.status).toBe('offline');

  // The same connection may log in after all: `away` starts it not accepting chats.
  const away = await refused.request('login', { token: `Bearer ${acme.tokens.other}`, away: true, pushes: { '3.4': [] } });
  expect(away.payload.my_profile.routing_status).toBe('not_accepting_chats');

  // A second connection of the agent, on the other gateway where there are two, asks for routing statuses only.
  const filtered = await RtmClient.connect(agentWeb, 'agent');
  const filteredLogin = await filtered.request('login', {
    token: `Bearer ${acme.tokens.normal}`,
    pushes: { '3.4': ['routing_status_set'], '3.5': ['events_marked_as_seen'] },
    push_notifications: { platform: 'android', firebase_token: 'fcm-1' },
  });
  expect(filteredLogin.success).toBe(true);
  const sent = await agentApi('send_event', { chat_id: chatId, event: { type: 'message', text: 'Second note', visibility: 'all' } });
  expect(sent.status).toBe(200);
  expect((await main.nextPush('incoming_event', (f) => f.payload.event.id === sent.body.event_id)).payload.chat_id).toBe(chatId);
  const accepting = await agentApi('set_routing_status', { status: 'accepting_chats' });
  expect(accepting.status).toBe(200);
  await filtered.nextPush('routing_status_set', (f) => f.payload.status === 'accepting_chats');
  await main.nextPush('routing_status_set', (f) => f.payload.status === 'accepting_chats');
  // Pushes of one organization arrive in order: the event came before the status (taken above), and the filter kept it away.
  // (Only statuses pass the filter: on a loaded machine the fan-out may still bring ones set before this login.)
  expect(filtered.pushes.filter((f) => f.action !== 'routing_status_set')).toEqual([]);
  // The agent that asked for no push at all heard nothing either.
  expect(refused.pushes).toEqual([]);

  // Mobile notifications: RTM only, with the spec's parameters.
  const mobile = await filtered.request('change_push_notifications', { firebase_token: 'fcm-2', platform: 'ios', enabled: false });
  expect(mobile).toMatchObject({ success: true, payload: {} });
  expect((await filtered.request('change_push_notifications', { firebase_token: 'fcm-2', enabled: true })).payload.error).toEqual({
    type: 'validation',
    message: 'platform: Required',
  });
  expect((await agentApi('change_push_notifications', { firebase_token: 'fcm-2', platform: 'ios', enabled: true })).body.error.type).toBe('validation');

  // Away: one connection of two changes nothing; when both are away the agent stops accepting chats.
  expect((await main.request('set_away_status', { away: 'yes' })).payload.error).toEqual({ type: 'validation', message: 'away: Invalid input: expected boolean, received string' });
  expect((await agentApi('set_away_status', { away: true })).body.error.type).toBe('validation');
  expect(await main.request('set_away_status', { away: true })).toMatchObject({ success: true, payload: {} });
  expect((await statuses()).find((s) => s.agent_id === acme.ids.normal)?.status).toBe('accepting_chats');
  const lastAway = await filtered.request('set_away_status', { away: true });
  expect(lastAway).toMatchObject({ success: true, payload: {} });
  const autoAway = await filtered.nextPush('routing_status_set', (f) => f.payload.status === 'not_accepting_chats' && f.request_id === lastAway.request_id);
  expect(autoAway.payload).toEqual({ agent_id: acme.ids.normal, status: 'not_accepting_chats' });
  await main.nextPush('routing_status_set', (f) => f.payload.status === 'not_accepting_chats' && f.request_id === undefined);
  // Back: the status is the client's to set again.
  expect(await filtered.request('set_away_status', { away: false })).toMatchObject({ success: true, payload: {} });
  expect((await statuses()).find((s) => s.agent_id === acme.ids.normal)?.status).toBe('not_accepting_chats');

  for (const client of [main, stranger, refused, filtered]) client.close();

  await checkUrlInfo(urls, acme.organizationId, pageBase);
}

async function checkUrlInfo(urls: SessionUrls, organizationId: string, pageBase: string): Promise<void> {
  const customer = await customerToken(urls.customer, organizationId);
  const customerApi = (url: string, payload: unknown, token = customer.access_token) =>
    callWeb(url, 'customer', 'get_url_info', payload, { token, organizationId });
  const expected = {
    url: `${pageBase}/kettle`,
    title: 'Kettle & stand',
    description: 'Boils fast',
    image_url: `${pageBase}/kettle.png`,
    image_original_url: `${pageBase}/kettle.png`,
    image_width: KETTLE_IMAGE.width,
    image_height: KETTLE_IMAGE.height,
  };

  // Web, after a redirect.
  expect(await customerApi(urls.customer, { url: `${pageBase}/moved` })).toEqual({ status: 200, body: expected });
  // RTM.
  const rtm = await RtmClient.connect(urls.customer, 'customer', organizationId);
  expect((await rtm.request('login', { token: `Bearer ${customer.access_token}` })).success).toBe(true);
  expect((await rtm.request('get_url_info', { url: `${pageBase}/kettle` })).payload).toEqual(expected);
  // Bad input and unreadable pages.
  expect((await rtm.request('get_url_info', {})).payload.error).toEqual({ type: 'validation', message: 'url: Required' });
  expect((await rtm.request('get_url_info', { url: 'file:///etc/passwd' })).payload.error).toEqual({ type: 'validation', message: 'url: must be an http or https URL' });
  expect((await rtm.request('get_url_info', { url: `${pageBase}/gone` })).payload.error).toEqual({ type: 'not_found', message: 'Could not read the page: HTTP status 404' });
  rtm.close();
  // Customers only: a token is needed.
  expect((await customerApi(urls.customer, { url: `${pageBase}/kettle` }, '')).body.error.type).toBe('authentication');

  // With the default policy, loopback is refused.
  if (urls.guardedCustomer) {
    const guarded = await customerApi(urls.guardedCustomer, { url: `${pageBase}/kettle` });
    expect(guarded).toEqual({ status: 400, body: { error: { type: 'validation', message: 'url: 127.0.0.1 is a private, loopback or link-local address' } } });
    const byName = await customerApi(urls.guardedCustomer, { url: pageBase.replace('127.0.0.1', 'localhost') + '/kettle' });
    expect(byName.body.error).toEqual({ type: 'validation', message: 'url: localhost resolves to a private, loopback or link-local address' });
  }
}
