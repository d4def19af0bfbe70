import { describeWithPostgresAndNats, TestDeployment } from '@switchboard/testing';
import { checkChatProperties } from './chat-properties.scenario';

describeWithPostgresAndNats('chat properties and thread tags, distributed mode (configuration, customer gateway and two agent gateways over NATS)', () => {
  let deployment: TestDeployment;

  beforeAll(async () => {
    deployment = await TestDeployment.create('chatprops', { RATE_LIMITS: 'off' });
    await deployment.startAll(['configuration', 'event-relay', 'customer-gateway', 'agent-gateway', 'agent-gateway']);
  }, 240_000);
  afterAll(() => deployment?.destroy());

  it('customers rate and agents read; values and tags are pushed across processes to who may read them; refusals change nothing; another organization cannot touch them', async () => {
    await checkChatProperties(
      { configuration: deployment.url('configuration'), customer: deployment.url('customer-gateway'), agent: deployment.urls('agent-gateway') },
      deployment.adminToken,
      'CpDist',
    );
  }, 240_000);
});
