import { connect } from 'nats';
import { Client } from 'pg';
import {
  createTestDatabase,
  describeWithPostgresAndNats,
  Scrape,
  scrapeMetrics,
  spawnApp,
  SpawnedApp,
  TEST_NATS_URL,
  TestDatabase,
  uniqueToken,
  waitFor,
} from '@switchboard/testing';
import { CORRELATION_ID, jsonLines, moved, ObservedConversation, observedConversation, REQUEST_ID, scrapeAll } from './observability.scenario';

const APPS = ['configuration', 'customer-gateway', 'agent-gateway', 'router', 'event-relay'] as const;
type App = (typeof APPS)[number];

/** Trust authentication ignores it, so it never matters — except that it must never be logged. */
const DATABASE_PASSWORD = 'never-logged-database-password';

/**
 * What an SRE sees of the distributed mode: each app its own `/metrics`
 * (requests on the gateways, appends where commands run, the relay's
 * progress, the router's consumer) and JSON logs without secrets.
 */
describeWithPostgresAndNats('metrics and logs, distributed mode', () => {
  let database: TestDatabase;
  let running: SpawnedApp[] = [];
  let before: Record<App, Scrape>;
  let conversation: ObservedConversation;
  const token = uniqueToken();
  const adminToken = `admin-${token}-operator`;
  const stream = `OBS_${token}`;
  const url = (app: App): string => running.find((a) => a.name === app)!.url;
  const scrape = (app: App): Promise<Scrape> => scrapeMetrics(url(app));

  beforeAll(async () => {
    database = await createTestDatabase();
    const databaseUrl = new URL(database.url);
    databaseUrl.password = DATABASE_PASSWORD;
    const env = {
      DATABASE_URL: databaseUrl.toString(),
      NATS_URL: TEST_NATS_URL,
      EVENTS_STREAM: stream,
      EVENTS_SUBJECT_PREFIX: `obs${token}`,
      ADMIN_TOKEN: adminToken,
      DATABASE_POOL_SIZE: '3',
    };
    running = await Promise.all(APPS.map((app) => spawnApp(app, env, { timeoutMs: 120_000 })));
    const scrapes = await scrapeAll(APPS.map(url));
    before = Object.fromEntries(APPS.map((app, i) => [app, scrapes[i]])) as Record<App, Scrape>;
    conversation = await observedConversation(
      { configuration: url('configuration'), customer: url('customer-gateway'), agent: [url('agent-gateway')] },
      adminToken,
    );
  }, 240_000);
  afterAll(async () => {
    conversation?.agent.close();
    await Promise.all(running.map((app) => app.stop('SIGKILL')));
    const nc = await connect({ servers: TEST_NATS_URL });
    await (await nc.jetstreamManager()).streams.delete(stream).catch(() => undefined);
    await nc.close();
    await database?.drop();
  });

  it('every app answers /metrics in the Prometheus text format, with its process metrics', async () => {
    for (const app of APPS) {
      const metrics = await scrape(app);
      expect({ app, cpu: metrics.value('process_cpu_seconds_total') > 0 }).toEqual({ app, cpu: true });
    }
  });

  it('the gateways count requests, RTM connections, logins and pushes; commands time their appends', async () => {
    const [customer, agent] = await scrapeAll([url('customer-gateway'), url('agent-gateway')]);
    const customerSend = { api: 'customer', action: 'send_event', transport: 'web', outcome: 'ok' };
    expect(moved(before['customer-gateway'], customer, 'switchboard_requests_total', customerSend)).toBe(1);
    expect(moved(before['customer-gateway'], customer, 'switchboard_request_duration_seconds_count', customerSend)).toBe(1);
    expect(moved(before['customer-gateway'], customer, 'switchboard_event_store_append_duration_seconds_count')).toBeGreaterThanOrEqual(2);
    expect(moved(before['agent-gateway'], agent, 'switchboard_requests_total', { api: 'agent', action: 'send_event', transport: 'rtm', outcome: 'ok' })).toBe(1);
    expect(agent.value('switchboard_rtm_connections', { api: 'agent' })).toBe(1);
    expect(moved(before['agent-gateway'], agent, 'switchboard_rtm_logins_total', { api: 'agent', outcome: 'ok' })).toBe(1);
    expect(moved(before['agent-gateway'], agent, 'switchboard_pushes_total', { api: 'agent', action: 'incoming_event' })).toBeGreaterThanOrEqual(1);
  });

  it('the relay counts what it published and its lag; the router reports its consumer', async () => {
    const relay = (await waitFor(async () => {
      const metrics = await scrape('event-relay');
      return moved(before['event-relay'], metrics, 'switchboard_relay_published_total') >= 4 ? metrics : undefined;
    }, 20_000))!;
    expect(relay.value('switchboard_relay_lag_seconds')).toBeGreaterThanOrEqual(0);
    const router = (await waitFor(async () => {
      const metrics = await scrape('router');
      return metrics.labelValues('switchboard_consumer_pending', 'consumer').includes('router') ? metrics : undefined;
    }, 20_000))!;
    // The router appended the assignment.
    expect(moved(before.router, router, 'switchboard_event_store_append_duration_seconds_count')).toBeGreaterThanOrEqual(1);
  });

  it("the Web API request's correlation id reaches the metadata of the event it appended", async () => {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ metadata: Record<string, unknown> }>(
        `SELECT metadata FROM events WHERE metadata->>'correlation_id' = $1`,
        [CORRELATION_ID],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0].metadata).toMatchObject({ command: 'send_event', requester_type: 'customer' });
    } finally {
      await client.end();
    }
    expect(conversation.sendEventHeaders.get('x-request-id')).toBe(REQUEST_ID);
  });

  it('every app writes JSON lines only, and never the database password, the admin token or an access token', () => {
    for (const app of running) {
      const lines = jsonLines(app.output());
      expect(lines.find((l) => String(l.msg).includes('listening on'))).toMatchObject({ level: 'info', name: app.name });
      for (const secret of [DATABASE_PASSWORD, adminToken, conversation.ownerToken, conversation.agentToken, conversation.customerToken]) {
        expect({ app: app.name, leaked: app.output().includes(secret) }).toEqual({ app: app.name, leaked: false });
      }
    }
  });
});
