import { describeWithPostgresAndNats, TestDeployment } from '@switchboard/testing';
import { checkAgentSession, startPageServer } from './session.scenario';

describeWithPostgresAndNats('agent sessions and link previews, distributed mode (two agent gateways, two customer gateways over NATS)', () => {
  let deployment: TestDeployment;
  let pages: Awaited<ReturnType<typeof startPageServer>>;
  let customer: string;
  let guardedCustomer: string;

  beforeAll(async () => {
    pages = await startPageServer();
    deployment = await TestDeployment.create('session', { RATE_LIMITS: 'off' });
    const [allowing, guarded] = await Promise.all([
      deployment.start('customer-gateway', { URL_INFO_ALLOW_PRIVATE: '1' }),
      deployment.start('customer-gateway'),
      deployment.startAll(['configuration', 'event-relay', 'router', 'agent-gateway', 'agent-gateway']),
    ]);
    customer = allowing.url;
    guardedCustomer = guarded.url;
  }, 240_000);
  afterAll(async () => {
    await deployment?.destroy();
    await pages?.close();
  });

  it('login gives the initial state and only the pushes asked for on every gateway; away on every connection stops chats; customers preview links, loopback refused by default', async () => {
    await checkAgentSession(
      { configuration: deployment.url('configuration'), customer, guardedCustomer, agent: deployment.urls('agent-gateway') },
      deployment.adminToken,
      'SessDist',
      pages.base,
    );
  }, 240_000);
});
