import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callWeb, Scrape, scrapeMetrics, spawnApp, SpawnedApp, waitFor } from '@switchboard/testing';
import { CORRELATION_ID, jsonLines, moved, ObservedConversation, observedConversation, REQUEST_ID } from './observability.scenario';

/**
 * What an SRE sees of the embedded process: one `/metrics` with every
 * service's metrics, and JSON logs carrying request ids, without secrets.
 * Logs at `debug` so that each Web API request leaves a line; a small
 * per-token rate limit so that a burst is refused.
 */
describe('metrics and logs, embedded mode', () => {
  let dir: string;
  let app: SpawnedApp;
  let adminToken: string;
  let before: Scrape;
  let conversation: ObservedConversation;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sb-observability-'));
    app = await spawnApp('switchboard', { DATA_DIR: dir, LOG_LEVEL: 'debug', RATE_LIMIT_PER_TOKEN: '5/5' }, { timeoutMs: 120_000 });
    adminToken = readFileSync(join(dir, 'admin-token'), 'utf8').trim();
    before = await scrapeMetrics(app.url);
    conversation = await observedConversation({ configuration: app.url, customer: app.url, agent: [app.url] }, adminToken);
  }, 180_000);
  afterAll(async () => {
    conversation?.agent.close();
    await app?.stop('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts and times each request by api, action, transport and outcome', async () => {
    const after = await scrapeMetrics(app.url);
    const customerSend = { api: 'customer', action: 'send_event', transport: 'web', outcome: 'ok' };
    expect(moved(before, after, 'switchboard_requests_total', customerSend)).toBe(1);
    expect(moved(before, after, 'switchboard_request_duration_seconds_count', customerSend)).toBe(1);
    expect(moved(before, after, 'switchboard_request_duration_seconds_bucket', { ...customerSend, le: '+Inf' })).toBe(1);
    expect(moved(before, after, 'switchboard_requests_total', { api: 'agent', action: 'send_event', transport: 'rtm', outcome: 'ok' })).toBe(1);
    expect(moved(before, after, 'switchboard_requests_total', { api: 'configuration', action: 'create_agent', transport: 'web', outcome: 'ok' })).toBe(1);
  });

  it('shows the RTM connection, its login and the pushes it was sent', async () => {
    const after = await scrapeMetrics(app.url);
    expect(after.value('switchboard_rtm_connections', { api: 'agent' })).toBe(1);
    expect(moved(before, after, 'switchboard_rtm_logins_total', { api: 'agent', outcome: 'ok' })).toBe(1);
    expect(moved(before, after, 'switchboard_pushes_total', { api: 'agent', action: 'incoming_chat' })).toBe(1);
    expect(moved(before, after, 'switchboard_pushes_total', { api: 'agent', action: 'incoming_event' })).toBeGreaterThanOrEqual(1);
  });

  it('measures the event store appends and the relay, and reports the router consumer', async () => {
    const after = (await waitFor(async () => {
      const scrape = await scrapeMetrics(app.url);
      return moved(before, scrape, 'switchboard_relay_published_total') > 0 ? scrape : undefined;
    }))!;
    const appends = moved(before, after, 'switchboard_event_store_append_duration_seconds_count');
    expect(appends).toBeGreaterThanOrEqual(4);
    expect(moved(before, after, 'switchboard_event_store_append_events_sum')).toBeGreaterThanOrEqual(appends);
    expect(after.value('switchboard_relay_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(after.labelValues('switchboard_consumer_pending', 'consumer')).toContain('router');
    expect(after.value('process_cpu_seconds_total')).toBeGreaterThan(0);
  });

  it('counts requests refused by a rate limit, by the budget that ran out', async () => {
    const start = await scrapeMetrics(app.url);
    const answers = await Promise.all(
      Array.from({ length: 15 }, () => callWeb(app.url, 'agent', 'list_chats', {}, { token: conversation.ownerToken })),
    );
    const refused = answers.filter((a) => a.status === 429).length;
    expect(refused).toBeGreaterThan(0);
    const after = await scrapeMetrics(app.url);
    expect(moved(start, after, 'switchboard_rate_limit_rejections_total', { kind: 'token' })).toBe(refused);
    expect(moved(start, after, 'switchboard_requests_total', { api: 'agent', action: 'list_chats', outcome: 'too_many_requests' })).toBe(refused);
  });

  it('gives every Web API request a request id, echoed to the client and carried by its log line with the correlation id', async () => {
    expect(conversation.sendEventHeaders.get('x-request-id')).toBe(REQUEST_ID);
    const response = await fetch(`${app.url}/v3.4/agent/action/list_chats`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const line = jsonLines(app.output()).find((l) => l.request_id === REQUEST_ID);
    expect(line).toMatchObject({ level: 'debug', name: 'switchboard', context: 'api', correlation_id: CORRELATION_ID, outcome: 'ok' });
    expect(line?.msg).toMatch(/^customer send_event ok in \d+ ms$/);
  });

  it('writes only JSON lines, and never a token or the admin token', () => {
    const lines = jsonLines(app.output());
    expect(lines.some((l) => String(l.msg).includes('listening on'))).toBe(true);
    for (const line of lines) expect(line).toEqual(expect.objectContaining({ level: expect.any(String), time: expect.any(String), msg: expect.any(String) }));
    for (const secret of [adminToken, conversation.ownerToken, conversation.agentToken, conversation.customerToken]) {
      expect(app.output()).not.toContain(secret);
    }
  });

  it('counts the RTM connection gone once the client closes it', async () => {
    const start = await scrapeMetrics(app.url);
    conversation.agent.close();
    const after = (await waitFor(async () => {
      const scrape = await scrapeMetrics(app.url);
      return scrape.value('switchboard_rtm_connections', { api: 'agent' }) === 0 ? scrape : undefined;
    }))!;
    expect(moved(start, after, 'switchboard_rtm_disconnects_total', { api: 'agent', reason: 'client_closed' })).toBe(1);
  });
});
