import { ConfigurationRuleError, GroupPriority } from './agent';

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
  | { type: 'group_created'; data: Group };

export interface OrganizationState {
  id: string;
  name: string;
  owner_id: string;
  groups: Group[];
}

export type OrganizationCommand =
  | { type: 'create_organization'; organization_id: string; license_id: number; name: string; owner_id: string; now: string }
  | { type: 'create_group'; name: string; language_code?: string; agent_priorities: Record<string, GroupPriority> };

export function evolveOrganization(state: OrganizationState | undefined, event: OrganizationEvent): OrganizationState | undefined {
  switch (event.type) {
    case 'organization_created':
      return {
        id: event.data.organization_id,
        name: event.data.name,
        owner_id: event.data.owner_id,
        // Group 0 holds every agent.
        groups: [{ id: 0, name: 'General', language_code: 'en', agent_priorities: {} }],
      };
    case 'group_created':
      return state && { ...state, groups: [...state.groups, event.data] };
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
    case 'create_group': {
      if (!state) throw new ConfigurationRuleError('not_found', 'Organization not found');
      const priorities = Object.values(command.agent_priorities);
      if (!priorities.includes('normal')) {
        throw new ConfigurationRuleError('validation', 'A group needs at least one agent with priority normal');
      }
      const id = Math.max(...state.groups.map((g) => g.id)) + 1;
      return [
        {
          type: 'group_created',
          data: { id, name: command.name, language_code: command.language_code ?? 'en', agent_priorities: command.agent_priorities },
        },
      ];
    }
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
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
