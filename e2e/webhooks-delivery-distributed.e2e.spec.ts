import { describeWithPostgresAndNats, START_TIMEOUT_MS, TestDeployment } from '@switchboard/testing';
import { checkBotWebhooks, checkDeliveries, checkOutage, checkReplicaKilled, checkSlowReceiver, DeliveryUrls } from './webhooks-delivery.scenario';

const APPS = ['configuration', 'customer-gateway', 'agent-gateway', 'event-relay', 'router', 'webhook-dispatcher', 'webhook-dispatcher'] as const;

describeWithPostgresAndNats('webhook delivery, distributed mode: two dispatcher replicas (real PostgreSQL and NATS)', () => {
  let deployment: TestDeployment;
  let urls: DeliveryUrls;

  beforeAll(async () => {
    // An hour of the retry schedule takes 3 s; a dead replica's claims expire after 2 s.
    deployment = await TestDeployment.create('webhooks', { RATE_LIMITS: 'off', WEBHOOK_TIME_SCALE: '1200', WEBHOOK_SWEEP_MS: '100', WEBHOOK_CLAIM_MS: '2000' });
    await deployment.startAll(APPS);
    urls = { configuration: deployment.url('configuration'), customer: deployment.url('customer-gateway'), agent: deployment.url('agent-gateway') };
  }, START_TIMEOUT_MS + 60_000);
  afterAll(() => deployment?.destroy());

  it('delivers signed LiveChat envelopes with the additional data, filtered, and nothing while license webhooks are disabled', async () => {
    await checkDeliveries(urls, deployment.adminToken, 'HookD');
  }, 60_000);

  it('after a receiver was down for an hour, delivers every message once, each chat in order, and counts it in the metrics', async () => {
    await checkOutage(urls, deployment.adminToken, 'OutageD', 3000, deployment.urls('webhook-dispatcher'));
  }, 90_000);

  it('does not let a receiver answering in 5 s slow down another', async () => {
    await checkSlowReceiver(urls, deployment.adminToken, 'SlowD');
  }, 60_000);

  it('delivers bot webhooks only while the bot is not offline', async () => {
    await checkBotWebhooks(urls, deployment.adminToken, 'BotD');
  }, 60_000);

  it('loses nothing when a dispatcher replica is killed mid-delivery; repeats carry the same delivery id', async () => {
    const [first] = deployment.apps.filter((a) => a.name.startsWith('webhook-dispatcher#'));
    const repeats = await checkReplicaKilled(urls, deployment.adminToken, 'KillD', async () => void (await first.stop('SIGKILL')));
    expect(repeats).toBeLessThan(48);
  }, 150_000);
});
