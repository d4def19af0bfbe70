import { ConfigurationCommands } from '@switchboard/configuration/application';
import { BOT_ID_PATTERN, BotProfile, isOwnBot, RoutingStatus } from '@switchboard/configuration/domain';
import { RequestContext, requireScope } from '@switchboard/gateway-kit';
import { ReadModels } from '@switchboard/read-models';

/** The bot `agentId` names, if it names one of the organization's bots. */
export async function botTarget(context: RequestContext, readModels: ReadModels, agentId: string): Promise<BotProfile | undefined> {
  if (!BOT_ID_PATTERN.test(agentId)) return undefined;
  return (await readModels.bot(context.organizationId, agentId))?.profile;
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
    { connectionId: context.connectionId, requestId: context.requestId },
  );
}
