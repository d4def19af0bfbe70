import { describeWithPostgresAndNats, START_TIMEOUT_MS, TestDeployment } from '@switchboard/testing';
import { runConcurrently } from './routing-concurrency.scenario';

const APPS = ['configuration', 'customer-gateway', 'agent-gateway', 'event-relay', 'router', 'router'] as const;

/** ROUTING_CONCURRENCY_SEED repeats a failed run. */
const SEED = Number(process.env.ROUTING_CONCURRENCY_SEED ?? Math.floor(Math.random() * 2 ** 31));

describeWithPostgresAndNats('the router under concurrency: two replicas, one killed (real PostgreSQL and NATS)', () => {
  let deployment: TestDeployment;

  beforeAll(async () => {
    deployment = await TestDeployment.create('race', { DATABASE_POOL_SIZE: '6', RATE_LIMITS: 'off', RTM_IDLE_TIMEOUT_MS: '600000' });
    await deployment.startAll(APPS);
  }, START_TIMEOUT_MS + 60_000);
  afterAll(() => deployment?.destroy());

  it('never seats an agent past max_chats_count, never assigns a thread twice, and leaves every chat assigned, queued or closed — none with an offline agent', async () => {
    const [firstRouter] = deployment.apps.filter((a) => a.name.startsWith('router#'));
    const violations = await runConcurrently({
      urls: { configuration: deployment.url('configuration'), customer: deployment.url('customer-gateway'), agent: deployment.url('agent-gateway') },
      adminToken: deployment.adminToken,
      databaseUrl: deployment.databaseUrl,
      seed: SEED,
      chats: 200,
      agents: 20,
      durationMs: 30_000,
      midRun: async () => void (await firstRouter.stop('SIGKILL')),
    });
    if (violations.length > 0) throw new Error(`seed ${SEED} (ROUTING_CONCURRENCY_SEED=${SEED} repeats it):\n${violations.slice(0, 30).join('\n')}`);
  }, 120_000);
});
