import { describeWithPostgresAndNats, TestDeployment } from '@switchboard/testing';
import { createTeam, IdentityUrls } from './identity.scenario';
import { checkFirstRun, checkSignInLinks } from './sign-in.scenario';

describeWithPostgresAndNats('first run and sign-in links, distributed mode (two agent-gateway replicas)', () => {
  let deployment: TestDeployment;
  const urls = (): IdentityUrls => ({ configuration: deployment.url('configuration'), agent: deployment.urls('agent-gateway') });

  beforeAll(async () => {
    deployment = await TestDeployment.create('signin', { RATE_LIMITS: 'off' });
    await deployment.startAll(['configuration', 'event-relay', 'agent-gateway', 'agent-gateway']);
  }, 180_000);
  afterAll(async () => deployment?.destroy());

  it('the first-run setup happens once across processes, and its sign-in link works on every replica', async () => {
    await checkFirstRun(urls());
  }, 120_000);

  it('sign-in links work on every replica and a revocation voids the older ones', async () => {
    await checkSignInLinks(urls(), await createTeam(urls(), deployment.adminToken, 'Links'));
  }, 120_000);
});
