import { describeWithPostgresAndNats, TestDeployment } from '@switchboard/testing';
import { checkCustomers } from './customers.scenario';

describeWithPostgresAndNats('customers in the Agent Chat API and the customer\'s own profile, distributed mode (two agent gateways, a customer gateway)', () => {
  let deployment: TestDeployment;

  beforeAll(async () => {
    deployment = await TestDeployment.create('customers', { RATE_LIMITS: 'off' });
    await deployment.startAll(['configuration', 'event-relay', 'customer-gateway', 'agent-gateway', 'agent-gateway']);
  }, 180_000);
  afterAll(() => deployment?.destroy());

  it('agents create, read, list, update, follow and ban customers across gateway processes; pushes reach exactly the agents who may see the customer', async () => {
    await checkCustomers(
      { configuration: deployment.url('configuration'), customer: deployment.url('customer-gateway'), agent: deployment.urls('agent-gateway') },
      deployment.adminToken,
      'Dist',
    );
  }, 300_000);
});
