import { describeWithPostgresAndNats, TestDeployment } from '@switchboard/testing';
import { checkFileExpiry, checkFiles } from './files.scenario';

/** Short enough to wait out, long enough for the main scenario to use its files in time. */
const TTL_SECONDS = 10;

describeWithPostgresAndNats('files, distributed mode (configuration, router, customer gateway and two agent gateways over NATS)', () => {
  let deployment: TestDeployment;

  beforeAll(async () => {
    deployment = await TestDeployment.create('files', { RATE_LIMITS: 'off', FILE_UNUSED_TTL_SECONDS: String(TTL_SECONDS) });
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

  it('a file used in an event outlives FILE_UNUSED_TTL_SECONDS on every gateway; an unused one is no longer served and refused in send_event', async () => {
    await checkFileExpiry(
      { configuration: deployment.url('configuration'), customer: deployment.url('customer-gateway'), agent: deployment.urls('agent-gateway') },
      deployment.adminToken,
      'FilesDist',
      TTL_SECONDS,
    );
  }, 120_000);
});
