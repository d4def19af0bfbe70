import { describeWithPostgresAndNats, TestDeployment } from '@switchboard/testing';
import { checkSignals } from './signals.scenario';

describeWithPostgresAndNats('live signals, rich messages and multicast, distributed mode (two agent gateways, a customer gateway)', () => {
  let deployment: TestDeployment;

  beforeAll(async () => {
    deployment = await TestDeployment.create('signals', { RATE_LIMITS: 'off' });
    await deployment.startAll(['configuration', 'event-relay', 'customer-gateway', 'agent-gateway', 'agent-gateway']);
  }, 180_000);
  afterAll(() => deployment?.destroy());

  it('ephemeral signals cross gateway processes over NATS; stored ones come through the event feed; another organization reaches nothing', async () => {
    await checkSignals(
      { configuration: deployment.url('configuration'), customer: deployment.url('customer-gateway'), agent: deployment.urls('agent-gateway') },
      deployment.adminToken,
      'Dist',
    );
  }, 240_000);
});
