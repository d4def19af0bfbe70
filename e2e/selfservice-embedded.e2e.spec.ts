import { useEmbeddedSwitchboard } from '@switchboard/testing';
import { checkSelfService } from './selfservice.scenario';

describe('the customer looking after itself, embedded mode', () => {
  const switchboard = useEmbeddedSwitchboard('selfservice', { RATE_LIMITS: 'off' });

  it('login answers the initial state and starts a visit that tabs share; pages recorded; auto access presets the next chat; the visit ends when the customer is gone', async () => {
    const { url } = switchboard;
    await checkSelfService({ configuration: url, agent: [url], customer: [url] }, switchboard.adminToken, 'SelfEmb');
  }, 240_000);
});
