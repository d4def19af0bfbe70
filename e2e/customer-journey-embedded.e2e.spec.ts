import { useEmbeddedSwitchboard } from '@switchboard/testing';
import { checkCustomerJourney } from './customer-journey.scenario';

describe('a customer\'s journey across the families of issue 10, embedded mode', () => {
  const switchboard = useEmbeddedSwitchboard('customer-journey');

  it('a visitor watched by its group\'s agents, greeted on a page view, routed by auto access, then banned; another group hears nothing', async () => {
    const { url } = switchboard;
    await checkCustomerJourney({ configuration: url, customer: [url], agent: [url] }, switchboard.adminToken, 'JourneyEmb');
  }, 420_000);
});
