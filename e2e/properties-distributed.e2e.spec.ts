import { describeWithPostgresAndNats, TestDeployment } from '@switchboard/testing';
import { checkProperties } from './properties.scenario';

describeWithPostgresAndNats('properties, distributed mode (configuration process, customer gateway)', () => {
  let deployment: TestDeployment;

  beforeAll(async () => {
    deployment = await TestDeployment.create('properties', { RATE_LIMITS: 'off' });
    await deployment.startAll(['configuration', 'customer-gateway']);
  }, 180_000);
  afterAll(() => deployment?.destroy());

  it('applications register, publish and unregister properties; license and group values are set, listed and deleted; customers read theirs on the gateway; another organization cannot touch them', async () => {
    await checkProperties({ configuration: deployment.url('configuration'), customer: deployment.url('customer-gateway') }, deployment.adminToken, 'PropDist');
  }, 180_000);
});
