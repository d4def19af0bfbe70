import { useEmbeddedSwitchboard } from '@switchboard/testing';
import { checkQueues } from './queues.scenario';

describe('queues with positions, embedded mode', () => {
  // A minute of the router's timers lasts 2 s here, so the queue timeout is seen in seconds.
  const switchboard = useEmbeddedSwitchboard('queues', { ROUTING_MINUTE_MS: '2000' });

  it('positions on the chat methods and in pushes to agents and customers, the limit, the timeout archive, no queue', async () => {
    const url = switchboard.url;
    await checkQueues({ configuration: url, customer: url, agent: url }, switchboard.adminToken, 'EmbQueues');
  }, 240_000);
});
