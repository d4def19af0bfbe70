import { describeWithPostgresAndNats, SmtpReceiver, startSmtpReceiver, TestDeployment } from '@switchboard/testing';
import { checkAccessEndsEverywhere, checkAgentConfigurationPushes, checkApproval, checkUnsuspensionRequest, createTeam } from './identity.scenario';

describeWithPostgresAndNats('identity, distributed mode (two agent-gateway replicas)', () => {
  let deployment: TestDeployment;
  let smtp: SmtpReceiver;

  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    deployment = await TestDeployment.create('ident', { RATE_LIMITS: 'off', SMTP_URL: smtp.url, MAIL_FROM: 'switchboard@ident.example' });
    await deployment.startAll(['configuration', 'event-relay', 'agent-gateway', 'agent-gateway']);
  }, 180_000);
  afterAll(async () => {
    await deployment?.destroy();
    await smtp?.close();
  });

  it('a deletion, suspension, demotion or revocation made through one process takes effect on every gateway replica', async () => {
    const urls = { configuration: deployment.url('configuration'), agent: deployment.urls('agent-gateway') };
    expect(urls.agent).toHaveLength(2);
    // Tokens issued by the configuration process work at once on both gateways (first sight: a database look-up).
    const timings = await checkAccessEndsEverywhere(urls, await createTeam(urls, deployment.adminToken, 'Dist'));
    console.log(`access ended on every replica after (ms): ${JSON.stringify(timings)}`);
  }, 180_000);

  it('a suspended agent can ask to be unsuspended; the owners get an e-mail over SMTP', async () => {
    const urls = { configuration: deployment.url('configuration'), agent: deployment.urls('agent-gateway') };
    await checkUnsuspensionRequest(urls, await createTeam(urls, deployment.adminToken, 'Mail'), async () => smtp.messages);
    expect(smtp.messages.every((m) => m.from === 'switchboard@ident.example')).toBe(true);
  }, 180_000);

  it('an agent awaiting approval is refused on every replica until the owner approves it', async () => {
    const urls = { configuration: deployment.url('configuration'), agent: deployment.urls('agent-gateway') };
    await checkApproval(urls, await createTeam(urls, deployment.adminToken, 'Approve'));
  }, 180_000);

  it("tells every replica's agents of the organization, and no one else, of every change to its agents", async () => {
    const urls = { configuration: deployment.url('configuration'), agent: deployment.urls('agent-gateway') };
    await checkAgentConfigurationPushes(urls, await createTeam(urls, deployment.adminToken, 'Pushed'), await createTeam(urls, deployment.adminToken, 'Stranger'));
  }, 180_000);
});
