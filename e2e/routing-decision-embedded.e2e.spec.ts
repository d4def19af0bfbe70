import { useEmbeddedSwitchboard } from '@switchboard/testing';
import { checkFairness, checkManualRouting, checkPreferRecentAgent, checkPriorities } from './routing-decision.scenario';

describe('routing decision, embedded mode', () => {
  const switchboard = useEmbeddedSwitchboard('routing-decision');
  const urls = () => ({ configuration: switchboard.url, customer: switchboard.url, agent: [switchboard.url] });

  it('serves a first bot before normal agents, last agents only when normal ones are full, supervisors never; ignore_bots passes the bot over', async () => {
    await checkPriorities(urls(), switchboard.adminToken, 'PrioEmb');
  }, 180_000);

  it('gives every agent of a tier one chat before anyone gets two', async () => {
    await checkFairness(urls(), switchboard.adminToken, 'FairEmb');
  }, 180_000);

  it('sends a returning customer to the agent of their last chat with prefer_recent_agent', async () => {
    await checkPreferRecentAgent(urls(), switchboard.adminToken, 'RecentEmb');
  }, 180_000);

  it('with manual routing, offers a new chat to the accepting agents; of two picking it at once, one wins', async () => {
    await checkManualRouting(urls(), switchboard.adminToken, 'ManualEmb');
  }, 180_000);
});
