import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ERROR_TYPES, MethodInfo } from '@switchboard/protocol';
import { callWeb, CallWebOptions, Frame, RtmClient, spawnApp, SpawnedApp } from '@switchboard/testing';
import { createOrganization, customerToken } from './conversation.scenario';
import { ACTIONS, basePayloads, FuzzContext, FuzzPayload, payloadsFor } from './fuzz.payloads';

/** Longest wait for any one answer: a request without an answer by then is a hang. */
const ANSWER_MS = 15_000;
/** Requests in flight at once on the Web API, and per RTM connection (the spec allows 10 pending). */
const WEB_CONCURRENCY = 8;
const RTM_CONCURRENCY = 4;
/** What must never appear in an answer: stack traces, internal paths, error class names. */
const LEAKS = [/node_modules/, /\/work\//, /\.ts:\d/, /\.js:\d/, / {4}at /, /Error:/, /ZodError/, /TypeError/, /RangeError/, /SyntaxError/];

type Api = MethodInfo['api'];

async function pool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

/** What is wrong with an error object, or undefined when it is the spec's `{type, message, data?}`. */
function errorObjectProblem(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return 'no error object';
  const { type, message, data, ...rest } = error as Record<string, unknown>;
  if (!(ERROR_TYPES as readonly string[]).includes(type as string)) return `unknown error type ${String(type)}`;
  if (typeof message !== 'string' || message === '') return 'no error message';
  if (data !== undefined && (typeof data !== 'object' || data === null || Array.isArray(data))) return 'data is not an object';
  if (Object.keys(rest).length > 0) return `extra keys ${Object.keys(rest).join(',')}`;
  if (type === 'internal' || type === 'request_timeout') return `${type} error`;
  if (type === 'service_unavailable' && (data as { reason?: string } | undefined)?.reason !== 'not_implemented') return 'service_unavailable';
  return undefined;
}

function leak(text: string): string | undefined {
  const found = LEAKS.find((pattern) => pattern.test(text));
  return found && `leaks ${found}: ${text.slice(0, 200)}`;
}

/**
 * Every action of the catalogue, on the Web API and (where it exists) over
 * RTM as agent and customer, gets a battery of malformed payloads. No answer
 * may be a 5xx (save the designed 501 of methods not built yet), anything but
 * the spec's error object, a stack trace, or late; the process must stay
 * healthy and the organization readable.
 */
describe('fuzz: every action of the catalogue with malformed input, embedded mode', () => {
  let dir: string;
  let app: SpawnedApp;
  let url: string;
  let adminToken: string;
  let org: { organizationId: string; ownerToken: string };
  let customer: { access_token: string; entity_id: string };
  let context: FuzzContext;
  const violations: string[] = [];
  const sent = { web: 0, rtm: 0, other: 0 };
  /** Payloads per action and transport, for the suite's size. */
  const perAction = { web: new Map<string, number>(), rtm: new Map<string, number>() };

  const auth = (api: Api): CallWebOptions =>
    api === 'customer' ? { token: customer.access_token, organizationId: org.organizationId } : { token: org.ownerToken };
  const note = (where: string, problem: string | undefined) => {
    if (problem) violations.push(`${where}: ${problem}`);
  };

  /** Checks one Web answer; `where` names the request in the report. */
  async function web(where: string, call: () => Promise<{ status: number; body: unknown }>, counter: keyof typeof sent = 'web'): Promise<void> {
    sent[counter]++;
    let answer: { status: number; body: unknown };
    try {
      answer = await call();
    } catch (error) {
      return note(where, `no JSON answer within ${ANSWER_MS} ms (${(error as Error).name}: ${(error as Error).message})`);
    }
    const text = JSON.stringify(answer.body) ?? '';
    note(where, leak(text));
    if (answer.status === 200) return;
    const error = (answer.body as { error?: { data?: { reason?: string } } } | undefined)?.error;
    const notImplemented = answer.status === 501 && error?.data?.reason === 'not_implemented';
    if (answer.status >= 500 && !notImplemented) return note(where, `HTTP ${answer.status} ${text.slice(0, 200)}`);
    const shapeProblem = Object.keys(answer.body ?? {}).length !== 1 ? `body ${text.slice(0, 200)}` : errorObjectProblem(error);
    note(where, shapeProblem && `HTTP ${answer.status} ${shapeProblem}`);
  }

  /** Checks one RTM answer frame. */
  function rtmAnswer(where: string, frame: Frame, action?: string): void {
    note(where, leak(JSON.stringify(frame)));
    if (frame.type !== 'response') return note(where, `not a response: ${JSON.stringify(frame).slice(0, 200)}`);
    if (action !== undefined && frame.action !== action) note(where, `answered for action ${String(frame.action)}`);
    if (frame.success) return;
    const { error, ...rest } = (frame.payload ?? {}) as { error?: unknown };
    note(where, Object.keys(rest).length > 0 ? 'extra payload keys' : errorObjectProblem(error));
  }

  async function rtmRequest(client: RtmClient, where: string, id: string, text: string, action?: string): Promise<void> {
    sent.rtm++;
    try {
      rtmAnswer(where, await client.sendRaw(text, id, ANSWER_MS), action);
    } catch (error) {
      note(where, (error as Error).message);
    }
  }

  /** The next response frame on a connection nobody else uses (frames without a readable request_id). */
  function nextResponse(client: RtmClient): Promise<Frame> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer within ${ANSWER_MS} ms`)), ANSWER_MS);
      const onMessage = (data: Buffer) => {
        const frame = JSON.parse(data.toString()) as Frame;
        if (frame.type !== 'response') return;
        clearTimeout(timer);
        client.socket.off('message', onMessage);
        resolve(frame);
      };
      client.socket.on('message', onMessage);
    });
  }

  const connect = async (api: 'agent' | 'customer') => RtmClient.connect(url, api, api === 'customer' ? org.organizationId : undefined);
  const login = async (api: 'agent' | 'customer') => {
    const client = await connect(api);
    const token = api === 'agent' ? org.ownerToken : customer.access_token;
    expect(await client.request('login', { token: `Bearer ${token}` }, ANSWER_MS)).toMatchObject({ success: true });
    return client;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sb-fuzz-'));
    app = await spawnApp('switchboard', { DATA_DIR: dir, RATE_LIMITS: 'off' }, { timeoutMs: 120_000 });
    url = app.url;
    adminToken = readFileSync(join(dir, 'admin-token'), 'utf8').trim();
    org = await createOrganization(url, adminToken, 'Fuzz');
    const victimId = 'victim@fuzz.example';
    expect((await callWeb(url, 'configuration', 'create_agent', { id: victimId, name: 'Victim' }, auth('configuration'))).status).toBe(200);
    customer = await customerToken(url, org.organizationId);
    const started = await callWeb(url, 'customer', 'start_chat', { chat: { thread: { events: [{ type: 'message', text: 'hi' }] } } }, auth('customer'));
    expect(started.status).toBe(200);
    context = {
      chatId: started.body.chat_id,
      threadId: started.body.thread_id,
      eventId: started.body.event_ids[0],
      customerId: customer.entity_id,
      victimId,
      bannedCustomerId: (await customerToken(url, org.organizationId)).entity_id,
      organizationId: org.organizationId,
    };
  }, 180_000);

  afterAll(async () => {
    const size = (counts: Map<string, number>) => {
      const values = [...counts.values()];
      const payloads = values.reduce((a, b) => a + b, 0);
      return `${counts.size} actions × ${Math.round(payloads / Math.max(1, counts.size))} payloads (${Math.min(...values)}–${Math.max(...values)}) = ${payloads}`;
    };
    console.log(
      `fuzz suite size — Web API: ${size(perAction.web)}; RTM: ${size(perAction.rtm)}; ` +
        `sent ${sent.web} Web requests + ${sent.rtm} RTM frames + ${sent.other} to token/operator endpoints = ${sent.web + sent.rtm + sent.other} requests`,
    );
    await app?.stop('SIGKILL');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  afterEach(() => {
    // Report every violation of a test at once, a few lines each.
    const found = violations.splice(0);
    expect({ violations: found.length, first: found.slice(0, 30) }).toEqual({ violations: 0, first: [] });
  });

  it('the Web API answers every malformed payload of every action with the spec error object', async () => {
    const bases = basePayloads(context);
    const jobs: Array<{ method: MethodInfo; payload: FuzzPayload }> = [];
    // RTM-only actions too: the Web API must refuse them properly.
    for (const method of ACTIONS) {
      const payloads = payloadsFor(method, bases);
      perAction.web.set(`${method.api}/${method.action}`, payloads.length);
      for (const payload of payloads) jobs.push({ method, payload });
    }
    await pool(jobs, WEB_CONCURRENCY, ({ method, payload }) =>
      web(`web ${method.api}/${method.action} (${payload.name})`, () =>
        callWeb(url, method.api, method.action, undefined, { ...auth(method.api), rawBody: payload.body, timeoutMs: ANSWER_MS }),
      ),
    );
  }, 120_000);

  it('GET methods answer malformed query strings; unknown actions and versions answer validation', async () => {
    /** A call as the API's user, with the suite's timeout. */
    const call = (api: Api, action: string, options: CallWebOptions = {}, payload: unknown = {}) => () =>
      callWeb(url, api, action, payload, { ...auth(api), timeoutMs: ANSWER_MS, ...options });
    const queries: Array<[string, Record<string, string>]> = [
      ['no parameters', {}],
      ['a NUL', { namespace: '\u0000', group_id: '0' }],
      ['an out-of-range group', { group_id: '2147483648' }],
      ['an 8 KB value', { url: 'x'.repeat(8 * 1024) }],
      ['nested brackets', { 'a[b][c][d][e][f][g]': '1', 'filters[group_ids][]': 'x' }],
      ['a forged page id', { page_id: Buffer.from('{"offset":-1}').toString('base64url') }],
    ];
    const jobs: Array<() => Promise<void>> = [];
    for (const method of ACTIONS.filter((m) => m.httpGet)) {
      for (const [name, query] of queries) {
        jobs.push(() => web(`GET ${method.api}/${method.action} (${name})`, call(method.api, method.action, { method: 'GET', query })));
      }
    }
    for (const method of ACTIONS.filter((m) => !m.httpGet && m.web).slice(0, 10)) {
      jobs.push(() => web(`GET ${method.action} (POST only)`, call(method.api, method.action, { method: 'GET' })));
    }
    for (const api of ['agent', 'customer', 'configuration'] as const) {
      for (const action of ['make_coffee', '%00', 'a'.repeat(4000), 'constructor', '__proto__', 'list_chats%00']) {
        jobs.push(() => web(`web ${api}/${action.slice(0, 20)}`, call(api, action)));
      }
      for (const version of ['v3.3', 'v0.5', 'v99999999999999999999.1', 'v3.4%00', 'vx']) {
        jobs.push(() => web(`web ${version}/${api}`, call(api, 'list_chats', { version })));
      }
      for (const organizationId of api === 'customer' ? ['\u0000', '\ud800', 'x'.repeat(300), 'other-org'] : []) {
        jobs.push(() => web(`web customer ?organization_id=${JSON.stringify(organizationId.slice(0, 8))}`, call(api, 'list_chats', { organizationId })));
      }
      // Oversized: the answer is entity_too_large, read in full by a client still uploading.
      const oversized = `{"x":"${'x'.repeat(1.5 * 1024 * 1024)}"}`;
      jobs.push(() => web(`web ${api} 1.5 MB body`, call(api, 'list_chats', { rawBody: oversized })));
      jobs.push(() => web(`web ${api} invalid UTF-8`, call(api, 'list_chats', { rawBody: Uint8Array.from([0x7b, 0xff, 0xfe, 0x7d]) })));
    }
    await pool(jobs, WEB_CONCURRENCY, (job) => job());
  }, 60_000);

  it('RTM answers every malformed payload of every action, as agent and as customer', async () => {
    const bases = basePayloads(context);
    await Promise.all(
      (['agent', 'customer'] as const).map(async (api) => {
        const client = await login(api);
        const jobs: Array<{ method: MethodInfo; payload: FuzzPayload; id: string }> = [];
        // `login` and `logout` change the session itself: each payload of theirs gets a connection of its own.
        for (const method of ACTIONS.filter((m) => m.api === api && m.rtm && m.action !== 'login' && m.action !== 'logout')) {
          const payloads = payloadsFor(method, bases).filter((p) => p.json);
          perAction.rtm.set(`${api}/${method.action}`, payloads.length);
          payloads.forEach((payload, i) => jobs.push({ method, payload, id: `${method.action}-${i}` }));
        }
        await pool(jobs, RTM_CONCURRENCY, ({ method, payload, id }) => {
          const frame = `{"request_id":"${id}","action":"${method.action}","payload":${payload.body}}`;
          return rtmRequest(client, `rtm ${api}/${method.action} (${payload.name})`, id, frame, method.action);
        });
        // Still logged in and answering.
        expect(await client.request('ping', {}, ANSWER_MS)).toMatchObject({ success: true });
        client.close();
      }),
    );
  }, 120_000);

  it('RTM login answers every malformed payload, each on a fresh connection', async () => {
    const bases = basePayloads(context);
    bases['agent/login'] = { ...bases['agent/login'], token: `Bearer ${org.ownerToken}` };
    bases['customer/login'] = { ...bases['customer/login'], token: `Bearer ${customer.access_token}` };
    for (const api of ['agent', 'customer'] as const) {
      const method = ACTIONS.find((m) => m.api === api && m.action === 'login')!;
      const payloads = payloadsFor(method, bases).filter((p) => p.json);
      perAction.rtm.set(`${api}/login`, payloads.length);
      await pool(payloads, RTM_CONCURRENCY, async (payload) => {
        const client = await connect(api);
        await rtmRequest(client, `rtm ${api}/login (${payload.name})`, 'l', `{"request_id":"l","action":"login","payload":${payload.body}}`, 'login');
        client.close();
        await client.closed;
      });
    }
  }, 120_000);

  it('RTM logout answers every malformed payload, each on a fresh session of its own agent', async () => {
    const leaver = 'leaver@fuzz.example';
    expect((await callWeb(url, 'configuration', 'create_agent', { id: leaver, name: 'Leaver' }, auth('configuration'))).status).toBe(200);
    const method = ACTIONS.find((m) => m.api === 'agent' && m.action === 'logout')!;
    const payloads = payloadsFor(method, basePayloads(context)).filter((p) => p.json);
    perAction.rtm.set('agent/logout', payloads.length);
    // One at a time: a logout ends every session of the agent, so a concurrent one would be cut short.
    await pool(payloads, 1, async (payload) => {
      const issued = await fetch(`${url}/auth/agent_token`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${org.ownerToken}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ agent_id: leaver }),
      });
      const token = ((await issued.json()) as { access_token: string }).access_token;
      const client = await connect('agent');
      expect(await client.request('login', { token: `Bearer ${token}` }, ANSWER_MS)).toMatchObject({ success: true });
      await rtmRequest(client, `rtm agent/logout (${payload.name})`, 'o', `{"request_id":"o","action":"logout","payload":${payload.body}}`, 'logout');
      client.close();
      await client.closed;
    });
  }, 120_000);

  it('RTM answers non-JSON, binary and malformed frames and keeps the connection', async () => {
    const frames: Array<string | Buffer> = [
      '',
      'not json',
      '{"action":',
      'null',
      '[]',
      '"login"',
      '42',
      '\u0000',
      `${'['.repeat(5000)}${']'.repeat(5000)}`,
      `{"action":"list_chats","payload":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`,
      '{"payload":{}}',
      '{"action":7}',
      '{"action":null,"request_id":"x"}',
      '{"action":"list_chats","payload":"x"}',
      '{"action":"list_chats","payload":[]}',
      '{"action":"list_chats","request_id":{"a":1}}',
      `{"action":"list_chats","request_id":"${'r'.repeat(10_000)}"}`,
      '{"action":"list_chats","request_id":"\\u0000"}',
      '{"action":"list_chats","request_id":"\\ud800"}',
      `{"action":"${'a'.repeat(10_000)}"}`,
      '{"action":"make_coffee"}',
      '{"action":"list_chats","version":"2.0"}',
      '{"action":"list_chats","version":{}}',
      '{"action":"list_chats","version":"\\u0000"}',
      '{"action":"list_chats","author_id":["x"]}',
      '{"action":"ping","payload":{"x":"\\u0000"}}',
      Buffer.from([0, 1, 2, 3, 255]),
      Buffer.from('{"action":"ping"}'),
    ];
    for (const api of ['agent', 'customer'] as const) {
      // Before login (nothing is pushed to such a connection) and after.
      for (const loggedIn of [false, true]) {
        const client = loggedIn ? await login(api) : await connect(api);
        for (const [i, frame] of frames.entries()) {
          sent.rtm++;
          const where = `rtm ${api} ${loggedIn ? 'logged-in' : 'fresh'} frame ${i}`;
          const answer = nextResponse(client);
          client.socket.send(frame);
          try {
            rtmAnswer(where, await answer);
          } catch (error) {
            note(where, (error as Error).message);
          }
        }
        expect(await client.request('ping', {}, ANSWER_MS)).toMatchObject({ success: true });
        client.close();
      }
    }
    // Frames the WebSocket protocol itself refuses close the connection with its code, and nothing else.
    for (const [name, code, send] of [
      ['a 2 MB frame', 1009, (c: RtmClient) => c.socket.send(`{"action":"ping","payload":{"x":"${'x'.repeat(2 * 1024 * 1024)}"}}`)],
      ['invalid UTF-8 in a text frame', 1007, (c: RtmClient) => c.socket.send(Buffer.from([0x7b, 0xff, 0x7d]), { binary: false })],
    ] as const) {
      const client = await connect('agent');
      sent.rtm++;
      send(client);
      const closed = await client.closed;
      if (closed.code !== code) note(`rtm ${name}`, `closed with ${closed.code}, expected ${code}`);
    }
  }, 60_000);

  it('the token and operator endpoints answer malformed bodies and cookies with the spec error object', async () => {
    const bases = {
      '/customer/token': { organization_id: org.organizationId },
      '/admin/organizations': { name: 'Fuzzed', owner_id: 'fuzz-owner@fuzz.example' },
      '/admin/tokens': { organization_id: org.organizationId, agent_id: context.victimId, expires_in: 3600 },
      '/auth/agent_token': { agent_id: context.victimId, expires_in: 3600 },
    };
    const headers: Record<string, Record<string, string>> = {
      '/customer/token': {},
      '/admin/organizations': { Authorization: `Bearer ${adminToken}` },
      '/admin/tokens': { Authorization: `Bearer ${adminToken}` },
      '/auth/agent_token': { Authorization: `Bearer ${org.ownerToken}` },
    };
    const post = async (path: string, body: string | Uint8Array, extra: Record<string, string> = {}) => {
      const response = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers[path], ...extra },
        body,
        signal: AbortSignal.timeout(ANSWER_MS),
      });
      const text = await response.text();
      return { status: response.status, body: JSON.parse(text) as unknown };
    };
    const jobs: Array<() => Promise<void>> = [];
    for (const [path, base] of Object.entries(bases)) {
      const method = { api: 'configuration', action: path } as MethodInfo;
      for (const payload of payloadsFor(method, { [`configuration/${path}`]: base })) {
        jobs.push(() => web(`POST ${path} (${payload.name})`, () => post(path, payload.body), 'other'));
      }
      jobs.push(() => web(`POST ${path} (1.5 MB body)`, () => post(path, `{"x":"${'x'.repeat(1.5 * 1024 * 1024)}"}`), 'other'));
    }
    const cookies = ['__lc_cid=%E0%A4%A', '__lc_cid=%; __lc_cst=%%', '__lc_cid=\u00ff', `__lc_cid=${'x'.repeat(6000)}`, '=;=;;', '__lc_cid=%00; __lc_cst=%00'];
    for (const cookie of cookies) {
      const body = JSON.stringify(bases['/customer/token']);
      jobs.push(() => web(`POST /customer/token (cookie ${cookie.slice(0, 20)})`, () => post('/customer/token', body, { Cookie: cookie }), 'other'));
    }
    await pool(jobs, WEB_CONCURRENCY, (job) => job());
  }, 60_000);

  it('afterwards the process is healthy and the organization reads still work', async () => {
    expect(app.process.exitCode).toBeNull();
    expect(app.process.signalCode).toBeNull();
    expect((await fetch(`${url}/health`)).status).toBe(200);
    expect((await fetch(`${url}/ready`)).status).toBe(200);
    const { chatId } = context;
    for (const [api, action, payload] of [
      ['agent', 'list_chats', {}],
      ['agent', 'get_chat', { chat_id: chatId }],
      ['agent', 'list_threads', { chat_id: chatId }],
      ['customer', 'list_chats', {}],
      ['customer', 'get_chat', { chat_id: chatId }],
      ['customer', 'list_threads', { chat_id: chatId }],
    ] as const) {
      const answer = await callWeb(url, api, action, payload, { ...auth(api), timeoutMs: ANSWER_MS });
      expect({ api, action, status: answer.status }).toEqual({ api, action, status: 200 });
    }
    const agent = await login('agent');
    agent.close();
    // Nothing was logged as an unexpected failure (Nest's text logs or JSON logs).
    const unexpected = app.output().split('\n').filter((line) => /\bERROR\b|"level":\s*(50|60|"error"|"fatal")/.test(line));
    expect(unexpected.slice(0, 10)).toEqual([]);
  });
});
