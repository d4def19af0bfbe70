import { describeWithPostgresAndNats, TestDeployment } from '@switchboard/testing';
import { checkWebhookRegistration } from './webhooks-registration.scenario';

describeWithPostgresAndNats('webhook registration, distributed mode (configuration process, WEBHOOK_BLOCK_PRIVATE_TARGETS=true)', () => {
  let deployment: TestDeployment;

  beforeAll(async () => {
    deployment = await TestDeployment.create('webhooks-registration', { RATE_LIMITS: 'off', WEBHOOK_BLOCK_PRIVATE_TARGETS: 'true' });
    await deployment.startAll(['configuration']);
  }, 180_000);
  afterAll(() => deployment?.destroy());

  it('applications register, list and unregister webhooks within the limit, turn license webhooks off and on; private targets are refused; another organization cannot touch them', async () => {
    await checkWebhookRegistration(deployment.url('configuration'), deployment.adminToken, 'HookDist', { blocksPrivateTargets: true });
  }, 120_000);
});
