import { useEmbeddedSwitchboard } from '@switchboard/testing';
import { checkBrowserAccess, checkCustomerWire } from './customer-wire.scenario';

describe('the customer wire of v3.4 and v3.5, embedded mode', () => {
  const switchboard = useEmbeddedSwitchboard('customer-wire');

  it('each version gets its own pushes and shapes; request_id only on the pushes that answer a request', async () => {
    const url = switchboard.url;
    await checkCustomerWire({ configuration: url, customer: url, agent: url }, switchboard.adminToken, 'Emb');
  }, 180_000);

  it('browsers on another site reach the customer side only; cookies over plain HTTP stay SameSite=Lax', async () => {
    const url = switchboard.url;
    await checkBrowserAccess({ configuration: url, customer: url, agent: url }, switchboard.adminToken, 'EmbCors');
  }, 120_000);
});
