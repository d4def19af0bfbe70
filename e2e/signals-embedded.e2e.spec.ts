import { useEmbeddedSwitchboard } from '@switchboard/testing';
import { checkSignals } from './signals.scenario';

describe('live signals, rich messages and multicast, embedded mode', () => {
  const switchboard = useEmbeddedSwitchboard('signals');

  it('typing, sneak peeks, seen marks, postbacks and multicast reach the right users, and nobody of another organization', async () => {
    const url = switchboard.url;
    await checkSignals({ configuration: url, customer: url, agent: [url] }, switchboard.adminToken, 'Emb');
  }, 180_000);
});
