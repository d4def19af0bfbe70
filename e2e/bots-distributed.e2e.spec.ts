import { describeWithPostgresAndNats, TestDeployment } from '@switchboard/testing';
import { checkBots } from './bots.scenario';

describeWithPostgresAndNats('bots, distributed mode (configuration, router, customer gateway and two agent gateways over NATS)', () => {
  let deployment: TestDeployment;

  beforeAll(async () => {
    deployment = await TestDeployment.create('bots', { RATE_LIMITS: 'off' });
    await deployment.startAll(['configuration', 'event-relay', 'router', 'customer-gateway', 'agent-gateway', 'agent-gateway']);
  }, 240_000);
  afterAll(() => deployment?.destroy());

  it('an application creates, reads, lists, updates and deletes its bots; an agent of it acts as a bot in a chat on every gateway; nobody else can', async () => {
    await checkBots(
      { configuration: deployment.url('configuration'), customer: deployment.url('customer-gateway'), agent: deployment.urls('agent-gateway') },
      deployment.adminToken,
      'BotDist',
    );
  }, 240_000);
});
