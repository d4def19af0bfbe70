import { describeWithPostgresAndNats, TestDeployment } from '@switchboard/testing';
import { checkQueues } from './queues.scenario';

describeWithPostgresAndNats('queues with positions, distributed mode (the router process keeps the queues)', () => {
  let deployment: TestDeployment;

  beforeAll(async () => {
    // A minute of the router's timers lasts 2 s here, so the queue timeout is seen in seconds.
    deployment = await TestDeployment.create('queues', { RATE_LIMITS: 'off', ROUTING_MINUTE_MS: '2000' });
    await deployment.startAll(['configuration', 'event-relay', 'router', 'customer-gateway', 'agent-gateway']);
  }, 180_000);
  afterAll(() => deployment?.destroy());

  it('positions reach agents and customers across processes; the limit, the timeout archive, no queue', async () => {
    await checkQueues(
      { configuration: deployment.url('configuration'), customer: deployment.url('customer-gateway'), agent: deployment.url('agent-gateway') },
      deployment.adminToken,
      'DistQueues',
    );
  }, 240_000);
});
