import { useEmbeddedSwitchboard } from '@switchboard/testing';
import { checkCustomerTenancy } from './customers-tenancy.scenario';

describe('two organizations and their customers, embedded mode', () => {
  const switchboard = useEmbeddedSwitchboard('customertenancy');

  it("no customer method of either chat API reads, changes or hears another organization's customer", async () => {
    const { url } = switchboard;
    await checkCustomerTenancy({ configuration: url, agent: [url], customer: url }, switchboard.adminToken, 'CustTenancy');
  }, 240_000);
});
