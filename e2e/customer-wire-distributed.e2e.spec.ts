import { describeWithPostgresAndNats, TestDeployment } from '@switchboard/testing';
import { checkBrowserAccess, checkCustomerWire } from './customer-wire.scenario';

describeWithPostgresAndNats('the customer wire of v3.4 and v3.5, distributed mode (the router assigns chats)', () => {
  let deployment: TestDeployment;

  beforeAll(async () => {
    deployment = await TestDeployment.create('customer-wire', { RATE_LIMITS: 'off' });
    await deployment.startAll(['configuration', 'event-relay', 'router', 'customer-gateway', 'agent-gateway']);
  }, 180_000);
  afterAll(() => deployment?.destroy());

  it('group statuses reach v3.5 customers across processes; request_id only on the pushes that answer a request', async () => {
    await checkCustomerWire(
      { configuration: deployment.url('configuration'), customer: deployment.url('customer-gateway'), agent: deployment.url('agent-gateway') },
      deployment.adminToken,
      'Dist',
    );
  }, 240_000);

  it('each process answers browsers: the customer gateway allows another site, the agent gateway and configuration do not', async () => {
    await checkBrowserAccess(
      { configuration: deployment.url('configuration'), customer: deployment.url('customer-gateway'), agent: deployment.url('agent-gateway') },
      deployment.adminToken,
      'DistCors',
    );
  }, 120_000);
});
