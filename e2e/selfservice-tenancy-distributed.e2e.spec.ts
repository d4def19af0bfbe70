import { describeWithPostgresAndNats, TestDeployment } from '@switchboard/testing';
import { checkSelfServiceTenancy } from './selfservice-tenancy.scenario';

describeWithPostgresAndNats('two organizations and the customer self-service, distributed mode (two customer gateways)', () => {
  let deployment: TestDeployment;

  beforeAll(async () => {
    deployment = await TestDeployment.create('selftenancy', { RATE_LIMITS: 'off' });
    await deployment.startAll(['configuration', 'event-relay', 'router', 'agent-gateway', 'customer-gateway', 'customer-gateway']);
  }, 240_000);
  afterAll(async () => {
    await deployment?.destroy();
  });

  it("no customer reads or changes another organization's customer, visit or auto access through get_customer, login or update_customer_page", async () => {
    const urls = { configuration: deployment.url('configuration'), agent: deployment.urls('agent-gateway'), customer: deployment.urls('customer-gateway') };
    await checkSelfServiceTenancy(urls, deployment.adminToken, 'SelfTen');
  }, 240_000);
});
