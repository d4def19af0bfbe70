import { connect } from 'nats';
import {
  createTestDatabase,
  describeWithPostgresAndNats,
  spawnApp,
  SpawnedApp,
  TEST_NATS_URL,
  TestDatabase,
  uniqueToken,
} from '@switchboard/testing';
import { checkAccessEndsEverywhere, createTeam } from './identity.scenario';

const APPS = ['configuration', 'event-relay', 'agent-gateway', 'agent-gateway'] as const;

describeWithPostgresAndNats('identity, distributed mode (two agent-gateway replicas)', () => {
  let database: TestDatabase;
  let running: SpawnedApp[] = [];
  const token = uniqueToken();
  const adminToken = `admin-${token}`;

  beforeAll(async () => {
    database = await createTestDatabase();
    const env = {
      DATABASE_URL: database.url,
      NATS_URL: TEST_NATS_URL,
      EVENTS_STREAM: `IDENT_${token}`,
      EVENTS_SUBJECT_PREFIX: `ident${token}`,
      ADMIN_TOKEN: adminToken,
      DATABASE_POOL_SIZE: '4',
      RATE_LIMITS: 'off',
    };
    running = await Promise.all(APPS.map((app, i) => spawnApp(app, env, { label: `${app}#${i}`, timeoutMs: 120_000 })));
  }, 180_000);
  afterAll(async () => {
    await Promise.all(running.map((app) => app.stop('SIGKILL')));
    const nc = await connect({ servers: TEST_NATS_URL });
    await (await nc.jetstreamManager()).streams.delete(`IDENT_${token}`).catch(() => undefined);
    await nc.close();
    await database?.drop();
  });

  it('a deletion, suspension, demotion or revocation made through one process takes effect on every gateway replica', async () => {
    const url = (name: string) => running.filter((a) => a.name.startsWith(`${name}#`)).map((a) => a.url);
    const urls = { configuration: url('configuration')[0], agent: url('agent-gateway') };
    expect(urls.agent).toHaveLength(2);
    // Tokens issued by the configuration process work at once on both gateways (first sight: a database look-up).
    const timings = await checkAccessEndsEverywhere(urls, await createTeam(urls, adminToken, 'Dist'));
    console.log(`access ended on every replica after (ms): ${JSON.stringify(timings)}`);
  }, 180_000);
});
