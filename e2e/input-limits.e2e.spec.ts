import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { LIMITS } from '@switchboard/protocol';
import { callWeb, pngImage, RtmClient, spawnApp, SpawnedApp } from '@switchboard/testing';
import { createOrganization, customerToken } from './conversation.scenario';
import { uploadFile } from './files.scenario';

const AGENT = 'jo@acme.example';

/** `{"a":{"a":…}}` `depth` levels deep, as raw JSON (no recursion on either side). */
const deepJson = (depth: number, leaf = '1') => `${'{"a":'.repeat(depth)}${leaf}${'}'.repeat(depth)}`;

/** An object `depth` levels deep (the value itself counts as one level). */
function nested(depth: number, leaf: unknown = 'leaf'): Record<string, unknown> {
  let value: Record<string, unknown> = { leaf };
  for (let i = 1; i < depth; i++) value = { a: value };
  return value;
}

/** Event properties just under the 32 KB limit, with every value type, in the namespace `ns` (registered by the test). */
const bigProperties = (ns: string) => ({
  [ns]: {
    pinned: true,
    score: 2147483647,
    note: 'ż'.repeat(LIMITS.textLength),
    ...Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`n${i}`, 'x'.repeat(LIMITS.textLength)])),
  },
});
const BIG_PROPERTY_TYPES: Record<string, string> = { pinned: 'bool', score: 'int', note: 'string', n0: 'string', n1: 'string', n2: 'string', n3: 'string', n4: 'string' };

/** One event of every type `send_event` accepts, each at the limits of what it may carry. */
function eventsAtTheLimits(author: string, fileUrl: string, ns: string): Array<Record<string, unknown>> {
  const option = (i: number) => ({ id: `o${i}`, label: `Option ${i}`, group_id: 2147483647 });
  return [
    { type: 'message', text: 'x'.repeat(LIMITS.messageBytes), custom_id: 'c'.repeat(LIMITS.idLength), properties: bigProperties(ns) },
    { type: 'message', text: `${author}: emoji 😀, RTL שלום, CJK 漢字, combining é` },
    { type: 'system_message', system_message_type: 's'.repeat(LIMITS.idLength), text: 't'.repeat(LIMITS.textLength), text_vars: { a: 'b' } },
    { type: 'file', url: `${fileUrl}?${'f'.repeat(LIMITS.urlLength - fileUrl.length - 1)}`, alternative_text: 'a file' },
    {
      type: 'form',
      form_id: 'f1',
      fields: Array.from({ length: LIMITS.listLength }, (_, i) => ({
        type: 'select',
        id: `q${i}`,
        label: `Question ${i}`,
        options: Array.from({ length: 5 }, (_, j) => option(j)),
      })),
    },
    {
      type: 'filled_form',
      form_id: 'f1',
      fields: [
        { type: 'name', id: 'n', label: 'Name', answer: 'Ann' },
        { type: 'select', id: 's', label: 'Pick', answer: option(1) },
        { type: 'checkbox', id: 'c', label: 'Many', answers: [{ id: 'a', label: 'A' }] },
      ],
    },
    {
      type: 'rich_message',
      template_id: 'cards',
      elements: Array.from({ length: 10 }, (_, i) => ({
        title: `Card ${i}`,
        image: { url: 'https://cdn.example.com/i.png', size: 2147483647, width: 0, height: 1 },
        buttons: Array.from({ length: 13 }, (_, j) => ({ text: `B${j}`, type: 'message', value: 'v', postback_id: `p${j}` })),
      })),
    },
    { type: 'custom', content: nested(LIMITS.jsonDepth, null) },
    { type: 'custom', content: { blob: 'x'.repeat(LIMITS.jsonBytes - 100), list: [1, 'two', null, true, { three: [3] }] } },
  ];
}

/**
 * What a client can send is bounded where it comes in (ADR 0008), and what
 * was accepted can always be read back: the faults of issue 6 that poisoned
 * an organization or answered 500.
 */
