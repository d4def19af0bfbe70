import { ConfigurationCommands } from '@switchboard/configuration/application';
import { BOT_ID_PATTERN, BotProfile, isOwnBot, RoutingStatus } from '@switchboard/configuration/domain';
import { commandOrigin, RequestContext, requireScope } from '@switchboard/gateway-kit';
import { ApiError } from '@switchboard/protocol';
import { ReadModels } from '@switchboard/read-models';

/**
 * The bot `agentId` names, or undefined for an agent's id (an e-mail address).
 * An id shaped like a bot's that names no bot of the organization (deleted,
 * unknown, another organization's) is `not_found`: it never names an agent.
 */
export async function botTarget(context: RequestContext, readModels: ReadModels, agentId: string): Promise<BotProfile | undefined> {
  if (!BOT_ID_PATTERN.test(agentId)) return undefined;
  const bot = await readModels.bot(context.organizationId, agentId);
  if (!bot) throw new ApiError('not_found', `Bot ${agentId} not found`);
  return bot.profile;
}

/**
 * `set_routing_status` of a bot (agent-chat-api.md §8): any of the three
 * statuses, `offline` included; `agents-bot--my:rw` for the caller's own bots
 * (acting as the bot is acting for its application), `agents-bot--all:rw` for
 * any other.
 */
export async function setBotRoutingStatus(context: RequestContext, commands: ConfigurationCommands, bot: BotProfile, status: RoutingStatus): Promise<void> {
  requireScope(context, isOwnBot(context.requester, bot) ? 'agents-bot--my:rw' : 'agents-bot--all:rw');
  await commands.bot(
    context.organizationId,
    bot.id,
    { type: 'set_routing_status', id: bot.id, status },
    commandOrigin(context),
  );
}
