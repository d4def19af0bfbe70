import { callWeb, RtmClient, waitFor } from '@switchboard/testing';
import { customerToken } from './conversation.scenario';
import { createTeam, post, rtmLogin } from './identity.scenario';

/** Where each API is served (one URL for all in the embedded mode). */
export interface BotUrls {
  configuration: string;
  customer: string;
  /** Agent gateways: agents listen on the first; requests go to the last. */
  agent: string[];
}

const BOT_ID = /^[0-9a-f]{32}$/;

/**
 * Bots as an integrator's application manages them over the Configuration Web
 * API, and acting as one over the Agent Chat API (Web `X-Author-Id`, RTM
 * `author_id`): a bot takes a chat and writes to the customer. Refusals on the
 * way change nothing; another application, another organization and a
 * deleted bot cannot act.
 */
export async function checkBots(urls: BotUrls, adminToken: string, name: string): Promise<void> {
  const acme = await createTeam(urls, adminToken, `${name}A`);
  const other = await createTeam(urls, adminToken, `${name}B`);
  const agentUrl = urls.agent[urls.agent.length - 1];

  // The administrator works through a registered application; the owner's token is the default application's.
  const application = await post(urls.configuration, '/admin/applications', { organization_id: acme.organizationId, name: 'Bot maker' }, adminToken);
  expect(application.status).toBe(200);
  const appId: string = application.body.client_id;
  const issued = await post(urls.configuration, '/auth/agent_token', { agent_id: acme.ids.admin, client_id: appId }, acme.owner);
  expect(issued.body.client_id).toBe(appId);
  const appToken: string = issued.body.access_token;

  const config = (action: string, payload: unknown, token = appToken) => callWeb(urls.configuration, 'configuration', action, payload, { token });
  const agentApi = (action: string, payload: unknown, token = appToken, authorId?: string) =>
    callWeb(agentUrl, 'agent', action, payload, { token, ...(authorId && { headers: { 'X-Author-Id': authorId } }) });
  const listening = await rtmLogin(urls.agent[0], acme.tokens.normal);

  // Created through the application: a new 32-hex id; logged-in agents hear the whole bot.
  const created = await config('create_bot', {
    name: 'Helper',
    max_chats_count: 3,
    default_group_priority: 'first',
    job_title: 'Assistant',
    work_scheduler: { monday: { start: '09:00', end: '17:00' } },
    timezone: 'Europe/Warsaw',
  });
  expect(created.status).toBe(200);
  const helper: string = created.body.id;
  expect(helper).toMatch(BOT_ID);
  const createdPush = await listening.nextPush('bot_created', (f) => f.payload.id === helper, 20_000);
  expect(createdPush.payload).toEqual({
    id: helper,
    name: 'Helper',
    max_chats_count: 3,
    default_group_priority: 'first',
    groups: [{ id: 0, priority: 'first' }],
    work_scheduler: { monday: { start: '09:00', end: '17:00' } },
    timezone: 'Europe/Warsaw',
    owner_client_id: appId,
    job_title: 'Assistant',
  });
  // One more, by the owner: the default application's, with the documented defaults.
  const plain = (await config('create_bot', { name: 'Plain' }, acme.owner)).body.id as string;
  expect(plain).toMatch(BOT_ID);

  // Read: the routing settings and owner always, the rest when asked for.
  expect((await config('get_bot', { id: helper })).body).toEqual({
    id: helper,
    name: 'Helper',
    default_group_priority: 'first',
    owner_client_id: appId,
    max_chats_count: 3,
    groups: [{ id: 0, priority: 'first' }],
  });
  const withFields = await config('get_bot', { id: helper, fields: ['job_title', 'work_scheduler', 'timezone'] });
  expect(withFields.body).toMatchObject({ job_title: 'Assistant', timezone: 'Europe/Warsaw', work_scheduler: { monday: { start: '09:00', end: '17:00' } } });
  expect((await config('get_bot', { id: plain }, acme.owner)).body).toMatchObject({
    max_chats_count: 6,
    default_group_priority: 'normal',
    groups: [{ id: 0, priority: 'normal' }],
  });
  // Listed: each application its own bots, everyone's with `all`.
  expect((await config('list_bots', {})).body).toEqual([{ id: helper, name: 'Helper' }]);
  expect((await config('list_bots', { fields: ['max_chats_count'] }, acme.owner)).body).toEqual([{ id: plain, name: 'Plain', max_chats_count: 6 }]);
  expect((await config('list_bots', { all: true }, acme.tokens.normal)).body.map((b: { id: string }) => b.id).sort()).toEqual([helper, plain].sort());

  // A bot is not an agent: not in get_agent / list_agents; it gets no token; it starts offline.
  expect((await config('get_agent', { id: helper })).body.error.type).toBe('not_found');
  expect((await config('list_agents', {})).body.map((a: { id: string }) => a.id)).not.toContain(helper);
  const botToken = await post(urls.configuration, '/auth/agent_token', { agent_id: helper }, acme.owner);
  expect(botToken.status).toBeGreaterThanOrEqual(400);
  expect(botToken.body.access_token).toBeUndefined();
  const statuses = async () => (await agentApi('list_routing_statuses', {})).body as Array<{ agent_id: string; status: string }>;
  expect((await statuses()).find((s) => s.agent_id === helper)?.status).toBe('offline');

  // Updated: only what changed is announced.
  expect(await config('update_bot', { id: helper, name: 'Helper Bot', max_chats_count: 500, job_title: 'Assistant' })).toEqual({ status: 200, body: {} });
  expect((await listening.nextPush('bot_updated', (f) => f.payload.id === helper, 20_000)).payload).toEqual({ id: helper, name: 'Helper Bot', max_chats_count: 500 });
  // The administrator may change another application's bot (agents-bot--all:rw); a normal agent none.
  expect((await config('update_bot', { id: plain, groups: [{ id: 0 }] })).status).toBe(200);
  for (const [action, payload] of [
    ['create_bot', { name: 'Mine' }],
    ['update_bot', { id: helper, name: 'Mine' }],
    ['delete_bot', { id: plain }],
  ] as const) {
    const refused = await config(action, payload, acme.tokens.normal);
    expect([action, refused.status, refused.body.error?.type]).toEqual([action, 403, 'authorization']);
  }

  // Bad input is refused with the spec's error, and changes nothing.
  const otherApp = (await post(urls.configuration, '/admin/applications', { organization_id: acme.organizationId, name: 'Other' }, adminToken)).body.client_id;
  for (const [action, payload, status, type] of [
    ['create_bot', {}, 400, 'validation'],
    ['create_bot', { name: '' }, 400, 'validation'],
    ['create_bot', { name: 'Big', max_chats_count: 501 }, 400, 'validation'],
    ['create_bot', { name: 'Hours', work_scheduler: { monday: { start: '09:00', end: '17:00' } } }, 400, 'validation'],
    ['create_bot', { name: 'Mars', timezone: 'Mars/Olympus_Mons' }, 400, 'validation'],
    ['create_bot', { name: 'Rank', default_group_priority: 'boss' }, 400, 'validation'],
    ['create_bot', { name: 'Lost', groups: [{ id: 77 }] }, 404, 'group_not_found'],
    ['create_bot', { name: 'Stolen', owner_client_id: otherApp }, 400, 'validation'],
    ['update_bot', { id: helper, max_chats_count: -1 }, 400, 'validation'],
    ['update_bot', { id: helper, work_scheduler: {} }, 400, 'validation'],
    ['update_bot', { id: helper, groups: [{ id: 77, priority: 'first' }] }, 404, 'group_not_found'],
    ['update_bot', { id: 'f'.repeat(32), name: 'Ghost' }, 404, 'not_found'],
    ['get_bot', { id: 'f'.repeat(32) }, 404, 'not_found'],
    ['delete_bot', { id: 'f'.repeat(32) }, 404, 'not_found'],
    ['delete_bot', {}, 400, 'validation'],
  ] as const) {
    const refused = await config(action, payload);
    expect([action, payload, refused.status, refused.body.error?.type]).toEqual([action, payload, status, type]);
  }
  const helperNow = { id: helper, name: 'Helper Bot', max_chats_count: 500 };
  expect((await config('list_bots', { all: true, fields: ['max_chats_count'] })).body).toEqual(
    expect.arrayContaining([helperNow, { id: plain, name: 'Plain', max_chats_count: 6 }]),
  );
  expect((await config('list_bots', { all: true })).body).toHaveLength(2);

  // Another organization can neither see nor change the bots.
  for (const [action, payload] of [
    ['get_bot', { id: helper }],
    ['update_bot', { id: helper, name: 'Taken' }],
    ['delete_bot', { id: helper }],
  ] as const) {
    const refused = await config(action, payload, other.owner);
    expect([action, refused.status, refused.body.error?.type]).toEqual([action, 404, 'not_found']);
  }
  expect((await config('list_bots', { all: true }, other.owner)).body).toEqual([]);

  // Acting as the bot: its application's token with X-Author-Id sets the bot accepting chats.
  expect(await agentApi('set_routing_status', { status: 'accepting_chats' }, appToken, helper)).toEqual({ status: 200, body: {} });
  const accepting = await listening.nextPush('routing_status_set', (f) => f.payload.agent_id === helper, 20_000);
  expect(accepting.payload).toEqual({ agent_id: helper, status: 'accepting_chats' });
  // Another application's token, another organization's, and a normal agent without the bot scopes cannot.
  for (const [token, type] of [
    [acme.owner, 'authorization'],
    [other.owner, 'authorization'],
  ] as const) {
    const refused = await agentApi('set_routing_status', { status: 'offline' }, token, helper);
    expect([refused.status, refused.body.error?.type]).toEqual([403, type]);
  }
  expect((await agentApi('set_routing_status', { status: 'offline', agent_id: helper }, acme.tokens.normal)).body.error.type).toBe('authorization');
  expect((await statuses()).find((s) => s.agent_id === helper)?.status).toBe('accepting_chats');

  // A customer starts a chat: nobody else accepts chats, so the router gives it to the bot.
  const customer = await customerToken(urls.customer, acme.organizationId);
  const customerRtm = await RtmClient.connect(urls.customer, 'customer', acme.organizationId);
  expect((await customerRtm.request('login', { token: `Bearer ${customer.access_token}` })).success).toBe(true);
  const started = await callWeb(urls.customer, 'customer', 'start_chat', { chat: { thread: { events: [{ type: 'message', text: 'Hello?' }] } } }, {
    token: customer.access_token,
    organizationId: acme.organizationId,
  });
  expect(started.status).toBe(200);
  const chatId: string = started.body.chat_id;
  const joined = await customerRtm.nextPush('user_added_to_chat', (f) => f.payload.chat_id === chatId, 20_000);
  expect(joined.payload.user).toMatchObject({ id: helper, type: 'agent', name: 'Helper Bot', present: true });

  // The bot writes over the Web API (X-Author-Id): the event is the bot's, and the customer hears it.
  const sent = await agentApi('send_event', { chat_id: chatId, event: { type: 'message', text: 'Hi, I am a bot' } }, appToken, helper);
  expect(sent.status).toBe(200);
  const heard = await customerRtm.nextPush('incoming_event', (f) => f.payload.event.id === sent.body.event_id, 20_000);
  expect(heard.payload.event).toMatchObject({ type: 'message', text: 'Hi, I am a bot', author_id: helper });

  // … and over RTM, with `author_id` in the frame of an agent's connection.
  const adminRtm = await rtmLogin(urls.agent[0], appToken);
  const rtmSent = await sendFrame(adminRtm, { action: 'send_event', author_id: helper, payload: { chat_id: chatId, event: { type: 'message', text: 'Still me' } } });
  expect(rtmSent.success).toBe(true);
  const heardRtm = await customerRtm.nextPush('incoming_event', (f) => f.payload.event.id === rtmSent.payload.event_id, 20_000);
  expect(heardRtm.payload.event).toMatchObject({ text: 'Still me', author_id: helper });
  // The owner's connection (the default application) cannot write as the bot.
  const ownerRtm = await rtmLogin(urls.agent[0], acme.owner);
  const refusedRtm = await sendFrame(ownerRtm, { action: 'send_event', author_id: helper, payload: { chat_id: chatId, event: { type: 'message', text: 'Not me' } } });
  expect(refusedRtm.payload.error.type).toBe('authorization');
  const refusedWeb = await agentApi('send_event', { chat_id: chatId, event: { type: 'message', text: 'Not me' } }, other.owner, helper);
  expect(refusedWeb.body.error.type).toBe('authorization');
  const chat = await agentApi('get_chat', { chat_id: chatId });
  expect(chat.body.thread.events.filter((e: { type: string }) => e.type === 'message').map((e: { author_id: string; text: string }) => [e.author_id, e.text])).toEqual([
    [customer.entity_id, 'Hello?'],
    [helper, 'Hi, I am a bot'],
    [helper, 'Still me'],
  ]);

  // Deleted: announced, gone, and it cannot act any more — on every gateway.
  expect(await config('delete_bot', { id: helper })).toEqual({ status: 200, body: {} });
  expect((await listening.nextPush('bot_deleted', (f) => f.payload.id === helper, 20_000)).payload).toEqual({ id: helper });
  expect((await config('get_bot', { id: helper })).body.error.type).toBe('not_found');
  expect((await config('list_bots', {})).body).toEqual([]);
  for (const url of urls.agent) {
    await waitFor(async () => {
      const refused = await callWeb(url, 'agent', 'send_event', { chat_id: chatId, event: { type: 'message', text: 'Ghost' } }, {
        token: appToken,
        headers: { 'X-Author-Id': helper },
      });
      return refused.body.error?.type === 'authorization';
    }, 20_000);
  }
  expect((await agentApi('set_routing_status', { status: 'accepting_chats', agent_id: helper })).body.error.type).toBe('not_found');
  expect((await statuses()).find((s) => s.agent_id === helper)).toBeUndefined();
  const { status: plainStatus } = await config('get_bot', { id: plain }, acme.owner);
  expect(plainStatus).toBe(200);
  for (const client of [listening, customerRtm, adminRtm, ownerRtm]) client.close();
}

/** Sends a raw RTM request frame (with fields the client helper does not set) and waits for its response. */
async function sendFrame(client: RtmClient, frame: Record<string, unknown>) {
  const requestId = `bot-${Math.random().toString(36).slice(2)}`;
  return client.sendRaw(JSON.stringify({ request_id: requestId, ...frame }), requestId, 20_000);
}
