import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { TokenService } from '@switchboard/auth';
import {
  AgentCommand,
  AgentEvent,
  AgentProfile,
  AutoAccessCommand,
  AutoAccessEvent,
  BotCommand,
  BotEvent,
  ConfigurationRuleError,
  decideAgent,
  decideAutoAccess,
  decideBot,
  decideOrganization,
  decidePropertyDefinitions,
  DEFAULT_MAX_CHATS,
  defaultClientId,
  foldAgent,
  foldAutoAccess,
  foldBot,
  foldOrganization,
  foldPropertyDefinitions,
  LICENSE_ID_MAX,
  LICENSE_ID_MIN,
  OrganizationCommand,
  OrganizationEvent,
  PropertyDefinitionCommand,
  PropertyDefinitionEvent,
} from '@switchboard/configuration/domain';
import { EventStore, executeOptimistically, StreamDecider, StreamOwnershipError } from '@switchboard/event-store';
import { ApiError } from '@switchboard/protocol';
import { ReadModels } from '@switchboard/read-models';

/** Agent tokens last a working day, like LiveChat's, unless the settings say less. */
export const AGENT_TOKEN_TTL_SECONDS = 8 * 3600;

type Decider<S, C, E> = StreamDecider<S | undefined, C, E>;

/** Rule errors as the API's; an agent id taken in another organization (agent ids are e-mail addresses, unique across the server). */
function configurationError(error: unknown): unknown {
  if (error instanceof ConfigurationRuleError) return new ApiError(error.type, error.message);
  if (error instanceof StreamOwnershipError) return new ApiError('already_exists', 'This id is used by another organization');
  return error;
}

const AGENTS: Decider<ReturnType<typeof foldAgent>, AgentCommand, AgentEvent> = { fold: foldAgent, decide: decideAgent };
const BOTS: Decider<ReturnType<typeof foldBot>, BotCommand, BotEvent> = { fold: foldBot, decide: decideBot };
const ORGANIZATIONS: Decider<ReturnType<typeof foldOrganization>, OrganizationCommand, OrganizationEvent> = {
  fold: foldOrganization,
  decide: decideOrganization,
};
const AUTO_ACCESSES: Decider<ReturnType<typeof foldAutoAccess>, AutoAccessCommand, AutoAccessEvent> = {
  fold: foldAutoAccess,
  decide: decideAutoAccess,
};

/** A command on auto access rules, without what the application looks up for it (the organization's groups). */
export type AutoAccessRequest = AutoAccessCommand extends infer C ? (C extends unknown ? Omit<C, 'group_ids'> : never) : never;

/** A new auto access rule's id: 32 hex digits, as LiveChat's. */
export const newAutoAccessId = (): string => randomBytes(16).toString('hex');
const PROPERTY_DEFINITIONS: Decider<ReturnType<typeof foldPropertyDefinitions>, PropertyDefinitionCommand, PropertyDefinitionEvent> = {
  fold: foldPropertyDefinitions,
  decide: (state, command) => decidePropertyDefinitions(state ?? [], command),
};

/**
 * Who caused a configuration change. A change without `requesterId` is
 * Switchboard's own (an agent going offline when its last connection closes,
 * a new organization's owner): webhooks' `source_type` `system` (ADR 0043).
 */
export interface ConfigurationOrigin {
  requesterId?: string;
  /** The application the requester acts for; absent with a personal access token. */
  clientId?: string;
  connectionId?: string;
  requestId?: string;
}

function originMetadata(origin: ConfigurationOrigin): Record<string, unknown> {
  return {
    ...(origin.requesterId && { requester_id: origin.requesterId }),
    ...(origin.clientId && { client_id: origin.clientId }),
    ...(origin.connectionId && { connection_id: origin.connectionId }),
    ...(origin.requestId && { request_id: origin.requestId }),
  };
}

/** Runs configuration commands on the agent and organization streams, and issues agent tokens. */
export class ConfigurationCommands {
  constructor(
    private readonly store: EventStore,
    private readonly readModels: ReadModels,
    private readonly tokens: TokenService,
    /** Longest lifetime of an agent token; longer requests are capped to it. */
    private readonly maxTokenTtlSeconds = AGENT_TOKEN_TTL_SECONDS,
  ) {}

  private run<S, C, E extends { type: string; data: unknown }>(
    decider: Decider<S, C, E>,
    organizationId: string,
    streamId: string,
    command: C,
    metadata: Record<string, unknown> = {},
  ): Promise<E[]> {
    return executeOptimistically(this.store, decider, command, { organizationId, streamId, metadata, mapError: configurationError });
  }

  /** `origin`: who asked, and the RTM connection and request behind the change, so its own push carries the request_id. */
  agent(organizationId: string, agentId: string, command: AgentCommand, origin: ConfigurationOrigin = {}): Promise<AgentEvent[]> {
    return this.run(AGENTS, organizationId, `agent-${agentId}`, command, originMetadata(origin));
  }

