import { ApiError } from '@switchboard/protocol';
import { Requester } from '../context';
import { actAsBot } from './acting-as-bot';
import { AgentIdentity } from './agent-directory';

const ORG = 'org-1';
const APP = 'a'.repeat(32);
const BOT = 'b'.repeat(32);
const agent: Requester = { id: 'jo@acme.example', type: 'agent', role: 'administrator', scopes: ['chats--all:rw'], clientId: APP, credential: 'bearer' };
const bot: AgentIdentity = {
  organizationId: ORG,
  agentId: BOT,
  role: 'normal',
  deleted: false,
  suspended: false,
  awaitingApproval: false,
  tokenGeneration: 0,
  ownerClientId: APP,
  version: 1,
};

const refusal = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    return error instanceof ApiError ? error.type : String(error);
  }
  return undefined;
};

describe('acting as a bot', () => {
  it("runs the request as the bot, with the caller's scopes and application", () => {
    expect(actAsBot(agent, ORG, BOT, bot)).toEqual({ ...agent, id: BOT });
  });

  it('with a personal access token, may act as any bot of the organization', () => {
    const pat: Requester = { ...agent, clientId: undefined, credential: 'pat' };
    expect(actAsBot(pat, ORG, BOT, { ...bot, ownerClientId: 'c'.repeat(32) }).id).toBe(BOT);
  });

  it('naming oneself changes nothing', () => {
    expect(actAsBot(agent, ORG, agent.id, undefined)).toBe(agent);
  });

  it("is refused for a token of another application than the bot's", () => {
    expect(refusal(() => actAsBot({ ...agent, clientId: 'c'.repeat(32) }, ORG, BOT, bot))).toBe('authorization');
  });

  it('is refused for a deleted bot, an unknown one, another organization\'s, and an agent', () => {
    expect(refusal(() => actAsBot(agent, ORG, BOT, { ...bot, deleted: true }))).toBe('authorization');
    expect(refusal(() => actAsBot(agent, ORG, BOT, undefined))).toBe('authorization');
    expect(refusal(() => actAsBot(agent, 'org-2', BOT, bot))).toBe('authorization');
    const { ownerClientId: _owner, ...anAgent } = bot;
    expect(refusal(() => actAsBot(agent, ORG, 'sam@acme.example', { ...anAgent, agentId: 'sam@acme.example' }))).toBe('authorization');
  });

  it('is refused to customers', () => {
    expect(refusal(() => actAsBot({ id: 'c1', type: 'customer', scopes: [] }, ORG, BOT, bot))).toBe('authorization');
  });
});
