import { describeWithPostgresAndNats, TestDeployment } from '@switchboard/testing';
import { checkArchiveTenancy } from './archive-tenancy.scenario';

describeWithPostgresAndNats('two organizations searching archives, distributed mode (two agent-gateway replicas)', () => {
  let deployment: TestDeployment;

  beforeAll(async () => {
    deployment = await TestDeployment.create('archivetenancy', { RATE_LIMITS: 'off' });
    await deployment.startAll(['configuration', 'event-relay', 'router', 'agent-gateway', 'agent-gateway', 'customer-gateway']);
  }, 180_000);
  afterAll(async () => {
    await deployment?.destroy();
  });

  it("list_archives never finds another organization's threads, by words, tags, ids or page ids", async () => {
    await checkArchiveTenancy(
      { configuration: deployment.url('configuration'), agent: deployment.urls('agent-gateway'), customer: deployment.url('customer-gateway') },
      deployment.adminToken,
      'ArchiveTenancy',
    );
  }, 240_000);
});
