import { describeWithPostgresAndNats, TestDeployment } from '@switchboard/testing';
import { checkApplications, checkPersonalAccessTokens, checkPersonalAccessTokensWithBotsAndProperties } from './applications.scenario';

describeWithPostgresAndNats('applications and personal access tokens, distributed mode (two agent-gateway replicas)', () => {
  let deployment: TestDeployment;

  beforeAll(async () => {
    deployment = await TestDeployment.create('apps', { RATE_LIMITS: 'off' });
    await deployment.startAll(['configuration', 'event-relay', 'agent-gateway', 'agent-gateway', 'customer-gateway']);
  }, 180_000);
  afterAll(async () => {
    await deployment?.destroy();
  });

  const urls = () => ({
    configuration: deployment.url('configuration'),
    agent: deployment.urls('agent-gateway'),
    customer: deployment.url('customer-gateway'),
  });

  it('an organization registers applications and gets tokens for them; no other organization can use them', async () => {
    await checkApplications(urls(), deployment.adminToken, 'DistApps');
  }, 180_000);

  it('a personal access token works on every replica until revoked, and its revocation reaches every replica', async () => {
    await checkPersonalAccessTokens(urls(), deployment.adminToken, 'DistPat');
  }, 180_000);

  it('a personal access token names the application of bots and properties, and acts as any bot of its organization', async () => {
    await checkPersonalAccessTokensWithBotsAndProperties(urls(), deployment.adminToken, 'DistPatBots');
  }, 180_000);
});
