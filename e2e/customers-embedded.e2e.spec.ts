import { useEmbeddedSwitchboard } from '@switchboard/testing';
import { checkCustomers } from './customers.scenario';

describe('customers in the Agent Chat API and the customer\'s own profile, embedded mode', () => {
  const switchboard = useEmbeddedSwitchboard('customers');

  it('agents create, read, list, update, follow and ban customers; the customer changes its profile; pushes reach exactly the agents who may see the customer', async () => {
    const url = switchboard.url;
    await checkCustomers({ configuration: url, customer: url, agent: [url] }, switchboard.adminToken, 'Emb');
  }, 240_000);
});
