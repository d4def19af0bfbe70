import { describeWithPostgresAndNats, TestDeployment } from '@switchboard/testing';
import { checkChatTenancy } from './chat-tenancy.scenario';

describeWithPostgresAndNats('two organizations working chats, distributed mode (two agent-gateway replicas)', () => {
  let deployment: TestDeployment;

  beforeAll(async () => {
    deployment = await TestDeployment.create('chattenancy', { RATE_LIMITS: 'off' });
    await deployment.startAll(['configuration', 'event-relay', 'router', 'agent-gateway', 'agent-gateway', 'customer-gateway']);
  }, 180_000);
  afterAll(async () => {
    await deployment?.destroy();
  });

  it("no chat method of either chat API reads, changes or hears another organization's chat", async () => {
    await checkChatTenancy(
      { configuration: deployment.url('configuration'), agent: deployment.urls('agent-gateway'), customer: deployment.url('customer-gateway') },
      deployment.adminToken,
      'ChatTenancy',
    );
  }, 240_000);
});
