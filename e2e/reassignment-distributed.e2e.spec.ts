import { describeWithPostgresAndNats, TestDeployment } from '@switchboard/testing';
import { MembershipUrls } from './membership.scenario';
import { checkDeadGateway, checkReassignment, TEST_ROUTING_MINUTE_MS } from './reassignment.scenario';

describeWithPostgresAndNats('reassignment and redistribution, distributed mode (configuration, router, customer gateway and two agent gateways over NATS)', () => {
  let deployment: TestDeployment;
  const urls = (): MembershipUrls => ({
    configuration: deployment.url('configuration'),
    customer: deployment.url('customer-gateway'),
    agent: deployment.urls('agent-gateway'),
  });

  beforeAll(async () => {
    deployment = await TestDeployment.create('reassign', { RATE_LIMITS: 'off', ROUTING_MINUTE_MS: String(TEST_ROUTING_MINUTE_MS) });
    await deployment.startAll(['configuration', 'event-relay', 'router', 'customer-gateway', 'agent-gateway', 'agent-gateway']);
  }, 240_000);
  afterAll(() => deployment?.destroy());

  it('a silent assignee, a sign-out and a deletion move the chat on, through both gateways; a reconnect within the grace period keeps it', async () => {
    await checkReassignment(urls(), deployment.adminToken, 'ReDist');
  }, 240_000);

  it("a gateway killed with SIGKILL: its agent's chat goes to another agent within 15 s + the grace period", async () => {
    const gateway = deployment.apps.find((a) => a.url === deployment.urls('agent-gateway')[0])!;
    const took = await checkDeadGateway(urls(), deployment.adminToken, 'ReKill', async () => {
      await gateway.stop('SIGKILL');
    });
    process.stdout.write(`dead gateway: chat with another agent ${took} ms after SIGKILL\n`);
  }, 240_000);
});
