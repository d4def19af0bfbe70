import { connect } from 'nats';
import { createTestDatabase, describeWithPostgresAndNats, spawnApp, SpawnedApp, START_TIMEOUT_MS, TEST_NATS_URL, TestDatabase, uniqueToken } from '@switchboard/testing';
import { checkInactivity, TEST_MINUTE_MS } from './routing-inactivity.scenario';

/** Two routers: the timer's lease lets one sweep, and a close is never made twice. */
const APPS = ['configuration', 'customer-gateway', 'router', 'router', 'event-relay', 'agent-gateway'] as const;

describeWithPostgresAndNats('inactivity timer, distributed mode (two routers)', () => {
  let database: TestDatabase;
  let running: SpawnedApp[] = [];
  const token = uniqueToken();
  const adminToken = `admin-${token}`;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await Promise.all(running.map((app) => app.stop('SIGKILL')));
    const nc = await connect({ servers: TEST_NATS_URL });
    const jsm = await nc.jetstreamManager();
    await jsm.streams.delete(`IDLE_${token}`).catch(() => undefined);
    await nc.close();
    await database?.drop();
  });

  it('archives a silent chat with routing.archived_inactive once and marks a silent continuous chat idle, seen by both sides', async () => {
    const env = {
      DATABASE_URL: database.url,
      NATS_URL: TEST_NATS_URL,
      EVENTS_STREAM: `IDLE_${token}`,
      EVENTS_SUBJECT_PREFIX: `idle${token}`,
      ADMIN_TOKEN: adminToken,
      DATABASE_POOL_SIZE: '4',
      ROUTING_MINUTE_MS: String(TEST_MINUTE_MS),
    };
    running = await Promise.all(APPS.map((app, i) => spawnApp(app, env, { label: `${app}#${i}` })));
    const url = (name: string) => running.find((a) => a.name.startsWith(`${name}#`))!.url;
    await checkInactivity({ configuration: url('configuration'), customer: url('customer-gateway'), agent: url('agent-gateway') }, adminToken);
  }, START_TIMEOUT_MS + 90_000);
});
