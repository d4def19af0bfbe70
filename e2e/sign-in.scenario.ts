import { callWeb } from '@switchboard/testing';
import { IdentityUrls, post, Team } from './identity.scenario';

/** GET /setup's answer. */
async function setupNeeded(url: string): Promise<boolean> {
  const response = await fetch(`${url}/setup`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { setup_needed: boolean }).setup_needed;
}

/** An access token works at every gateway. */
async function expectWorks(urls: IdentityUrls, token: string): Promise<void> {
  for (const url of urls.agent) expect((await callWeb(url, 'agent', 'list_chats', {}, { token })).status).toBe(200);
}

/**
 * A fresh install (no organization yet): the first-run setup creates the
 * first organization and its owner from a browser, exactly once even when two
 * browsers submit together, and hands back the owner's sign-in link.
 */
export async function checkFirstRun(urls: IdentityUrls): Promise<{ organizationId: string; ownerToken: string }> {
  const url = urls.configuration;
  expect(await setupNeeded(url)).toBe(true);
  const invalid = await post(url, '/setup', { organization_name: 'Acme', owner_name: 'Olive', owner_email: 'not-an-email' });
  expect([invalid.status, invalid.body.error.type]).toEqual([400, 'validation']);
  expect(invalid.body.error.message).toMatch(/owner_email/);
  expect(await setupNeeded(url)).toBe(true);

  const form = (n: number) => ({ organization_name: `Acme ${n}`, owner_name: 'Olive', owner_email: `olive${n}@acme.example` });
  const [first, second] = await Promise.all([post(url, '/setup', form(1)), post(url, '/setup', form(2))]);
  const done = [first, second].filter((r) => r.status === 200);
  const refused = [first, second].filter((r) => r.status !== 200);
  expect(done).toHaveLength(1);
  expect(refused.map((r) => [r.status, r.body.error.type])).toEqual([[403, 'authorization']]);
  expect(done[0].body.sign_in.path).toMatch(/^\/agent\/#sign-in=[\w-]{20,}$/);
  expect(done[0].body.sign_in.expires_in).toBe(24 * 3600);
  expect(await setupNeeded(url)).toBe(false);
  // Set up once: the page never creates another organization.
  expect((await post(url, '/setup', form(3))).status).toBe(403);

  const signedIn = await post(url, '/auth/sign_in', { code: done[0].body.sign_in.code });
  expect(signedIn.status).toBe(200);
  const n = done[0] === first ? 1 : 2;
  expect(signedIn.body).toMatchObject({ token_type: 'Bearer', organization_id: done[0].body.organization_id, agent_id: `olive${n}@acme.example` });
  await expectWorks(urls, signedIn.body.access_token);
  const me = await callWeb(url, 'configuration', 'get_agent', { id: `olive${n}@acme.example` }, { token: signedIn.body.access_token });
  expect(me.body).toMatchObject({ name: 'Olive', role: 'owner' });
  return { organizationId: done[0].body.organization_id, ownerToken: signedIn.body.access_token };
}

/**
 * Sign-in links: owners and administrators issue them for agents of lower
 * roles (anyone for itself), each works once, and a revocation voids the
 * links issued before it.
 */
export async function checkSignInLinks(urls: IdentityUrls, team: Team, stranger: Team): Promise<void> {
  const url = urls.configuration;
  const issue = (agentId: string, as: string) => post(url, '/auth/sign_in_links', { agent_id: agentId }, as);
  const redeem = (code: string) => post(url, '/auth/sign_in', { code });

  const link = await issue(team.ids.normal, team.tokens.owner);
  expect(link.status).toBe(200);
  expect(link.body.path).toBe(`/agent/#sign-in=${link.body.code}`);
  const signedIn = await redeem(link.body.code);
  expect(signedIn.status).toBe(200);
  expect(signedIn.body).toMatchObject({ agent_id: team.ids.normal, organization_id: team.organizationId, token_type: 'Bearer' });
  await expectWorks(urls, signedIn.body.access_token);
  // Single use.
  const again = await redeem(link.body.code);
  expect([again.status, again.body.error.type]).toEqual([401, 'authentication']);
  expect((await redeem('made-up-code')).status).toBe(401);
  const malformed = await post(url, '/auth/sign_in', { code: 42 });
  expect([malformed.status, malformed.body.error.type]).toEqual([400, 'validation']);

  // Who may issue: an administrator for a normal agent, not for the owner; a normal agent only for itself.
  expect((await issue(team.ids.other, team.tokens.admin)).status).toBe(200);
  expect((await issue(team.ids.owner, team.tokens.admin)).body.error.type).toBe('authorization');
  expect((await issue(team.ids.other, team.tokens.normal)).body.error.type).toBe('authorization');
  expect((await issue(team.ids.normal, team.tokens.normal)).status).toBe(200);
  expect((await issue('nobody@nowhere.example', team.tokens.owner)).body.error.type).toBe('not_found');
  expect((await post(url, '/auth/sign_in_links', { agent_id: team.ids.normal })).status).toBe(401);
  // Another organization's owner or administrator reaches none of this organization's agents, and its links sign in only its own.
  expect((await issue(team.ids.normal, stranger.tokens.owner)).body.error.type).toBe('not_found');
  expect((await issue(team.ids.owner, stranger.tokens.admin)).body.error.type).toBe('not_found');
  const strangers = await redeem((await issue(stranger.ids.normal, stranger.tokens.owner)).body.code);
  expect(strangers.body).toMatchObject({ organization_id: stranger.organizationId, agent_id: stranger.ids.normal });
  expect((await callWeb(url, 'configuration', 'get_agent', { id: team.ids.normal }, { token: strangers.body.access_token })).body.error.type).toBe('not_found');

  // Revoking the agent's tokens voids the links issued before.
  const before = await issue(team.ids.other, team.tokens.owner);
  expect((await post(url, '/auth/revoke', { agent_id: team.ids.other }, team.tokens.owner)).status).toBe(200);
  expect((await redeem(before.body.code)).status).toBe(401);
  const after = await issue(team.ids.other, team.tokens.owner);
  expect((await redeem(after.body.code)).status).toBe(200);

  // A suspended agent gets no link, and a link issued before the suspension gives no token.
  const pending = await issue(team.ids.normal, team.tokens.owner);
  expect((await callWeb(url, 'configuration', 'suspend_agent', { id: team.ids.normal }, { token: team.tokens.owner })).status).toBe(200);
  expect((await issue(team.ids.normal, team.tokens.owner)).body.error.type).toBe('requester_suspended');
  expect((await redeem(pending.body.code)).body.error.type).toBe('requester_suspended');
}
