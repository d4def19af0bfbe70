/**
 * Bots (bot agents) as configured: stream `agent-<id>`, like an agent's, so
 * routing, capacity, groups and routing statuses treat them alike (ADR 0024).
 * A bot belongs to the application (`owner_client_id`) that created it, has
 * no credentials, and is offline until its routing status is set.
 */
import { ConfigurationRuleError, DEFAULT_MAX_CHATS, GroupPriority, RoutingStatus } from './agent';

/** Bot ids look like LiveChat's: 32 lowercase hex digits (agent ids are e-mail addresses, so the two never meet). */
export const BOT_ID_PATTERN = /^[0-9a-f]{32}$/;

/** The most chats routing gives a bot at once (configuration-api.md §3; agents: 100). */
export const MAX_BOT_CHATS = 500;

export interface BotProfile {
  id: string;
  name: string;
  avatar?: string;
  max_chats_count: number;
  /** The priority of a group the bot was put in without one. */
  default_group_priority: GroupPriority;
  groups: Array<{ id: number; priority: GroupPriority }>;
  job_title?: string;
  work_scheduler?: Record<string, unknown>;
  timezone?: string;
  owner_client_id: string;
  /**
   * How its creator authenticated: `list_bots` without `all` shows a PAT
   * caller the bots created with PATs (configuration-api.md §3). Not on the wire.
   */
  created_with: 'bearer' | 'pat';
}

/** What `update_bot` may change. The owner and how the bot was created never change. */
export type BotChanges = Partial<Omit<BotProfile, 'id' | 'owner_client_id' | 'created_with'>>;

export type BotEvent =
  | { type: 'bot_created'; data: BotProfile }
  | { type: 'bot_updated'; data: { id: string } & BotChanges }
  | { type: 'bot_deleted'; data: { id: string } }
  | { type: 'routing_status_set'; data: { agent_id: string; status: RoutingStatus } };

export interface BotState {
  profile: BotProfile;
  deleted: boolean;
  routing_status: RoutingStatus;
}

export type BotCommand =
  | { type: 'create_bot'; profile: BotProfile }
  | { type: 'update_bot'; id: string; changes: BotChanges }
  | { type: 'delete_bot'; id: string }
  | { type: 'set_routing_status'; id: string; status: RoutingStatus };

/** The events of a bot's stream; an agent's stream holds none of them. */
export const BOT_EVENT_TYPES: ReadonlySet<string> = new Set(['bot_created', 'bot_updated', 'bot_deleted']);

export function evolveBot(state: BotState | undefined, event: BotEvent): BotState | undefined {
  switch (event.type) {
    case 'bot_created':
      return { profile: event.data, deleted: false, routing_status: 'offline' };
    case 'bot_updated': {
      if (!state) return state;
      const { id: _id, ...changes } = event.data;
      return { ...state, profile: { ...state.profile, ...changes } };
    }
    case 'bot_deleted':
      return state && { ...state, deleted: true, routing_status: 'offline' };
    case 'routing_status_set':
      return state && { ...state, routing_status: event.data.status };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

const exists = (state: BotState | undefined): state is BotState => Boolean(state && !state.deleted);

const notFound = (id: string) => new ConfigurationRuleError('not_found', `Bot ${id} not found`);

/** Decides a change to one bot, or throws {@link ConfigurationRuleError}. */
export function decideBot(state: BotState | undefined, command: BotCommand): BotEvent[] {
  switch (command.type) {
    case 'create_bot':
      if (state) throw new ConfigurationRuleError('already_exists', `Bot ${command.profile.id} already exists`);
      return [{ type: 'bot_created', data: command.profile }];
    case 'update_bot': {
      if (!exists(state)) throw notFound(command.id);
      const changed = Object.fromEntries(
        Object.entries(command.changes).filter(
          ([key, value]) => value !== undefined && JSON.stringify(state.profile[key as keyof BotProfile]) !== JSON.stringify(value),
        ),
      );
      return Object.keys(changed).length === 0 ? [] : [{ type: 'bot_updated', data: { id: command.id, ...changed } }];
    }
    case 'delete_bot':
      if (!exists(state)) throw notFound(command.id);
      return [{ type: 'bot_deleted', data: { id: command.id } }];
    case 'set_routing_status':
      if (!exists(state)) throw notFound(command.id);
      return command.status === state.routing_status ? [] : [{ type: 'routing_status_set', data: { agent_id: command.id, status: command.status } }];
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}

export const foldBot = (events: readonly BotEvent[]): BotState | undefined => events.reduce<BotState | undefined>(evolveBot, undefined);

/**
 * A new bot's profile with the Configuration API's defaults: 6 chats,
 * `default_group_priority` `normal`, and — without `groups` — group 0 (every
 * agent's) at that priority. A group given without a priority gets the default.
 */
export function newBotProfile(input: {
  id: string;
  name: string;
  owner_client_id: string;
  created_with: 'bearer' | 'pat';
  avatar?: string;
  max_chats_count?: number;
  default_group_priority?: GroupPriority;
  groups?: Array<{ id: number; priority?: GroupPriority }>;
  job_title?: string;
  work_scheduler?: Record<string, unknown>;
  timezone?: string;
}): BotProfile {
  const defaultPriority = input.default_group_priority ?? 'normal';
  const optional = Object.fromEntries(
    (['avatar', 'job_title', 'work_scheduler', 'timezone'] as const).filter((key) => input[key] !== undefined).map((key) => [key, input[key]]),
  );
  return {
    id: input.id,
    name: input.name,
    ...optional,
    max_chats_count: input.max_chats_count ?? DEFAULT_MAX_CHATS,
    default_group_priority: defaultPriority,
    groups: botGroups(input.groups ?? [{ id: 0 }], defaultPriority),
    owner_client_id: input.owner_client_id,
    created_with: input.created_with,
  };
}

/** Groups as stored: each with a priority (the default where none was given), each once. */
export function botGroups(groups: ReadonlyArray<{ id: number; priority?: GroupPriority }>, defaultPriority: GroupPriority): BotProfile['groups'] {
  const byId = new Map<number, GroupPriority>();
  for (const group of groups) byId.set(group.id, group.priority ?? defaultPriority);
  return [...byId].map(([id, priority]) => ({ id, priority }));
}

/**
 * Is this bot the caller's own — within the `--my` bot scopes, and listed by
 * `list_bots` without `all`? With a Bearer token: a bot of the token's
 * application; with a personal access token: a bot created with one
 * (configuration-api.md §3).
 */
export function isOwnBot(caller: { credential?: 'bearer' | 'pat'; clientId?: string }, bot: BotProfile): boolean {
  return caller.credential === 'pat' ? bot.created_with === 'pat' : bot.owner_client_id === caller.clientId;
}
