import { useEmbeddedSwitchboard } from '@switchboard/testing';
import { checkGroups } from './groups.scenario';

describe('groups, embedded mode', () => {
  const switchboard = useEmbeddedSwitchboard('groups');

  it('an integrator creates, reads, lists, updates and deletes groups; agents hear it; another organization cannot touch them', async () => {
    await checkGroups({ configuration: switchboard.url, agent: [switchboard.url] }, switchboard.adminToken, 'Emb');
  }, 120_000);
});
