import { describeWithPostgresAndNats, START_TIMEOUT_MS, TestDeployment } from '@switchboard/testing';
import { DeliveryUrls } from './webhooks-delivery.scenario';
import { checkOperationsRefused, checkPauseAndResume, checkRetryAndDeadLetters, checkTimeRangeReplay, OPERATIONS_SETTINGS } from './webhooks-operations.scenario';

const APPS = ['configuration', 'customer-gateway', 'agent-gateway', 'event-relay', 'router', 'webhook-dispatcher', 'webhook-dispatcher'] as const;

describeWithPostgresAndNats('webhook operations API, distributed mode: two dispatcher replicas (real PostgreSQL and NATS)', () => {
  let deployment: TestDeployment;
  let urls: DeliveryUrls;

  beforeAll(async () => {
    deployment = await TestDeployment.create('webhook-ops', OPERATIONS_SETTINGS);
    await deployment.startAll(APPS);
    urls = { configuration: deployment.url('configuration'), customer: deployment.url('customer-gateway'), agent: deployment.url('agent-gateway') };
  }, START_TIMEOUT_MS + 60_000);
  afterAll(() => deployment?.destroy());

  it('shows attempts and the last error, retries now, and replays a dead delivery', async () => {
    await checkRetryAndDeadLetters(urls, deployment.adminToken, 'OpsRetryD');
  }, 60_000);

  it('replays a time range of delivered deliveries as new deliveries, in order', async () => {
    await checkTimeRangeReplay(urls, deployment.adminToken, 'OpsReplayD');
  }, 60_000);

  it('records but does not send while a webhook is paused, and sends everything in order on resume', async () => {
    await checkPauseAndResume(urls, deployment.adminToken, 'OpsPauseD');
  }, 60_000);

  it("refuses another organization's webhook as not_found, and invalid requests", async () => {
    await checkOperationsRefused(urls, deployment.adminToken, 'OpsRefuseD');
  }, 60_000);
});
