import { describeWithPostgresAndNats, TestDeployment } from '@switchboard/testing';
import { checkGroups } from './groups.scenario';

describeWithPostgresAndNats('groups, distributed mode (configuration process, agent gateway over NATS)', () => {
  let deployment: TestDeployment;

  beforeAll(async () => {
    deployment = await TestDeployment.create('groups', { RATE_LIMITS: 'off' });
    await deployment.startAll(['configuration', 'event-relay', 'agent-gateway']);
  }, 180_000);
  afterAll(() => deployment?.destroy());

  it('an integrator creates, reads, lists, updates and deletes groups; agents on the gateway hear it; another organization cannot touch them', async () => {
    await checkGroups({ configuration: deployment.url('configuration'), agent: deployment.urls('agent-gateway') }, deployment.adminToken, 'Dist');
  }, 180_000);
});
