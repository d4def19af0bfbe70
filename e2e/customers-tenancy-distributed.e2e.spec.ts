import { describeWithPostgresAndNats, TestDeployment } from '@switchboard/testing';
import { checkCustomerTenancy } from './customers-tenancy.scenario';

describeWithPostgresAndNats('two organizations and their customers, distributed mode (two agent-gateway replicas)', () => {
  let deployment: TestDeployment;

  beforeAll(async () => {
    deployment = await TestDeployment.create('customertenancy', { RATE_LIMITS: 'off' });
    await deployment.startAll(['configuration', 'event-relay', 'agent-gateway', 'agent-gateway', 'customer-gateway']);
  }, 180_000);
  afterAll(async () => {
    await deployment?.destroy();
  });

  it("no customer method of either chat API reads, changes or hears another organization's customer", async () => {
    await checkCustomerTenancy(
      { configuration: deployment.url('configuration'), agent: deployment.urls('agent-gateway'), customer: deployment.url('customer-gateway') },
      deployment.adminToken,
      'CustTenancy',
    );
  }, 240_000);
});
