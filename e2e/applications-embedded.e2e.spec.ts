import { useEmbeddedSwitchboard } from '@switchboard/testing';
import { checkApplications, checkPersonalAccessTokens, checkPersonalAccessTokensWithBotsAndProperties } from './applications.scenario';

describe('applications and personal access tokens, embedded mode', () => {
  const switchboard = useEmbeddedSwitchboard('apps');
  const urls = () => ({ configuration: switchboard.url, agent: [switchboard.url], customer: switchboard.url });

  it('an organization registers applications and gets tokens for them; no other organization can use them', async () => {
    await checkApplications(urls(), switchboard.adminToken, 'EmbApps');
  }, 120_000);

  it('an agent creates, uses and revokes personal access tokens', async () => {
    await checkPersonalAccessTokens(urls(), switchboard.adminToken, 'EmbPat');
  }, 120_000);

  it('a personal access token names the application of bots and properties, and acts as any bot of its organization', async () => {
    await checkPersonalAccessTokensWithBotsAndProperties(urls(), switchboard.adminToken, 'EmbPatBots');
  }, 120_000);
});
