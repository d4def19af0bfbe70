import { useEmbeddedSwitchboard } from '@switchboard/testing';
import { checkBots } from './bots.scenario';

describe('bots, embedded mode', () => {
  const switchboard = useEmbeddedSwitchboard('bots');

  it('an application creates, reads, lists, updates and deletes its bots; an agent of it acts as a bot in a chat; nobody else can', async () => {
    const { url } = switchboard;
    await checkBots({ configuration: url, customer: url, agent: [url] }, switchboard.adminToken, 'BotEmb');
  }, 180_000);
});