describe('input that cannot poison, embedded mode', () => {
  let dir: string;
  let app: SpawnedApp;
  let url: string;
  let org: { organizationId: string; ownerToken: string };
  let agentToken: string;
  let agent: RtmClient;
  let customer: { access_token: string; entity_id: string };
  let chatId: string;

  const asOwner = (api: 'agent' | 'configuration', action: string, payload: unknown) => callWeb(url, api, action, payload, { token: org.ownerToken });
  const asAgent = (action: string, payload: unknown) => callWeb(url, 'agent', action, payload, { token: agentToken });
  const asCustomer = (action: string, payload: unknown, token = customer.access_token) =>
    callWeb(url, 'customer', action, payload, { token, organizationId: org.organizationId });
  const post = async (path: string, body: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });
    return { status: response.status, body: (await response.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  const loginWorks = async (api: 'agent' | 'customer', token: string) => {
    const rtm = await RtmClient.connect(url, api, api === 'customer' ? org.organizationId : undefined);
    try {
      const login = await rtm.request('login', { token: `Bearer ${token}` });
      expect(login).toMatchObject({ success: true });
      return login.payload;
    } finally {
      rtm.close();
    }
  };
  /** Every read an agent and the customer make of the organization's chats answers, with the chat's events. */
  const everyReadAnswers = async () => {
    const owner = (action: string, payload: unknown) => asOwner('agent', action, payload);
    for (const read of [owner, asAgent]) {
      expect((await read('list_chats', {})).status).toBe(200);
      expect((await read('list_threads', { chat_id: chatId })).status).toBe(200);
      expect((await read('get_chat', { chat_id: chatId })).status).toBe(200);
    }
    for (const [action, payload] of [['list_chats', {}], ['list_threads', { chat_id: chatId }], ['get_chat', { chat_id: chatId }]] as const) {
      expect((await asCustomer(action, payload)).status).toBe(200);
    }
    const agentLogin = await loginWorks('agent', agentToken);
    expect((agentLogin.chats_summary as Array<{ id: string }>).map((c) => c.id)).toContain(chatId);
    await loginWorks('customer', customer.access_token);
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sb-input-limits-'));
    app = await spawnApp('switchboard', { DATA_DIR: dir, RATE_LIMITS: 'off' }, { timeoutMs: 120_000 });
    url = app.url;
    org = await createOrganization(url, readFileSync(join(dir, 'admin-token'), 'utf8').trim(), 'Acme');
    expect((await asOwner('configuration', 'create_agent', { id: AGENT, name: 'Jo', login_status: 'accepting chats' })).status).toBe(200);
    agentToken = (await post('/auth/agent_token', JSON.stringify({ agent_id: AGENT }), { Authorization: `Bearer ${org.ownerToken}` })).body
      .access_token;
    // Jo is online, so the customer's chat is assigned to Jo: the agent whose login a poisoned chat used to break.
    agent = await RtmClient.connect(url, 'agent');
    expect(await agent.request('login', { token: `Bearer ${agentToken}` })).toMatchObject({ success: true });
    customer = await customerToken(url, org.organizationId);
    const started = await asCustomer('start_chat', { chat: { thread: { events: [{ type: 'message', text: 'hi' }] } } });
    chatId = started.body.chat_id;
    await agent.nextPush('incoming_chat', (f) => f.payload.chat.id === chatId);
  }, 180_000);

  afterAll(async () => {
    agent?.close();
    await app?.stop('SIGKILL');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a custom event nested 4,000 levels deep is refused as validation naming the field; every reader still answers', async () => {
    const body = `{"chat_id":${JSON.stringify(chatId)},"event":{"type":"custom","content":${deepJson(4000)}}}`;
    const response = await callWeb(url, 'customer', 'send_event', undefined, {
      token: customer.access_token,
      organizationId: org.organizationId,
      rawBody: body,
    });
    expect(response.status).toBe(400);
    expect(response.body.error).toEqual({
      type: 'validation',
      message: expect.stringMatching(/^event\.content(\.a)+: must not be nested more than 32 levels deep$/),
    });
    const justTooDeep = await asCustomer('send_event', { chat_id: chatId, event: { type: 'custom', content: { x: nested(LIMITS.jsonDepth) } } });
    expect(justTooDeep.body.error.message).toMatch(/^event\.content\.x(\.a)+: must not be nested more than 16 levels deep$/);
    await everyReadAnswers();
  });

  it('every event type send_event accepts, at its limits, is rendered by get_chat, list_chats, list_threads and RTM login', async () => {
    const sent: string[] = [];
    // A file event must name a file uploaded to the organization (ADR 0026): the longest name, the URL padded to its limit.
    const file = { name: `${'f'.repeat(LIMITS.nameLength - 4)}.png`, type: 'image/png', bytes: pngImage(1, 1) };
    const uploaded = await uploadFile(url, 'customer', file, { token: customer.access_token, organizationId: org.organizationId });
    expect(uploaded.status).toBe(200);
    // Event properties are set only when registered (ADR 0027): the owner's application registers them, writable by both sides.
    const applications = await fetch(`${url}/auth/applications`, { headers: { Authorization: `Bearer ${org.ownerToken}` } });
    const [{ client_id: ns }] = (await applications.json()) as Array<{ client_id: string }>;
    const access = { event: { agent: ['read', 'write'], customer: ['read', 'write'] } };
    for (const [name, type] of Object.entries(BIG_PROPERTY_TYPES)) {
      expect((await asOwner('configuration', 'register_property', { name, owner_client_id: ns, type, access })).status).toBe(200);
    }
    for (const [who, send] of [
      ['customer', (payload: unknown) => asCustomer('send_event', payload)],
      ['agent', (payload: unknown) => asAgent('send_event', payload)],
    ] as const) {
      for (const event of eventsAtTheLimits(who, uploaded.body.url, ns)) {
        const response = await send({ chat_id: chatId, event });
        expect({ type: event.type, status: response.status, body: response.body }).toMatchObject({ type: event.type, status: 200 });
        sent.push(response.body.event_id);
      }
    }
    const chat = await asAgent('get_chat', { chat_id: chatId });
    expect(chat.body.thread.events.map((e: { id: string }) => e.id)).toEqual(expect.arrayContaining(sent));
    const customerView = await asCustomer('get_chat', { chat_id: chatId });
    expect(customerView.body.thread.events.map((e: { id: string }) => e.id)).toEqual(expect.arrayContaining(sent));
    const custom = chat.body.thread.events.find((e: { type: string; content?: unknown }) => e.type === 'custom' && e.content);
    expect(custom.content).toEqual(nested(LIMITS.jsonDepth, null));
    await everyReadAnswers();
  });

  describe('NUL characters and unpaired surrogates answer validation naming the field, never 500', () => {
    // Raw JSON text: "\ud800" stays a lone surrogate once the server parses it.
    const NUL = '"a\\u0000b"';
    const LONE = '"a\\ud800b"';

    it.each([
      ['configuration', 'get_agent', `{"id":${NUL}}`, 'id: must not contain NUL characters'],
      ['configuration', 'get_agent', `{"id":${LONE}}`, 'id: must not contain unpaired surrogates (invalid Unicode)'],
      ['configuration', 'create_agent', `{"id":"kim@acme.example","name":${NUL}}`, 'name: must not contain NUL characters'],
      ['configuration', 'create_group', `{"name":${LONE},"agent_priorities":{"jo@acme.example":"normal"}}`, 'name: must not contain unpaired'],
      ['configuration', 'list_agents', `{"fields":[${NUL}]}`, 'fields.0: must not contain NUL characters'],
      ['agent', 'get_chat', `{"chat_id":${NUL}}`, 'chat_id: must not contain NUL characters'],
      ['agent', 'list_chats', `{"page_id":${NUL}}`, 'page_id: must not contain NUL characters'],
      ['agent', 'start_chat', `{"chat":{"properties":{"a":{${NUL}:1}}}}`, 'chat.properties.a: keys must not contain NUL characters'],
      ['agent', 'list_routing_statuses', `{"filters":{"group_ids":[1,${LONE}]}}`, 'filters.group_ids.1: must not contain unpaired'],
    ])('%s %s %s', async (api, action, rawBody, message) => {
      const response = await callWeb(url, api as 'agent', action, undefined, { token: org.ownerToken, rawBody });
      expect(response.status).toBe(400);
      expect(response.body.error.type).toBe('validation');
      expect(response.body.error.message).toContain(message);
    });

    it('in customer payloads, event content and the organization_id query parameter', async () => {
      const content = await callWeb(url, 'customer', 'send_event', undefined, {
        token: customer.access_token,
        organizationId: org.organizationId,
        rawBody: `{"chat_id":${JSON.stringify(chatId)},"event":{"type":"custom","content":{"a":{"b":${NUL}}}}}`,
      });
      expect(content.body.error).toEqual({ type: 'validation', message: 'event.content.a.b: must not contain NUL characters' });
      const query = await callWeb(url, 'customer', 'list_chats', {}, { token: customer.access_token, organizationId: `${org.organizationId}\u0000` });
      expect(query).toEqual({ status: 400, body: { error: { type: 'validation', message: 'organization_id: must not contain NUL characters' } } });
    });

    it('in the bodies of /customer/token, /admin/* and /auth/agent_token', async () => {
      const admin = { Authorization: `Bearer ${readFileSync(join(dir, 'admin-token'), 'utf8').trim()}` };
      const owner = { Authorization: `Bearer ${org.ownerToken}` };
      for (const [path, body, headers] of [
        ['/customer/token', `{"organization_id":${NUL}}`, {}],
        ['/customer/token', `{"organization_id":${LONE}}`, {}],
        ['/admin/organizations', `{"name":${NUL},"owner_id":"a@b.example"}`, admin],
        ['/admin/tokens', `{"organization_id":${NUL},"agent_id":"jo@acme.example"}`, admin],
        ['/auth/agent_token', `{"agent_id":"jo@acme.example","x":{"y":${LONE}}}`, owner],
      ] as const) {
        const response = await post(path, body, headers);
        expect({ path, status: response.status, type: response.body.error?.type }).toEqual({ path, status: 400, type: 'validation' });
      }
    });

    it('in an RTM request_id (stored with the event) and an RTM connection organization_id', async () => {
      const rtm = await RtmClient.connect(url, 'customer', org.organizationId);
      expect(await rtm.request('login', { token: `Bearer ${customer.access_token}` })).toMatchObject({ success: true });
      const frame = JSON.stringify({ request_id: 'r\u0000', action: 'send_event', payload: { chat_id: chatId, event: { type: 'message', text: 'x' } } });
      const answer = await rtm.sendRaw(frame, 'r\u0000');
      expect(answer).toMatchObject({ success: false, payload: { error: { type: 'validation', message: 'request_id: must not contain NUL characters' } } });
      const tooLong = 'r'.repeat(LIMITS.requestIdLength + 1);
      const long = await rtm.sendRaw(JSON.stringify({ request_id: tooLong, action: 'ping' }), tooLong);
      expect(long.payload.error.message).toBe('request_id: must be at most 128 characters');
      rtm.close();

      const refused = await new Promise<number>((resolve) => {
        const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/v3.4/customer/rtm/ws?organization_id=a%00b`);
        socket.on('unexpected-response', (request, response) => {
          resolve(response.statusCode ?? 0);
          request.destroy();
        });
        socket.on('open', () => {
          resolve(101);
          socket.close();
        });
        socket.on('error', () => undefined);
      });
      expect(refused).toBe(400);
      await everyReadAnswers();
    });
  });

  it('integers beyond int32 answer validation, and list_agents filtered by group still answers', async () => {
    const chats = await asOwner('agent', 'list_chats', { filters: { group_ids: [2147483648] } });
    expect(chats).toEqual({ status: 400, body: { error: { type: 'validation', message: 'filters.group_ids.0: must be at most 2147483647' } } });
    const created = await asOwner('configuration', 'create_agent', { id: 'max@acme.example', name: 'Max', groups: [{ id: 2 ** 31, priority: 'normal' }] });
    expect(created.body.error).toEqual({ type: 'validation', message: 'groups.0.id: must be at most 2147483647' });
    const largest = await asOwner('configuration', 'create_agent', { id: 'max@acme.example', name: 'Max', groups: [{ id: 2 ** 31 - 1, priority: 'normal' }] });
    expect(largest.status).toBe(200);
    const members = await asOwner('configuration', 'list_agents', { filters: { group_ids: [2 ** 31 - 1] } });
    expect(members).toEqual({ status: 200, body: [expect.objectContaining({ id: 'max@acme.example' })] });
    expect((await asOwner('agent', 'list_routing_statuses', { filters: { group_ids: [0, 1] } })).status).toBe(200);
  });

  it('page ids are tamper-evident: hand-made, altered or foreign ones are validation; ours work', async () => {
    // Three more chats, so pages of one have next and previous pages.
    for (let i = 0; i < 3; i++) {
      const other = await customerToken(url, org.organizationId);
      expect((await asCustomer('start_chat', {}, other.access_token)).status).toBe(200);
    }
    const first = await asOwner('agent', 'list_chats', { limit: 1 });
    const next = first.body.next_page_id as string;
    const second = await asOwner('agent', 'list_chats', { page_id: next });
    expect(second.status).toBe(200);
    expect(second.body.chats_summary[0].id).not.toBe(first.body.chats_summary[0].id);
    expect((await asOwner('agent', 'list_chats', { page_id: second.body.previous_page_id })).body.chats_summary).toEqual(first.body.chats_summary);

    const handMade = (state: object) => Buffer.from(JSON.stringify(state)).toString('base64url');
    const [, signature] = next.split('.');
    const invalid = { status: 400, body: { error: { type: 'validation', message: 'page_id: Invalid page id' } } };
    for (const pageId of [
      handMade({ offset: -1, limit: 10, sort_order: 'desc' }),
      handMade({ offset: 0, limit: 100_000, sort_order: 'desc' }),
      `${handMade({ offset: 0, limit: 100_000, sort_order: 'desc' })}.${signature}`,
      `${next}x`,
    ]) {
      expect(await asOwner('agent', 'list_chats', { page_id: pageId })).toEqual(invalid);
    }
    // A page id serves the method and API it came from only.
    expect(await asOwner('agent', 'list_threads', { chat_id: chatId, page_id: next })).toEqual(invalid);
    expect(await asCustomer('list_chats', { page_id: next })).toEqual(invalid);
  });

  it('a malformed cookie on /customer/token costs at most the remembered identity, never a 500', async () => {
    const first = await fetch(`${url}/customer/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ organization_id: org.organizationId }),
    });
    const cookies = first.headers.getSetCookie().map((c) => c.split(';')[0]);
    const entity = ((await first.json()) as { entity_id: string }).entity_id;
    const withCookie = async (cookie: string) =>
      post('/customer/token', JSON.stringify({ organization_id: org.organizationId }), { Cookie: cookie });

    const malformed = await withCookie('__lc_cid=%E0%A4%A');
    expect(malformed.status).toBe(200);
    expect(malformed.body.entity_id).not.toBe(entity);
    // A malformed neighbour does not spoil the good cookies.
    const remembered = await withCookie(`junk=%E0%A4%A; ${cookies.join('; ')}; =x; %zz`);
    expect(remembered).toMatchObject({ status: 200, body: { entity_id: entity } });
    expect((await withCookie('__lc_cid=%00; __lc_cst=%00')).status).toBe(200);
  });

  it('two concurrent RTM logins on one connection: the second is validation, the first succeeds', async () => {
    const rtm = await RtmClient.connect(url, 'agent');
    const [first, second] = await Promise.all([
      rtm.request('login', { token: `Bearer ${agentToken}` }),
      rtm.request('login', { token: `Bearer ${agentToken}` }),
    ]);
    expect(first).toMatchObject({ success: true, payload: { my_profile: { id: AGENT } } });
    expect(second).toMatchObject({ success: false, payload: { error: { type: 'validation' } } });
    expect(await rtm.request('list_chats', {})).toMatchObject({ success: true });
    rtm.close();
  });
});
