import { describeWithPostgresAndNats, TestDeployment } from '@switchboard/testing';
import { checkAutoAccess } from './auto-access.scenario';

describeWithPostgresAndNats('auto access, distributed mode (configuration process, agent gateway over NATS)', () => {
  let deployment: TestDeployment;

  beforeAll(async () => {
    deployment = await TestDeployment.create('autoaccess', { RATE_LIMITS: 'off' });
    await deployment.startAll(['configuration', 'event-relay', 'agent-gateway']);
  }, 180_000);
  afterAll(() => deployment?.destroy());

  it('an integrator adds, lists, updates, reorders and deletes auto access rules; agents on the gateway hear it; another organization cannot touch them', async () => {
    await checkAutoAccess(
      { configuration: deployment.url('configuration'), agent: deployment.urls('agent-gateway') },
      deployment.adminToken,
      'Dist',
    );
  }, 240_000);
});
