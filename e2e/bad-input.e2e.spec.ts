import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callWeb, RtmClient, spawnApp, SpawnedApp, START_TIMEOUT_MS } from '@switchboard/testing';
import { createOrganization, customerToken } from './conversation.scenario';

/** Bad input gets the spec's error object (and status), changes nothing, and never hangs or crashes. */
describe('bad input, embedded mode', () => {
  let dir: string;
  let app: SpawnedApp;
  let url: string;
  let acme: { organizationId: string; ownerToken: string };
  let other: { organizationId: string; ownerToken: string };
  let customer: { access_token: string };
  let chatId: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sb-bad-input-'));
    app = await spawnApp('switchboard', { DATA_DIR: dir, RTM_LOGIN_TIMEOUT_MS: '4000', RTM_IDLE_TIMEOUT_MS: '1500' });
    url = app.url;
    const admin = readFileSync(join(dir, 'admin-token'), 'utf8').trim();
    acme = await createOrganization(url, admin, 'Acme');
    other = await createOrganization(url, admin, 'Other');
    customer = await customerToken(url, acme.organizationId);
    const started = await callWeb(url, 'customer', 'start_chat', { chat: { thread: { events: [{ type: 'message', text: 'hi' }] } } }, {
      token: customer.access_token,
      organizationId: acme.organizationId,
    });
    chatId = started.body.chat_id;
  }, START_TIMEOUT_MS + 30_000);

  afterAll(async () => {
    await app?.stop('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  const eventCount = async () =>
    (await callWeb(url, 'agent', 'get_chat', { chat_id: chatId }, { token: acme.ownerToken })).body.thread.events.length;

  it('malformed JSON → 400 validation', async () => {
    const response = await callWeb(url, 'agent', 'send_event', undefined, { token: acme.ownerToken, rawBody: '{"chat_id": "x", ' });
    expect(response).toEqual({ status: 400, body: { error: { type: 'validation', message: 'Malformed JSON body' } } });
  });

  it('a body that is not an object → 400 validation', async () => {
    const response = await callWeb(url, 'agent', 'list_chats', undefined, { token: acme.ownerToken, rawBody: '[1,2]' });
    expect(response.status).toBe(400);
    expect(response.body.error.type).toBe('validation');
  });

  // Every method is built now: a method without a handler (501) is covered by libs/gateway-kit/src/action-registry.spec.ts.
  it('unknown action → 400 validation', async () => {
    const unknown = await callWeb(url, 'agent', 'make_coffee', {}, { token: acme.ownerToken });
    expect(unknown).toEqual({ status: 400, body: { error: { type: 'validation', message: 'Unknown action: make_coffee' } } });
  });

  it('wrong types → 400 validation naming the field, and nothing is written', async () => {
    const before = await eventCount();
    const response = await callWeb(url, 'agent', 'send_event', { chat_id: 42, event: { type: 'message', text: 7 } }, { token: acme.ownerToken });
    expect(response.status).toBe(400);
    expect(response.body.error.type).toBe('validation');
    expect(response.body.error.message).toMatch(/chat_id/);
    expect(await eventCount()).toBe(before);
  });

  it('missing, garbled or wrong-kind token → 401 authentication', async () => {
    expect((await callWeb(url, 'agent', 'list_chats', {})).body).toEqual({
      error: { type: 'authentication', message: 'Missing access token' },
    });
    expect((await callWeb(url, 'agent', 'list_chats', {}, { token: 'dal:nope.nope' })).status).toBe(401);
    const customerOnAgentApi = await callWeb(url, 'agent', 'list_chats', {}, { token: customer.access_token });
    expect(customerOnAgentApi.status).toBe(401);
    const agentOnCustomerApi = await callWeb(url, 'customer', 'list_chats', {}, { token: acme.ownerToken, organizationId: acme.organizationId });
    expect(agentOnCustomerApi.status).toBe(401);
  });

  it("another organization's chat id → not_found, and the chat is unchanged", async () => {
    const before = await eventCount();
    for (const [action, payload] of [
      ['get_chat', { chat_id: chatId }],
      ['send_event', { chat_id: chatId, event: { type: 'message', text: 'intruder' } }],
      ['deactivate_chat', { id: chatId }],
    ] as const) {
      const response = await callWeb(url, 'agent', action, payload, { token: other.ownerToken });
      expect(response).toEqual({ status: 404, body: { error: { type: 'not_found', message: 'Chat not found' } } });
    }
    expect((await callWeb(url, 'agent', 'list_chats', {}, { token: other.ownerToken })).body.found_chats).toBe(0);
    expect(await eventCount()).toBe(before);
  });

  it("an agent outside a chat's groups can neither read nor write it (no hang on the embedded database)", async () => {
    const created = await callWeb(url, 'configuration', 'create_agent', { id: 'nat@acme.example', name: 'Nat' }, { token: acme.ownerToken });
    expect(created.status).toBe(200);
    const tokenResponse = await fetch(`${url}/auth/agent_token`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${acme.ownerToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ agent_id: 'nat@acme.example' }),
    });
    const nat = ((await tokenResponse.json()) as { access_token: string }).access_token;
    const vip = await customerToken(url, acme.organizationId);
    const started = await callWeb(url, 'customer', 'start_chat', { chat: { access: { group_ids: [7] } } }, {
      token: vip.access_token,
      organizationId: acme.organizationId,
    });
    const vipChat = started.body.chat_id;
    for (const [action, payload] of [
      ['get_chat', { chat_id: vipChat }],
      ['send_event', { chat_id: vipChat, event: { type: 'message', text: 'peek' } }],
    ] as const) {
      expect((await callWeb(url, 'agent', action, payload, { token: nat })).body.error.type).toBe('not_found');
    }
    // The owner (chats--all) sees it.
    expect((await callWeb(url, 'agent', 'get_chat', { chat_id: vipChat }, { token: acme.ownerToken })).status).toBe(200);
  });

  it('a customer token for one organization used with another organization_id → authorization', async () => {
    const response = await callWeb(url, 'customer', 'list_chats', {}, { token: customer.access_token, organizationId: other.organizationId });
    expect(response.status).toBe(403);
    expect(response.body.error.type).toBe('authorization');
  });

  it('an unsupported API version → unsupported_version; a newer 3.x is served like 3.4', async () => {
    const old = await callWeb(url, 'agent', 'list_chats', {}, { token: acme.ownerToken, version: 'v3.3' });
    expect(old.body.error.type).toBe('unsupported_version');
    const newer = await callWeb(url, 'agent', 'list_chats', {}, { token: acme.ownerToken, version: 'v3.6' });
    expect(newer.status).toBe(200);
  });

  it('RTM: malformed frames, requests before login and bad logins get error responses with their request_id', async () => {
    const rtm = await RtmClient.connect(url, 'agent');
    // An unparseable frame has no readable request_id: the error response carries none, and the connection stays usable.
    const garbled = new Promise<unknown>((resolve) => rtm.socket.once('message', (data) => resolve(JSON.parse(data.toString()))));
    rtm.socket.send('{"request_id":"g1","action":');
    expect(await garbled).toEqual({ type: 'response', success: false, payload: { error: { type: 'validation', message: expect.any(String) } } });
    const early = await rtm.request('list_chats', {});
    expect(early).toMatchObject({ success: false, payload: { error: { type: 'authentication' } } });
    const wrongPayload = await rtm.sendRaw('{"request_id":"p1","action":"login","payload":"x"}', 'p1');
    expect(wrongPayload).toMatchObject({ request_id: 'p1', success: false, payload: { error: { type: 'validation' } } });
    const badLogin = await rtm.request('login', { token: 'Bearer dal:forged.token' });
    expect(badLogin).toMatchObject({ success: false, payload: { error: { type: 'authentication', message: 'Invalid access token' } } });
    const ping = await rtm.request('ping');
    expect(ping).toMatchObject({ action: 'ping', type: 'response', success: true });
    rtm.close();
  });

  it('RTM: a connection that never logs in is closed; a silent logged-in one gets agent_disconnected(connection_timeout)', async () => {
    const idle = await RtmClient.connect(url, 'agent');
    expect((await idle.closed).code).toBe(4001);

    const quiet = await RtmClient.connect(url, 'agent');
    expect((await quiet.request('login', { token: `Bearer ${acme.ownerToken}` })).success).toBe(true);
    const disconnected = await quiet.nextPush('agent_disconnected', () => true, 5000);
    expect(disconnected.payload).toEqual({ reason: 'connection_timeout' });
    await quiet.closed;
  }, 15_000);

  it('RTM: a logged-in connection that keeps pinging outlives the idle timeout many times over', async () => {
    const lively = await RtmClient.connect(url, 'agent');
    expect((await lively.request('login', { token: `Bearer ${acme.ownerToken}` })).success).toBe(true);
    const started = Date.now();
    // 1.5 s idle timeout; a ping every 300 ms for 4.5 s.
    while (Date.now() - started < 4500) {
      expect((await lively.request('ping', {})).success).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    // Then silence: it is disconnected like any idle connection.
    const disconnected = await lively.nextPush('agent_disconnected', () => true, 5000);
    expect(disconnected.payload).toEqual({ reason: 'connection_timeout' });
  }, 20_000);

  it('still serves normally after all of that', async () => {
    expect((await fetch(`${url}/ready`)).status).toBe(200);
    expect(await eventCount()).toBeGreaterThan(0);
  });
});
