import { ConfigurationRuleError, GroupPriority } from './agent';
import { Application, MAX_APPLICATIONS } from './applications';
import { decideWebhooks, evolveWebhooks, NO_WEBHOOKS, WebhookCommand, WebhookEvent, WebhookState } from './webhooks';

/** An organization (license) and its groups: stream `organization-<id>`. */
export interface Group {
  id: number;
  name: string;
  language_code: string;
  agent_priorities: Record<string, GroupPriority>;
}

export type OrganizationEvent =
  | {
      type: 'organization_created';
      /** `license_id`: absent from organizations created before license ids existed (see {@link legacyLicenseId}). */
      data: { organization_id: string; license_id?: number; name: string; owner_id: string; created_at: string };
    }
  | { type: 'group_created'; data: Group }
  /** Only the fields that changed (also the `group_updated` push's payload). `agent_priorities` replaces the map (ADR 0018). */
  | { type: 'group_updated'; data: GroupChanges & { id: number } }
  | { type: 'group_deleted'; data: { id: number } }
  | { type: 'application_created'; data: Application & { created_at: string } }
  | WebhookEvent;

/** What `update_group` may change. */
export type GroupChanges = Partial<Omit<Group, 'id'>>;

export interface OrganizationState {
  id: string;
  name: string;
  owner_id: string;
  groups: Group[];
  /** The highest group id ever given: a deleted group's id is not given again. */
  last_group_id: number;
  /** Registered applications (the default one is implicit: see `defaultClientId`). */
  applications: Application[];
  /** Registered webhooks and license webhook states (configuration-api.md §6). */
  webhooks: WebhookState;
}

export type OrganizationCommand =
  | { type: 'create_organization'; organization_id: string; license_id: number; name: string; owner_id: string; now: string }
  | { type: 'create_group'; name: string; language_code?: string; agent_priorities: Record<string, GroupPriority> }
  | { type: 'update_group'; id: number; changes: GroupChanges }
  | { type: 'delete_group'; id: number }
  | { type: 'create_application'; client_id: string; name: string; now: string }
  | WebhookCommand;

/** Group 0 ("General") holds every agent: it is never deleted and has no member list of its own. */
export const GENERAL_GROUP_ID = 0;

