import { describeWithPostgresAndNats, TestDeployment } from '@switchboard/testing';
import { createTeam, IdentityUrls } from './identity.scenario';
import { checkFirstRun, checkSignInLinks } from './sign-in.scenario';

describeWithPostgresAndNats('first run and sign-in links, distributed mode (two agent-gateway replicas)', () => {
  let deployment: TestDeployment;
  const urls = (): IdentityUrls => ({ configuration: deployment.url('configuration'), agent: deployment.urls('agent-gateway') });

  beforeAll(async () => {
    deployment = await TestDeployment.create('signin', { RATE_LIMITS: 'off' });
    await deployment.startAll(['configuration', 'event-relay', 'agent-gateway', 'agent-gateway', 'customer-gateway']);
  }, 180_000);
  afterAll(async () => deployment?.destroy());

  it('the first-run setup happens once across processes, and its sign-in link works on every replica', async () => {
    await checkFirstRun(urls());
  }, 120_000);

  it('each gateway serves the browser pages the ingress routes to it (ADR 0045)', async () => {
    const get = async (url: string) => {
      const response = await fetch(url);
      return { status: response.status, type: response.headers.get('content-type') ?? '', body: await response.text() };
    };
    for (const [gateway, paths] of [
      ['agent-gateway', ['/', '/agent/', '/docs/']],
      ['customer-gateway', ['/widget/', '/demo/']],
    ] as const) {
      for (const path of paths) {
        const page = await get(`${deployment.url(gateway)}${path}`);
        expect([gateway, path, page.status, page.type]).toEqual([gateway, path, 200, 'text/html; charset=utf-8']);
        // Its scripts come along from the same gateway.
        const script = /src="([^"]+\.js)"/.exec(page.body)?.[1];
        expect((await get(`${deployment.url(gateway)}${script}`)).type).toBe('text/javascript; charset=utf-8');
      }
    }
    const embed = await get(`${deployment.url('customer-gateway')}/widget/embed.js`);
    expect([embed.status, embed.type]).toEqual([200, 'text/javascript; charset=utf-8']);
  }, 60_000);

  it('sign-in links work on every replica and a revocation voids the older ones', async () => {
    await checkSignInLinks(urls(), await createTeam(urls(), deployment.adminToken, 'Links'), await createTeam(urls(), deployment.adminToken, 'Strangers'));
  }, 120_000);
});
