import { describeWithPostgresAndNats, TestDeployment } from '@switchboard/testing';
import { checkArchive } from './archive.scenario';

describeWithPostgresAndNats('the archive (list_archives), distributed mode (two agent-gateway replicas)', () => {
  let deployment: TestDeployment;

  beforeAll(async () => {
    deployment = await TestDeployment.create('archive', { RATE_LIMITS: 'off' });
    await deployment.startAll(['configuration', 'event-relay', 'router', 'agent-gateway', 'agent-gateway', 'customer-gateway']);
  }, 180_000);
  afterAll(async () => {
    await deployment?.destroy();
  });

  it('finds threads by their words, files and forms, with every filter, page by page, only where the agent may look', async () => {
    await checkArchive(
      { configuration: deployment.url('configuration'), agent: deployment.urls('agent-gateway'), customer: deployment.url('customer-gateway') },
      deployment.adminToken,
      'Archive',
    );
  }, 240_000);
});
