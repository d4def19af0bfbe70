import { useEmbeddedSwitchboard } from '@switchboard/testing';
import { checkSelfServiceTenancy } from './selfservice-tenancy.scenario';

describe('two organizations and the customer self-service, embedded mode', () => {
  const switchboard = useEmbeddedSwitchboard('selftenancy', { RATE_LIMITS: 'off' });

  it("no customer reads or changes another organization's customer, visit or auto access through get_customer, login or update_customer_page", async () => {
    const { url } = switchboard;
    await checkSelfServiceTenancy({ configuration: url, agent: [url], customer: [url] }, switchboard.adminToken, 'SelfTen');
  }, 240_000);
});