  /** A bot's stream is `agent-<id>` too (ADR 0024); `origin` as for {@link agent}. */
  bot(organizationId: string, botId: string, command: BotCommand, origin: ConfigurationOrigin = {}): Promise<BotEvent[]> {
    return this.run(BOTS, organizationId, `agent-${botId}`, command, originMetadata(origin));
  }

  organization(organizationId: string, command: OrganizationCommand, origin: ConfigurationOrigin = {}): Promise<OrganizationEvent[]> {
    return this.run(ORGANIZATIONS, organizationId, `organization-${organizationId}`, command, originMetadata(origin));
  }

  /** Auto access rules live on one stream per organization, `auto_access-<id>` (ADR 0019). */
  async autoAccess(organizationId: string, request: AutoAccessRequest, origin: ConfigurationOrigin = {}): Promise<AutoAccessEvent[]> {
    const groupIds = request.type === 'delete_auto_access' ? [] : (await this.readModels.groups(organizationId)).map((g) => g.id);
    const command = { ...request, group_ids: groupIds } as AutoAccessCommand;
    return this.run(AUTO_ACCESSES, organizationId, `auto_access-${organizationId}`, command, originMetadata(origin));
  }

  /** Registers, unregisters or publishes a property of one of the organization's applications (ADR 0023). */
  propertyDefinitions(organizationId: string, command: PropertyDefinitionCommand): Promise<PropertyDefinitionEvent[]> {
    return this.run(PROPERTY_DEFINITIONS, organizationId, `properties-${organizationId}`, command);
  }

  /** A new organization with its owner (an agent accepting chats). */
  async createOrganization(name: string, owner: { id: string; name?: string }): Promise<{ organizationId: string }> {
    const organizationId = randomUUID();
    // A random 9-digit license id; the read model's unique index refuses one already taken (then another is drawn).
    for (let attempt = 1; ; attempt++) {
      try {
        await this.organization(organizationId, {
          type: 'create_organization',
          organization_id: organizationId,
          license_id: randomInt(LICENSE_ID_MIN, LICENSE_ID_MAX + 1),
          name,
          owner_id: owner.id,
          now: new Date().toISOString(),
        });
        break;
      } catch (error) {
        if ((error as { constraint?: string }).constraint !== 'organizations_license_id' || attempt >= 5) throw error;
      }
    }
    await this.agent(organizationId, owner.id, {
      type: 'create_agent',
      profile: newAgentProfile({ id: owner.id, name: owner.name ?? owner.id, role: 'owner', login_status: 'accepting chats' }),
    });
    return { organizationId };
  }

  /** Registers an application of the organization: a new, random client id (ADR 0022). */
  async createApplication(organizationId: string, name: string): Promise<{ client_id: string; name: string }> {
    const clientId = randomBytes(16).toString('hex');
    await this.organization(organizationId, { type: 'create_application', client_id: clientId, name, now: new Date().toISOString() });
    return { client_id: clientId, name };
  }

  /**
   * An access token for an existing agent and one of the organization's
   * applications (default: its default application). It names the agent and
   * its current token generation, not its role: the role (hence the scopes) is
   * looked up on every request. Lifetimes above the maximum are capped.
   */
  async agentToken(organizationId: string, agentId: string, requestedTtlSeconds?: number, clientId?: string) {
    const agent = await this.readModels.agent(organizationId, agentId);
    if (!agent) throw new ApiError('not_found', `Agent ${agentId} not found`);
    // Bots have no credentials: an agent of their application acts as them (ADR 0024).
    if (agent.owner_client_id) throw new ApiError('not_found', `${agentId} is a bot: bots get no tokens; act as it with X-Author-Id`);
    if (agent.suspended) throw new ApiError('requester_suspended', `Agent ${agentId} is suspended`);
    const cid = clientId ?? defaultClientId(organizationId);
    if (!(await this.readModels.application(organizationId, cid))) {
      throw new ApiError('not_found', `client_id: the organization has no application ${cid}`);
    }
    const ttlSeconds = Math.min(requestedTtlSeconds ?? this.maxTokenTtlSeconds, this.maxTokenTtlSeconds);
    const accessToken = this.tokens.issue({ typ: 'agent', org: organizationId, sub: agentId, gen: agent.token_generation, cid }, ttlSeconds);
    return {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: ttlSeconds,
      organization_id: organizationId,
      agent_id: agentId,
      client_id: cid,
    };
  }
}

/** A profile with the Configuration API's defaults filled in. */
export function newAgentProfile(input: Partial<AgentProfile> & { id: string; name: string }): AgentProfile {
  return {
    role: 'normal',
    login_status: 'not accepting chats',
    max_chats_count: DEFAULT_MAX_CHATS,
    awaiting_approval: false,
    groups: [{ id: 0, priority: 'normal' }],
    ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)),
  } as AgentProfile;
}
