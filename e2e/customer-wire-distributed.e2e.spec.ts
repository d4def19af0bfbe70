import { describeWithPostgresAndNats, TestDeployment } from '@switchboard/testing';
import { checkCustomerWire } from './customer-wire.scenario';

describeWithPostgresAndNats('the customer wire of v3.4 and v3.5, distributed mode', () => {
  let deployment: TestDeployment;

  beforeAll(async () => {
    deployment = await TestDeployment.create('customer-wire', { RATE_LIMITS: 'off' });
    await deployment.startAll(['configuration', 'event-relay', 'customer-gateway', 'agent-gateway']);
  }, 180_000);
  afterAll(() => deployment?.destroy());

  it('group statuses reach v3.5 customers across processes; request_id only on the pushes that answer a request', async () => {
    await checkCustomerWire(
      { configuration: deployment.url('configuration'), customer: deployment.url('customer-gateway'), agent: deployment.url('agent-gateway') },
      deployment.adminToken,
      'Dist',
    );
  }, 240_000);
});
