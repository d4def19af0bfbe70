import { useEmbeddedSwitchboard } from '@switchboard/testing';
import { checkBanOnTheCustomerSide, checkSelfService } from './selfservice.scenario';

describe('the customer looking after itself, embedded mode', () => {
  const switchboard = useEmbeddedSwitchboard('selfservice', { RATE_LIMITS: 'off' });

  it('login answers the initial state and starts a visit that tabs share; pages recorded; auto access presets the next chat; the visit ends when the customer is gone', async () => {
    const { url } = switchboard;
    await checkSelfService({ configuration: url, agent: [url], customer: [url] }, switchboard.adminToken, 'SelfEmb');
  }, 240_000);

  it('a ban disconnects every session of the customer at once, and refuses its token, login and requests', async () => {
    const { url } = switchboard;
    await checkBanOnTheCustomerSide({ configuration: url, agent: [url], customer: [url] }, switchboard.adminToken, 'BanEmb');
  }, 240_000);
});
