import { useEmbeddedSwitchboard } from '@switchboard/testing';
import { checkTransfersWithinCapacity } from './membership-capacity.scenario';
import { checkMembership } from './membership.scenario';

describe('following, chat users and transfers, embedded mode', () => {
  const switchboard = useEmbeddedSwitchboard('membership');

  it('agents follow and unfollow a chat, add and remove agents, supervisors and a bot, and transfer it to agents and groups; both sides hear it; bad input and another organization change nothing', async () => {
    const { url } = switchboard;
    await checkMembership({ configuration: url, customer: url, agent: [url] }, switchboard.adminToken, 'MemEmb');
  }, 240_000);

  it('transfers and routing at once never put an agent above max_chats_count, except a direct transfer to an agent not accepting chats', async () => {
    const { url } = switchboard;
    await checkTransfersWithinCapacity({ configuration: url, customer: url, agent: [url] }, switchboard.adminToken, 'CapEmb');
  }, 240_000);
});
