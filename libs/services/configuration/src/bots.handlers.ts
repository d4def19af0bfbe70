import { randomBytes } from 'node:crypto';
import { ConfigurationCommands } from '@switchboard/configuration/application';
import { BotChanges, botGroups, BotProfile, GroupPriority, isOwnBot, newBotProfile } from '@switchboard/configuration/domain';
import { ActionRegistry, commandOrigin, RequestContext, requireScope } from '@switchboard/gateway-kit';
import { ApiError, PayloadOf } from '@switchboard/protocol';
import { ReadModels } from '@switchboard/read-models';
import { callerApplication } from './owner-client';

type BotField = 'groups' | 'work_scheduler' | 'job_title' | 'max_chats_count' | 'timezone';

/** The bot as `list_bots` returns it: id, name, avatar and the requested `fields` it has. */
function listedBot(bot: BotProfile, fields: readonly BotField[] = []): Record<string, unknown> {
  const wire: Record<string, unknown> = { id: bot.id, name: bot.name, ...(bot.avatar && { avatar_path: bot.avatar }) };
  for (const field of fields) if (bot[field] !== undefined) wire[field] = bot[field];
  return wire;
}

/** The bot as `get_bot` returns it: its routing settings and owner always, the rest when asked for. */
function wireBot(bot: BotProfile, fields: readonly BotField[] = []): Record<string, unknown> {
  return {
    ...listedBot(bot, fields),
    default_group_priority: bot.default_group_priority,
    owner_client_id: bot.owner_client_id,
    max_chats_count: bot.max_chats_count,
    groups: bot.groups,
  };
}

/**
 * The bot, if the requester may reach it with `access`: its own bots with the
 * `--my` scope, any bot of the organization with `--all`. Another
 * organization's bot is `not_found`, like one that does not exist.
 */
async function reachableBot(context: RequestContext, readModels: ReadModels, id: string, access: 'ro' | 'rw'): Promise<BotProfile> {
  requireScope(context, `agents-bot--my:${access}`);
  const bot = (await readModels.bot(context.organizationId, id))?.profile;
  if (!bot) throw new ApiError('not_found', `Bot ${id} not found`);
  if (!isOwnBot(context.requester, bot)) requireScope(context, `agents-bot--all:${access}`);
  return bot;
}

/** Every group named must exist in the organization: `group_not_found` otherwise. */
async function requireGroups(context: RequestContext, readModels: ReadModels, groups: ReadonlyArray<{ id: number }> | undefined): Promise<void> {
  if (!groups?.length) return;
  const known = new Set((await readModels.groups(context.organizationId)).map((g) => g.id));
  const unknown = groups.find((g) => !known.has(g.id));
  if (unknown) throw new ApiError('group_not_found', `Group ${unknown.id} not found`);
}


/** Bots (configuration-api.md §3; ADR 0024): each belongs to the application that created it. */
export function registerBotHandlers(registry: ActionRegistry, commands: ConfigurationCommands, readModels: ReadModels): void {
  registry.register('create_bot', async (context, payload: PayloadOf<'configuration', 'create_bot'>) => {
    requireScope(context, 'agents-bot--my:rw');
    const ownerClientId = await callerApplication(context, readModels, payload.owner_client_id);
    await requireGroups(context, readModels, payload.groups);
    const id = randomBytes(16).toString('hex');
    const { owner_client_id: _owner, avatar_path: avatarPath, ...settings } = payload;
    const profile = newBotProfile({ ...settings, avatar: payload.avatar ?? avatarPath, id, owner_client_id: ownerClientId, created_with: context.requester.credential ?? 'bearer' });
    await commands.bot(context.organizationId, id, { type: 'create_bot', profile }, commandOrigin(context));
    return { id };
  });

  registry.register('get_bot', async (context, payload: PayloadOf<'configuration', 'get_bot'>) => {
    return wireBot(await reachableBot(context, readModels, payload.id, 'ro'), payload.fields);
  });

  registry.register('list_bots', async (context, payload: PayloadOf<'configuration', 'list_bots'>) => {
    requireScope(context, payload.all ? 'agents-bot--all:ro' : 'agents-bot--my:ro');
    const { requester } = context;
    const bots = await readModels.bots(context.organizationId, payload.all || requester.credential === 'pat' ? undefined : requester.clientId);
    return bots.map((b) => b.profile).filter((bot) => payload.all || isOwnBot(requester, bot)).map((bot) => listedBot(bot, payload.fields));
  });

  registry.register('update_bot', async (context, payload: PayloadOf<'configuration', 'update_bot'>) => {
    const bot = await reachableBot(context, readModels, payload.id, 'rw');
    await requireGroups(context, readModels, payload.groups);
    const { id, groups, avatar_path: avatarPath, ...settings } = payload;
    const defaultPriority: GroupPriority = payload.default_group_priority ?? bot.default_group_priority;
    const changes: BotChanges = {
      ...settings,
      ...(settings.avatar === undefined && avatarPath !== undefined && { avatar: avatarPath }),
      ...(groups && { groups: botGroups(groups, defaultPriority) }),
    };
    await commands.bot(context.organizationId, id, { type: 'update_bot', id, changes }, commandOrigin(context));
    return {};
  });

  registry.register('delete_bot', async (context, payload: PayloadOf<'configuration', 'delete_bot'>) => {
    await reachableBot(context, readModels, payload.id, 'rw');
    await commands.bot(context.organizationId, payload.id, { type: 'delete_bot', id: payload.id }, commandOrigin(context));
    return {};
  });
}
