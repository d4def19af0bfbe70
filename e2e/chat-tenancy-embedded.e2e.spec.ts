import { useEmbeddedSwitchboard } from '@switchboard/testing';
import { checkChatTenancy } from './chat-tenancy.scenario';

describe('two organizations working chats, embedded mode', () => {
  const switchboard = useEmbeddedSwitchboard('chattenancy');

  it("no chat method of either chat API reads, changes or hears another organization's chat", async () => {
    const { url } = switchboard;
    await checkChatTenancy({ configuration: url, agent: [url], customer: url }, switchboard.adminToken, 'ChatTenancy');
  }, 240_000);
});
