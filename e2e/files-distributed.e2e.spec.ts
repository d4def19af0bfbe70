import { describeWithPostgresAndNats, TestDeployment } from '@switchboard/testing';
import { checkFiles } from './files.scenario';

describeWithPostgresAndNats('files, distributed mode (configuration, router, customer gateway and two agent gateways over NATS)', () => {
  let deployment: TestDeployment;

  beforeAll(async () => {
    deployment = await TestDeployment.create('files', { RATE_LIMITS: 'off' });
    await deployment.startAll(['configuration', 'event-relay', 'router', 'customer-gateway', 'agent-gateway', 'agent-gateway']);
  }, 240_000);
  afterAll(() => deployment?.destroy());

  it('a file uploaded on one gateway is sent, heard and downloaded through the others; bad uploads and foreign files are refused', async () => {
    await checkFiles(
      { configuration: deployment.url('configuration'), customer: deployment.url('customer-gateway'), agent: deployment.urls('agent-gateway') },
      deployment.adminToken,
      'FilesDist',
    );
  }, 240_000);
});
