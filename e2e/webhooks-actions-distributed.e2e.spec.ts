import { describeWithPostgresAndNats, START_TIMEOUT_MS, TestDeployment } from '@switchboard/testing';
import * as scenario from './webhooks-actions.scenario';

const APPS = ['configuration', 'customer-gateway', 'agent-gateway', 'event-relay', 'router', 'webhook-dispatcher'] as const;

describeWithPostgresAndNats('all 36 webhook actions, delivered to a real receiver, distributed mode (real PostgreSQL and NATS)', () => {
  let deployment: TestDeployment;
  let heard: scenario.Heard;

  beforeAll(async () => {
    deployment = await TestDeployment.create('whactions', { RATE_LIMITS: 'off' });
    await deployment.startAll(APPS);
    const urls = { configuration: deployment.url('configuration'), agent: deployment.url('agent-gateway'), customer: deployment.url('customer-gateway') };
    heard = await scenario.hearEveryAction(urls, deployment.adminToken, 'ActsD');
  }, START_TIMEOUT_MS + 60_000);
  afterAll(async () => {
    await heard?.receiver.close();
    await deployment?.destroy();
  });

  scenario.itHearsEveryAction(() => heard);
});
