import { describeWithPostgresAndNats, TestDeployment } from '@switchboard/testing';
import { checkTenancy } from './tenancy.scenario';

describeWithPostgresAndNats('two organizations, distributed mode', () => {
  let deployment: TestDeployment;

  beforeAll(async () => {
    deployment = await TestDeployment.create('tenancy', { RATE_LIMITS: 'off' });
    await deployment.startAll(['configuration', 'event-relay', 'agent-gateway']);
  }, 180_000);
  afterAll(async () => {
    await deployment?.destroy();
  });

  it("no Configuration API method or account endpoint reads or changes another organization's agents, groups, bots, rules, properties or applications", async () => {
    await checkTenancy({ configuration: deployment.url('configuration'), agent: deployment.urls('agent-gateway') }, deployment.adminToken, 'Tenancy');
  }, 240_000);
});
