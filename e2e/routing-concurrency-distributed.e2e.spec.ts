import { connect } from 'nats';
import { createTestDatabase, describeWithPostgresAndNats, spawnApp, SpawnedApp, START_TIMEOUT_MS, TEST_NATS_URL, TestDatabase, uniqueToken } from '@switchboard/testing';
import { runConcurrently } from './routing-concurrency.scenario';

const APPS = ['configuration', 'customer-gateway', 'agent-gateway', 'event-relay', 'router', 'router'] as const;

/** ROUTING_CONCURRENCY_SEED repeats a failed run. */
const SEED = Number(process.env.ROUTING_CONCURRENCY_SEED ?? Math.floor(Math.random() * 2 ** 31));

describeWithPostgresAndNats('the router under concurrency: two replicas, one killed (real PostgreSQL and NATS)', () => {
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
    await jsm.streams.delete(`RACE_${token}`).catch(() => undefined);
    await nc.close();
    await database?.drop();
  });

  it('never seats an agent past max_chats_count, never assigns a thread twice, and leaves every chat assigned, queued or closed — none with an offline agent', async () => {
    const env = {
      DATABASE_URL: database.url,
      NATS_URL: TEST_NATS_URL,
      EVENTS_STREAM: `RACE_${token}`,
      EVENTS_SUBJECT_PREFIX: `race${token}`,
      ADMIN_TOKEN: adminToken,
      DATABASE_POOL_SIZE: '6',
      RATE_LIMITS: 'off',
      RTM_IDLE_TIMEOUT_MS: '600000',
    };
    running = await Promise.all(APPS.map((app, i) => spawnApp(app, env, { label: `${app}#${i}` })));
    const url = (name: string) => running.find((a) => a.name.startsWith(`${name}#`))!.url;
    const routers = running.filter((a) => a.name.startsWith('router#'));
    const violations = await runConcurrently({
      urls: { configuration: url('configuration'), customer: url('customer-gateway'), agent: url('agent-gateway') },
      adminToken,
      databaseUrl: database.url,
      seed: SEED,
      chats: 200,
      agents: 20,
      durationMs: 30_000,
      midRun: async () => void (await routers[0].stop('SIGKILL')),
    });
    if (violations.length > 0) throw new Error(`seed ${SEED} (ROUTING_CONCURRENCY_SEED=${SEED} repeats it):\n${violations.slice(0, 30).join('\n')}`);
  }, START_TIMEOUT_MS + 120_000);
});