export function evolveOrganization(state: OrganizationState | undefined, event: OrganizationEvent): OrganizationState | undefined {
  switch (event.type) {
    case 'organization_created':
      return {
        id: event.data.organization_id,
        name: event.data.name,
        owner_id: event.data.owner_id,
        // Group 0 holds every agent.
        groups: [{ id: GENERAL_GROUP_ID, name: 'General', language_code: 'en', agent_priorities: {} }],
        last_group_id: GENERAL_GROUP_ID,
        applications: [],
        webhooks: NO_WEBHOOKS,
      };
    case 'group_created':
      return state && { ...state, groups: [...state.groups, event.data], last_group_id: Math.max(state.last_group_id, event.data.id) };
    case 'group_updated': {
      if (!state) return state;
      const { id, ...changes } = event.data;
      return { ...state, groups: state.groups.map((g) => (g.id === id ? { ...g, ...changes } : g)) };
    }
    case 'group_deleted':
      return state && { ...state, groups: state.groups.filter((g) => g.id !== event.data.id) };
    case 'application_created':
      return state && { ...state, applications: [...state.applications, { client_id: event.data.client_id, name: event.data.name }] };
    case 'webhook_registered':
    case 'webhook_unregistered':
    case 'license_webhooks_enabled':
    case 'license_webhooks_disabled':
    case 'webhook_paused':
    case 'webhook_resumed':
      return state && { ...state, webhooks: evolveWebhooks(state.webhooks, event) };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

export function decideOrganization(state: OrganizationState | undefined, command: OrganizationCommand): OrganizationEvent[] {
  switch (command.type) {
    case 'create_organization':
      if (state) throw new ConfigurationRuleError('already_exists', 'Organization already exists');
      return [
        {
          type: 'organization_created',
          data: {
            organization_id: command.organization_id,
            license_id: command.license_id,
            name: command.name,
            owner_id: command.owner_id,
            created_at: command.now,
          },
        },
      ];
    case 'create_group':
      return createGroup(existing(state), command);
    case 'update_group':
      return updateGroup(existing(state), command);
    case 'delete_group':
      return deleteGroup(existing(state), command);
    case 'create_application': {
      const organization = existing(state);
      if (organization.applications.length >= MAX_APPLICATIONS) {
        throw new ConfigurationRuleError('limit_reached', `An organization can register at most ${MAX_APPLICATIONS} applications`);
      }
      return [{ type: 'application_created', data: { client_id: command.client_id, name: command.name, created_at: command.now } }];
    }
    case 'register_webhook':
    case 'unregister_webhook':
    case 'enable_license_webhooks':
    case 'disable_license_webhooks':
    case 'pause_webhook':
    case 'resume_webhook':
      return decideWebhooks(existing(state).webhooks, command);
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}

function existing(state: OrganizationState | undefined): OrganizationState {
  if (!state) throw new ConfigurationRuleError('not_found', 'Organization not found');
  return state;
}

function existingGroup(state: OrganizationState, id: number): Group {
  const group = state.groups.find((g) => g.id === id);
  if (!group) throw new ConfigurationRuleError('group_not_found', `Group ${id} not found`);
  return group;
}

function requireNormalMember(agentPriorities: Record<string, GroupPriority>): void {
  if (!Object.values(agentPriorities).includes('normal')) {
    throw new ConfigurationRuleError('validation', 'agent_priorities: a group needs at least one agent with priority normal');
  }
}

function createGroup(state: OrganizationState, command: Extract<OrganizationCommand, { type: 'create_group' }>): OrganizationEvent[] {
  requireNormalMember(command.agent_priorities);
  const id = state.last_group_id + 1;
  return [
    {
      type: 'group_created',
      data: { id, name: command.name, language_code: command.language_code ?? 'en', agent_priorities: command.agent_priorities },
    },
  ];
}

/** Records only what differs; nothing differs, nothing is recorded. */
function updateGroup(state: OrganizationState, command: Extract<OrganizationCommand, { type: 'update_group' }>): OrganizationEvent[] {
  const group = existingGroup(state, command.id);
  if (command.changes.agent_priorities !== undefined) {
    if (group.id === GENERAL_GROUP_ID) {
      throw new ConfigurationRuleError('validation', 'agent_priorities: group 0 holds every agent, its members cannot be set');
    }
    requireNormalMember(command.changes.agent_priorities);
  }
  const changed = Object.fromEntries(
    Object.entries(command.changes).filter(
      ([key, value]) => value !== undefined && !sameValue(group[key as keyof Group], value),
    ),
  ) as GroupChanges;
  return Object.keys(changed).length === 0 ? [] : [{ type: 'group_updated', data: { id: group.id, ...changed } }];
}

function deleteGroup(state: OrganizationState, command: Extract<OrganizationCommand, { type: 'delete_group' }>): OrganizationEvent[] {
  if (command.id === GENERAL_GROUP_ID) throw new ConfigurationRuleError('validation', 'id: group 0 cannot be deleted');
  existingGroup(state, command.id);
  return [{ type: 'group_deleted', data: { id: command.id } }];
}

/** Equal values, whatever the order of an object's keys (a priority map sent in another order is no change). */
function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return a === b;
  const left = Object.entries(a).sort(([x], [y]) => x.localeCompare(y));
  const right = Object.entries(b).sort(([x], [y]) => x.localeCompare(y));
  return left.length === right.length && left.every(([key, value], i) => key === right[i][0] && sameValue(value, right[i][1]));
}

export const foldOrganization = (events: readonly OrganizationEvent[]): OrganizationState | undefined =>
  events.reduce<OrganizationState | undefined>(evolveOrganization, undefined);

/** License ids are 9-digit numbers, as LiveChat's. */
export const LICENSE_ID_MIN = 100_000_000;
export const LICENSE_ID_MAX = 999_999_999;

/**
 * The license id of an organization created before license ids existed,
 * derived from its id (so a rebuild gives the same one): the first 8 hex
 * digits of the UUID, into the 9-digit range. Migration 103 does the same in SQL.
 */
export function legacyLicenseId(organizationId: string): number {
  const head = parseInt(organizationId.replace(/-/g, '').slice(0, 8), 16) || 0;
  return (head % (LICENSE_ID_MAX - LICENSE_ID_MIN + 1)) + LICENSE_ID_MIN;
}
