import { describeWithPostgresAndNats, TestDeployment } from '@switchboard/testing';
import { checkFairness, checkManualRouting, checkPreferRecentAgent, checkPriorities } from './routing-decision.scenario';

describeWithPostgresAndNats('routing decision, distributed mode (configuration, router, customer gateway and two agent gateways over NATS)', () => {
  let deployment: TestDeployment;
  const urls = () => ({ configuration: deployment.url('configuration'), customer: deployment.url('customer-gateway'), agent: deployment.urls('agent-gateway') });

  beforeAll(async () => {
    deployment = await TestDeployment.create('routing-decision', { RATE_LIMITS: 'off' });
    await deployment.startAll(['configuration', 'event-relay', 'router', 'customer-gateway', 'agent-gateway', 'agent-gateway']);
  }, 240_000);
  afterAll(() => deployment?.destroy());

  it('serves a first bot before normal agents, last agents only when normal ones are full, supervisors never; ignore_bots passes the bot over', async () => {
    await checkPriorities(urls(), deployment.adminToken, 'PrioDist');
  }, 240_000);

  it('gives every agent of a tier one chat before anyone gets two', async () => {
    await checkFairness(urls(), deployment.adminToken, 'FairDist');
  }, 240_000);

  it('sends a returning customer to the agent of their last chat with prefer_recent_agent', async () => {
    await checkPreferRecentAgent(urls(), deployment.adminToken, 'RecentDist');
  }, 240_000);

  it('with manual routing, offers a new chat to the accepting agents on every gateway; of two picking it at once through different gateways, one wins', async () => {
    await checkManualRouting(urls(), deployment.adminToken, 'ManualDist');
  }, 240_000);
});
