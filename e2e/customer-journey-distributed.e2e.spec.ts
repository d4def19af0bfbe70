import { describeWithPostgresAndNats, TestDeployment } from '@switchboard/testing';
import { checkCustomerJourney } from './customer-journey.scenario';

describeWithPostgresAndNats('a customer\'s journey across the families of issue 10, distributed mode (two customer gateways, two agent gateways, the router)', () => {
  let deployment: TestDeployment;

  beforeAll(async () => {
    deployment = await TestDeployment.create('customer-journey', { RATE_LIMITS: 'off' });
    await deployment.startAll(['configuration', 'event-relay', 'router', 'customer-gateway', 'customer-gateway', 'agent-gateway', 'agent-gateway']);
  }, 240_000);
  afterAll(() => deployment?.destroy());

  it('a visitor watched by its group\'s agents, greeted on a page view, routed by auto access, then banned everywhere; another group hears nothing', async () => {
    await checkCustomerJourney(
      { configuration: deployment.url('configuration'), customer: deployment.urls('customer-gateway'), agent: deployment.urls('agent-gateway') },
      deployment.adminToken,
      'JourneyDist',
    );
  }, 420_000);
});
