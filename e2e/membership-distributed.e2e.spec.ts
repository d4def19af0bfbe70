import { describeWithPostgresAndNats, TestDeployment } from '@switchboard/testing';
import { checkTransfersWithinCapacity } from './membership-capacity.scenario';
import { checkMembership, MembershipUrls } from './membership.scenario';

describeWithPostgresAndNats('following, chat users and transfers, distributed mode (configuration, router, customer gateway and two agent gateways over NATS)', () => {
  let deployment: TestDeployment;
  const urls = (): MembershipUrls => ({
    configuration: deployment.url('configuration'),
    customer: deployment.url('customer-gateway'),
    agent: deployment.urls('agent-gateway'),
  });

  beforeAll(async () => {
    deployment = await TestDeployment.create('membership', { RATE_LIMITS: 'off' });
    await deployment.startAll(['configuration', 'event-relay', 'router', 'customer-gateway', 'agent-gateway', 'agent-gateway']);
  }, 240_000);
  afterAll(() => deployment?.destroy());

  it('agents on either gateway follow, add and remove users and transfer chats; the pushes reach agents on both gateways and the customer; bad input and another organization change nothing', async () => {
    await checkMembership(urls(), deployment.adminToken, 'MemDist');
  }, 240_000);

  it('transfers through both gateways and routing at once never put an agent above max_chats_count', async () => {
    await checkTransfersWithinCapacity(urls(), deployment.adminToken, 'CapDist');
  }, 240_000);
});
