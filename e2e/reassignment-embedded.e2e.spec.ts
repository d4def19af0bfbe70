import { useEmbeddedSwitchboard } from '@switchboard/testing';
import { checkReassignment, TEST_ROUTING_MINUTE_MS } from './reassignment.scenario';

describe('reassignment and redistribution, embedded mode', () => {
  const switchboard = useEmbeddedSwitchboard('reassignment', { ROUTING_MINUTE_MS: String(TEST_ROUTING_MINUTE_MS) });

  it('a silent assignee, a sign-out and a deletion move the chat on (the customer and both agents hear it); a reconnect within the grace period keeps it', async () => {
    const { url } = switchboard;
    await checkReassignment({ configuration: url, customer: url, agent: [url] }, switchboard.adminToken, 'ReEmb');
  }, 240_000);
});
