import { describeWithPostgresAndNats, START_TIMEOUT_MS, TestDeployment } from '@switchboard/testing';
import { checkInactivity, TEST_MINUTE_MS } from './routing-inactivity.scenario';

/** Two routers: the timer's lease lets one sweep, and a close is never made twice. */
const APPS = ['configuration', 'customer-gateway', 'router', 'router', 'event-relay', 'agent-gateway'] as const;

describeWithPostgresAndNats('inactivity timer, distributed mode (two routers)', () => {
  let deployment: TestDeployment;

  beforeAll(async () => {
    deployment = await TestDeployment.create('idle', { ROUTING_MINUTE_MS: String(TEST_MINUTE_MS) });
    await deployment.startAll(APPS);
  }, START_TIMEOUT_MS + 60_000);
  afterAll(() => deployment?.destroy());

  it('archives a silent chat with routing.archived_inactive once and marks a silent continuous chat idle, seen by both sides', async () => {
    await checkInactivity(
      { configuration: deployment.url('configuration'), customer: deployment.url('customer-gateway'), agent: deployment.url('agent-gateway') },
      deployment.adminToken,
    );
  }, 90_000);
});
