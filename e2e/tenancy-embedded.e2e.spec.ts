import { useEmbeddedSwitchboard } from '@switchboard/testing';
import { checkTenancy } from './tenancy.scenario';

describe('two organizations, embedded mode', () => {
  const switchboard = useEmbeddedSwitchboard('tenancy');

  it("no Configuration API method or account endpoint reads or changes another organization's agents, groups, bots, rules, properties or applications", async () => {
    await checkTenancy({ configuration: switchboard.url, agent: [switchboard.url] }, switchboard.adminToken, 'Tenancy');
  }, 240_000);
});
