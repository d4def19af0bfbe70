import { useEmbeddedSwitchboard } from '@switchboard/testing';
import { checkAutoAccess } from './auto-access.scenario';

describe('auto access, embedded mode', () => {
  const switchboard = useEmbeddedSwitchboard('autoaccess');

  it('an integrator adds, lists, updates, reorders and deletes auto access rules; agents hear it; another organization cannot touch them', async () => {
    await checkAutoAccess({ configuration: switchboard.url, agent: [switchboard.url] }, switchboard.adminToken, 'Emb');
  }, 180_000);
});
