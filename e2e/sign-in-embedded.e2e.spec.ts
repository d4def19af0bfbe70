import { callWeb, useEmbeddedSwitchboard } from '@switchboard/testing';
import { createTeam, IdentityUrls, post } from './identity.scenario';
import { checkFirstRun, checkSignInLinks } from './sign-in.scenario';

/** The first-run setup and agent sign-in links (ADR 0046), embedded mode. */
describe('first run and sign-in links, embedded mode', () => {
  const switchboard = useEmbeddedSwitchboard('sign-in');
  const urls = (): IdentityUrls => ({ configuration: switchboard.url, agent: [switchboard.url] });

  it('a fresh install creates its first organization and owner from the browser, once, and signs the owner in', async () => {
    const { ownerToken } = await checkFirstRun(urls());
    // The operator CLI's endpoints keep working next to it.
    const second = await post(switchboard.url, '/admin/organizations', { name: 'Second', owner_id: 'sam@second.example' }, switchboard.adminToken);
    expect(second.status).toBe(200);
    expect((await callWeb(switchboard.url, 'agent', 'list_chats', {}, { token: ownerToken })).status).toBe(200);
  }, 120_000);

  it('owners and administrators issue single-use sign-in links only for their own organization; a revocation voids the older ones', async () => {
    await checkSignInLinks(urls(), await createTeam(urls(), switchboard.adminToken, 'Links'), await createTeam(urls(), switchboard.adminToken, 'Strangers'));
  }, 120_000);
});

describe('first run switched off (FIRST_RUN_SETUP=false)', () => {
  const switchboard = useEmbeddedSwitchboard('no-first-run', { FIRST_RUN_SETUP: 'false' });

  it('offers no setup and refuses one, even on an install without organizations', async () => {
    expect(await (await fetch(`${switchboard.url}/setup`)).json()).toEqual({ setup_needed: false });
    const refused = await post(switchboard.url, '/setup', { organization_name: 'Acme', owner_name: 'Olive', owner_email: 'olive@acme.example' });
    expect([refused.status, refused.body.error.type]).toEqual([403, 'authorization']);
  }, 60_000);
});
