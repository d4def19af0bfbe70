/** Agents (and, later, bots) as configured: stream `agent-<id>`. */

export type Role = 'owner' | 'viceowner' | 'administrator' | 'normal';
export type GroupPriority = 'first' | 'normal' | 'last' | 'supervisor';
export type RoutingStatus = 'accepting_chats' | 'not_accepting_chats' | 'offline';
export type LoginStatus = 'accepting chats' | 'not accepting chats';

export interface AgentProfile {
  id: string;
  name: string;
  role: Role;
  avatar?: string;
  login_status: LoginStatus;
  job_title?: string;
  mobile?: string;
  max_chats_count: number;
  awaiting_approval: boolean;
  groups: Array<{ id: number; priority: GroupPriority }>;
  notifications?: string[];
  email_subscriptions?: string[];
  work_scheduler?: Record<string, unknown>;
}

export type AgentChanges = Partial<Omit<AgentProfile, 'id'>>;

export type AgentEvent =
  | { type: 'agent_created'; data: AgentProfile }
  | { type: 'agent_updated'; data: { id: string } & AgentChanges }
  | { type: 'agent_deleted'; data: { id: string } }
  | { type: 'agent_suspended'; data: { id: string } }
  | { type: 'agent_unsuspended'; data: { id: string } }
  | { type: 'agent_approved'; data: { id: string } }
  | { type: 'agent_tokens_revoked'; data: { id: string; reason: TokenRevocationReason } }
  | { type: 'routing_status_set'; data: { agent_id: string; status: RoutingStatus } };

/** Why an agent's access tokens stopped working: revoked on request, or the agent logged out (RTM `logout`). */
export type TokenRevocationReason = 'revoked' | 'logout';

export interface AgentState {
  profile: AgentProfile;
  deleted: boolean;
  suspended: boolean;
  /** Counts revocations: a token is valid only if issued at the current generation. */
  token_generation: number;
  routing_status: RoutingStatus;
}

export type AgentCommand =
  | { type: 'create_agent'; profile: AgentProfile }
  | { type: 'update_agent'; id: string; changes: AgentChanges }
  | { type: 'delete_agent'; id: string }
  | { type: 'suspend_agent'; id: string }
  | { type: 'unsuspend_agent'; id: string }
  | { type: 'approve_agent'; id: string }
  | { type: 'revoke_tokens'; id: string; reason: TokenRevocationReason }
  | { type: 'set_routing_status'; id: string; status: RoutingStatus };

export class ConfigurationRuleError extends Error {
  constructor(
    readonly type: 'already_exists' | 'not_found' | 'validation' | 'group_not_found' | 'limit_reached',
    message: string,
  ) {
    super(message);
    this.name = 'ConfigurationRuleError';
  }
}

export const DEFAULT_MAX_CHATS = 6;

export function evolveAgent(state: AgentState | undefined, event: AgentEvent): AgentState | undefined {
  switch (event.type) {
    case 'agent_created':
      // A re-created agent starts afresh, but tokens of its earlier life stay dead.
      return {
        profile: event.data,
        deleted: false,
        suspended: false,
        token_generation: state ? state.token_generation + 1 : 0,
        routing_status: 'offline',
      };
    case 'agent_updated': {
      if (!state) return state;
      const { id: _id, ...changes } = event.data;
      return { ...state, profile: { ...state.profile, ...changes } };
    }
    case 'agent_deleted':
      return state && { ...state, deleted: true, routing_status: 'offline' };
    case 'agent_suspended':
      return state && { ...state, suspended: true, routing_status: 'offline' };
    case 'agent_unsuspended':
      return state && { ...state, suspended: false };
    case 'agent_approved':
      return state && { ...state, profile: { ...state.profile, awaiting_approval: false } };
    case 'agent_tokens_revoked':
      return state && { ...state, token_generation: state.token_generation + 1 };
    case 'routing_status_set':
      return state && { ...state, routing_status: event.data.status };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

const exists = (state: AgentState | undefined): state is AgentState => Boolean(state && !state.deleted);

/** Decides a change to one agent, or throws {@link ConfigurationRuleError}. */
export function decideAgent(state: AgentState | undefined, command: AgentCommand): AgentEvent[] {
  switch (command.type) {
    case 'create_agent':
      if (exists(state)) throw new ConfigurationRuleError('already_exists', `Agent ${command.profile.id} already exists`);
      return [{ type: 'agent_created', data: command.profile }];
    case 'update_agent': {
      if (!exists(state)) throw new ConfigurationRuleError('not_found', `Agent ${command.id} not found`);
      const changed = Object.fromEntries(
        Object.entries(command.changes).filter(
          ([key, value]) => JSON.stringify(state.profile[key as keyof AgentProfile]) !== JSON.stringify(value),
        ),
      );
      return Object.keys(changed).length === 0 ? [] : [{ type: 'agent_updated', data: { id: command.id, ...changed } }];
    }
    case 'delete_agent':
      if (!exists(state)) throw new ConfigurationRuleError('not_found', `Agent ${command.id} not found`);
      if (state.profile.role === 'owner') throw new ConfigurationRuleError('validation', 'The owner cannot be deleted');
      return [{ type: 'agent_deleted', data: { id: command.id } }];
    case 'suspend_agent':
      if (!exists(state)) throw new ConfigurationRuleError('not_found', `Agent ${command.id} not found`);
      if (state.profile.role === 'owner') throw new ConfigurationRuleError('validation', 'The owner cannot be suspended');
      return state.suspended ? [] : [{ type: 'agent_suspended', data: { id: command.id } }];
    case 'unsuspend_agent':
      if (!exists(state)) throw new ConfigurationRuleError('not_found', `Agent ${command.id} not found`);
      return state.suspended ? [{ type: 'agent_unsuspended', data: { id: command.id } }] : [];
    case 'approve_agent':
      if (!exists(state)) throw new ConfigurationRuleError('not_found', `Agent ${command.id} not found`);
      return state.profile.awaiting_approval ? [{ type: 'agent_approved', data: { id: command.id } }] : [];
    case 'revoke_tokens':
      if (!exists(state)) throw new ConfigurationRuleError('not_found', `Agent ${command.id} not found`);
      return [{ type: 'agent_tokens_revoked', data: { id: command.id, reason: command.reason } }];
    case 'set_routing_status':
      if (!exists(state)) throw new ConfigurationRuleError('not_found', `Agent ${command.id} not found`);
      if (command.status === state.routing_status) return [];
      if (state.suspended && command.status !== 'offline') throw new ConfigurationRuleError('validation', 'A suspended agent cannot accept chats');
      return [{ type: 'routing_status_set', data: { agent_id: command.id, status: command.status } }];
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}

export const foldAgent = (events: readonly AgentEvent[]): AgentState | undefined =>
  events.reduce<AgentState | undefined>(evolveAgent, undefined);
