import { connect } from 'nats';
import {
  callWeb,
  createTestDatabase,
  describeWithPostgresAndNats,
  spawnApp,
  SpawnedApp,
  TEST_NATS_URL,
  TestDatabase,
  uniqueToken,
} from '@switchboard/testing';
import { createOrganization } from './conversation.scenario';

const APPS = ['configuration', 'event-relay', 'agent-gateway', 'agent-gateway'] as const;

describeWithPostgresAndNats('rate limits, distributed mode (two agent-gateway replicas)', () => {
  let database: TestDatabase;
  let running: SpawnedApp[] = [];
  const token = uniqueToken();
  const adminToken = `admin-${token}`;

  beforeAll(async () => {
    database = await createTestDatabase();
    const env = {
      DATABASE_URL: database.url,
      NATS_URL: TEST_NATS_URL,
      EVENTS_STREAM: `LIMITS_${token}`,
      EVENTS_SUBJECT_PREFIX: `limits${token}`,
      ADMIN_TOKEN: adminToken,
      DATABASE_POOL_SIZE: '4',
      RATE_LIMIT_PER_TOKEN: '10/10',
    };
    running = await Promise.all(APPS.map((app, i) => spawnApp(app, env, { label: `${app}#${i}`, timeoutMs: 120_000 })));
  }, 180_000);
  afterAll(async () => {
    await Promise.all(running.map((app) => app.stop('SIGKILL')));
    const nc = await connect({ servers: TEST_NATS_URL });
    await (await nc.jetstreamManager()).streams.delete(`LIMITS_${token}`).catch(() => undefined);
    await nc.close();
    await database?.drop();
  });

  it("a token's request rate holds across replicas: spread over two gateways it gets what it would get from one", async () => {
    const configuration = running.find((a) => a.name.startsWith('configuration#'))!.url;
    const gateways = running.filter((a) => a.name.startsWith('agent-gateway#')).map((a) => a.url);
    const { ownerToken } = await createOrganization(configuration, adminToken);
    const seconds = 3;
    const deadline = Date.now() + seconds * 1000;
    const admitted = [0, 0];
    let refused = 0;
    await Promise.all(
      gateways.flatMap((url, replica) =>
        Array.from({ length: 6 }, async () => {
          while (Date.now() < deadline) {
            const { status } = await callWeb(url, 'agent', 'list_chats', {}, { token: ownerToken });
            if (status === 200) admitted[replica]++;
            else if (status === 429) refused++;
            else throw new Error(`unexpected status ${status}`);
          }
        }),
      ),
    );
    const total = admitted[0] + admitted[1];
    console.log(`per-token limit 10/s, burst 10, ${seconds} s over 2 replicas: admitted ${admitted.join(' + ')} = ${total}, refused ${refused}`);
    // One replica alone would admit about 10 + 10 × 3 = 40; two unaware replicas twice that.
    expect(admitted[0]).toBeGreaterThan(0);
    expect(admitted[1]).toBeGreaterThan(0);
    expect(total).toBeLessThanOrEqual(56);
    expect(refused).toBeGreaterThan(total);
  }, 120_000);
});
