import { useEmbeddedSwitchboard } from '@switchboard/testing';
import { checkChatProperties } from './chat-properties.scenario';

describe('chat properties and thread tags, embedded mode', () => {
  const switchboard = useEmbeddedSwitchboard('chat-properties');

  it('customers rate and agents read; chat, thread and event values are written, pushed and read by who may; tags; refusals change nothing; another organization cannot touch them', async () => {
    await checkChatProperties({ configuration: switchboard.url, customer: switchboard.url, agent: [switchboard.url] }, switchboard.adminToken, 'CpEmb');
  }, 180_000);
});
