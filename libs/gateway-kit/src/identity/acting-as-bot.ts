import { ApiError } from '@switchboard/protocol';
import { Requester } from '../context';
import { AgentIdentity } from './agent-directory';

/**
 * The requester an Agent Chat API request runs as when it names an author
 * (Web `X-Author-Id`, RTM `author_id`; README §3.4): the bot, with the
 * caller's scopes and application. Only an agent may act as a bot, only as a
 * bot of its own organization that is not deleted, and — with a Bearer token —
 * only as a bot of the token's application (a personal access token acts for
 * the whole organization). Naming oneself changes nothing. Every refusal is
 * `authorization`, the same whether the bot is unknown, deleted, another
 * organization's or another application's, so nobody learns of bots they may
 * not use (ADR 0024).
 *
 * @param bot what the agent directory knows of `authorId`, if anything
 */
export function actAsBot(requester: Requester, organizationId: string, authorId: string, bot: AgentIdentity | undefined): Requester {
  if (authorId === requester.id) return requester;
  const refuse = (why: string) => new ApiError('authorization', `Cannot act as ${authorId}: ${why}`);
  if (requester.type !== 'agent') throw refuse('only agents act as bots');
  if (!bot?.ownerClientId || bot.organizationId !== organizationId || bot.deleted) throw refuse('no such bot in this organization');
  if (requester.credential !== 'pat' && bot.ownerClientId !== requester.clientId) {
    throw refuse("the bot belongs to another application than the token's");
  }
  return { ...requester, id: bot.agentId };
}
