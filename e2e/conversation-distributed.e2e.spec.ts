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
import { checkConversationKept, holdConversation, Urls } from './conversation.scenario';

const APPS = ['configuration', 'customer-gateway', 'router', 'event-relay', 'agent-gateway', 'agent-gateway'] as const;

describeWithPostgresAndNats('first conversation, distributed mode (every app its own process)', () => {
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
    await jsm.streams.delete(`CONV_${token}`).catch(() => undefined);
    await nc.close();
    await database?.drop();
  });

  const startAll = async (): Promise<Urls> => {
    const env = {
      DATABASE_URL: database.url,
      NATS_URL: TEST_NATS_URL,
      EVENTS_STREAM: `CONV_${token}`,
      EVENTS_SUBJECT_PREFIX: `conv${token}`,
      ADMIN_TOKEN: adminToken,
      DATABASE_POOL_SIZE: '4',
    };
    running = await Promise.all(APPS.map((app, i) => spawnApp(app, env, { label: `${app}#${i}` })));
    const url = (name: string) => running.filter((a) => a.name.startsWith(`${name}#`)).map((a) => a.url);
    return { configuration: url('configuration')[0], customer: url('customer-gateway')[0], agent: url('agent-gateway') };
  };

  it('holds the conversation across processes over NATS and PostgreSQL — agent on one gateway replica, reply through the other — and keeps it across restarts', async () => {
    const urls = await startAll();
    expect(urls.agent).toHaveLength(2);
    const conversation = await holdConversation(urls, adminToken);

    const codes = await Promise.all(running.map((app) => app.stop('SIGTERM', 20000)));
    expect(codes).toEqual(running.map(() => 0));

    await checkConversationKept(await startAll(), conversation);
  }, 180_000);
});
