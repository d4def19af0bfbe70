import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { AgentEvent, BotEvent, outranks, Role } from '@switchboard/configuration/domain';
import { EventMessage, parseStreamId } from '@switchboard/event-store';
import { Infrastructure, INFRASTRUCTURE } from '@switchboard/platform';
import { AgentIdentityRecord, PersonalAccessTokenOwner } from '@switchboard/read-models';
import { EventFeed } from '../feed/event-feed';

/** What authentication needs to know about an agent, as of its stream's `version`. */
export interface AgentIdentity {
  organizationId: string;
  agentId: string;
  role: Role;
  deleted: boolean;
  suspended: boolean;
  /** Created by someone without the approval scope: no access until an owner approves it. */
  awaitingApproval: boolean;
  tokenGeneration: number;
  /** Bots only: the application the bot belongs to (ADR 0024). Bots never authenticate; agents act as them. */
  ownerClientId?: string;
  version: number;
}

/** An agent lost access (or some of it): its live connections must go. */
export interface IdentityChange {
  organizationId: string;
  agentId: string;
  reason: 'deleted' | 'suspended' | 'role_changed' | 'tokens_revoked' | 'logged_out';
  /** The RTM connection whose request caused it (a `logout`). */
  connectionId?: string;
}

const fromRecord = (r: AgentIdentityRecord): AgentIdentity => ({
  organizationId: r.organization_id,
  agentId: r.agent_id,
  role: r.role,
  deleted: r.deleted,
  suspended: r.suspended,
  awaitingApproval: r.awaiting_approval,
  tokenGeneration: r.token_generation,
  ...(r.owner_client_id && { ownerClientId: r.owner_client_id }),
  version: r.version,
});

/**
 * Every agent's role, suspension and token generation, in memory, so each
 * request is authorized without a database round trip — and revocations,
 * deletions, suspensions and role changes take effect at once on every
 * replica. Loaded from the read model at start, kept current from the event
 * feed (events at or below an agent's known stream version are skipped, so
 * the load and the feed can overlap).
 */
@Injectable()
export class AgentDirectory implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('agent-directory');
  private readonly agents = new Map<string, AgentIdentity>();
  /** Personal access tokens by hash: whose they are (ADR 0022). */
  private readonly personalAccessTokens = new Map<string, PersonalAccessTokenOwner>();
  private readonly changeListeners = new Set<(change: IdentityChange) => void>();
  private pending: EventMessage[] | undefined = [];

  constructor(
    private readonly feed: EventFeed,
    @Inject(INFRASTRUCTURE) private readonly infrastructure: Infrastructure,
  ) {}

  onModuleInit(): void {
    this.feed.listen({
      accepts: (_organization, streamType) => streamType === 'agent',
      event: (message) => this.onEvent(message),
      gap: () => void this.reload().catch((error: Error) => this.logger.warn(`reloading: ${error.message}`)),
    });
  }

  /** After every module had its say on what the feed carries (onModuleInit), before the process listens. */
  async onApplicationBootstrap(): Promise<void> {
    // Follow first, then load: whatever commits after the load arrives through the feed.
    await this.feed.start();
    await this.reload();
    const buffered = this.pending ?? [];
    this.pending = undefined;
    for (const message of buffered) this.apply(message);
  }

  get(agentId: string): AgentIdentity | undefined {
    return this.agents.get(agentId);
  }

  /**
   * Reads one agent from the database: for an agent this replica has not heard
   * of yet, or a token newer than what it knows (another replica wrote moments ago).
   */
  async refresh(agentId: string): Promise<AgentIdentity | undefined> {
    const [record] = await this.infrastructure.readModels.agentIdentities(agentId);
    if (record) this.remember(fromRecord(record));
    return this.agents.get(agentId);
  }

  /**
   * Whose personal access token has this hash, if it is still valid: from
   * memory, or — created moments ago through another replica — the database.
   */
  async personalAccessToken(hash: string): Promise<PersonalAccessTokenOwner | undefined> {
    const known = this.personalAccessTokens.get(hash);
    if (known) return known;
    const [record] = await this.infrastructure.readModels.personalAccessTokenOwners(hash);
    if (record) this.personalAccessTokens.set(hash, record);
    return record;
  }

  /** Is the personal access token with this hash still valid? From memory (an RTM session's recheck). */
  holdsPersonalAccessToken(hash: string): boolean {
    return this.personalAccessTokens.has(hash);
  }

  /** Calls `listener` whenever an agent loses access; returns the function that stops it. */
  onChange(listener: (change: IdentityChange) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  private async reload(): Promise<void> {
    const [records, tokens] = await Promise.all([
      this.infrastructure.readModels.agentIdentities(),
      this.infrastructure.readModels.personalAccessTokenOwners(),
    ]);
    for (const record of records) this.remember(fromRecord(record));
    // Replaced, not merged: a revocation this replica missed must not linger (a token created since is read on its first use).
    this.personalAccessTokens.clear();
    for (const token of tokens) this.personalAccessTokens.set(token.hash, token);
    this.logger.log(`${records.length} agents loaded`);
  }

  /**
   * Keeps the newer of what we know and `identity`, and tells the listeners
   * when the agent lost access. `cause` is the event behind it, when known.
   */
  private remember(identity: AgentIdentity, cause?: { reason?: 'logged_out'; connectionId?: string }): void {
    const known = this.agents.get(identity.agentId);
    if (known && identity.version <= known.version) return;
    this.agents.set(identity.agentId, identity);
    const reason = known && lostAccess(known, identity, cause?.reason);
    if (reason) {
      this.notify({
        organizationId: identity.organizationId,
        agentId: identity.agentId,
        reason,
        ...(cause?.connectionId && { connectionId: cause.connectionId }),
      });
    }
  }

  private onEvent(message: EventMessage): void {
    if (!message.stream_id.startsWith('agent-')) return;
    if (this.pending) this.pending.push(message);
    else this.apply(message);
  }

  private apply(message: EventMessage): void {
    const agentId = parseStreamId(message.stream_id).id;
    const known = this.agents.get(agentId);
    const event = { type: message.type, data: message.data } as AgentEvent | BotEvent;
    const stale = Boolean(known && message.stream_version <= known.version);
    // Revocations are applied even when stale (this replica may have refreshed past them); creations are not.
    if (!stale || event.type !== 'personal_access_token_created') {
      const revoked = this.followPersonalAccessTokens(event, message.organization_id, agentId);
      if (revoked) this.notify({ organizationId: message.organization_id, agentId, reason: 'tokens_revoked' });
    }
    if (stale) return;
    // A version skipped (this replica refreshed in between, or missed events): the database knows.
    if (known && message.stream_version > known.version + 1) void this.refresh(agentId).catch((error: Error) => this.logger.warn(`refreshing ${agentId}: ${error.message}`));
    const next = evolveIdentity(known, event, message.organization_id, agentId, message.stream_version);
    if (!next) return;
    const loggedOut = event.type === 'agent_tokens_revoked' && event.data.reason === 'logout';
    const connectionId = (message.metadata as { connection_id?: string }).connection_id;
    this.remember(next, { ...(loggedOut && { reason: 'logged_out' as const }), ...(connectionId && { connectionId }) });
  }

  /** Keeps the personal access tokens current; true when one stopped working. */
  private followPersonalAccessTokens(event: AgentEvent | BotEvent, organizationId: string, agentId: string): boolean {
    switch (event.type) {
      case 'personal_access_token_created':
        this.personalAccessTokens.set(event.data.hash, { hash: event.data.hash, token_id: event.data.id, organization_id: organizationId, agent_id: agentId });
        return false;
      case 'personal_access_token_revoked':
        return this.forgetPersonalAccessTokens(agentId, (token) => token.token_id === event.data.id);
      case 'agent_created':
      case 'agent_deleted':
        return this.forgetPersonalAccessTokens(agentId, () => true);
      default:
        return false;
    }
  }

  private forgetPersonalAccessTokens(agentId: string, which: (token: PersonalAccessTokenOwner) => boolean): boolean {
    let forgotten = false;
    for (const [hash, token] of this.personalAccessTokens) {
      if (token.agent_id === agentId && which(token)) forgotten = this.personalAccessTokens.delete(hash);
    }
    return forgotten;
  }

  private notify(change: IdentityChange): void {
    for (const listener of this.changeListeners) {
      try {
        listener(change);
      } catch (error) {
        this.logger.error(`identity change listener failed: ${(error as Error).message}`);
      }
    }
  }
}

function evolveIdentity(
  known: AgentIdentity | undefined,
  event: AgentEvent | BotEvent,
  organizationId: string,
  agentId: string,
  version: number,
): AgentIdentity | undefined {
  if (event.type === 'agent_created') {
    return {
      organizationId,
      agentId,
      role: event.data.role,
      deleted: false,
      suspended: false,
      awaitingApproval: event.data.awaiting_approval ?? false,
      tokenGeneration: known ? known.tokenGeneration + 1 : 0,
      version,
    };
  }
  if (event.type === 'bot_created') {
    const base = { organizationId, agentId, role: 'normal' as const, suspended: false, awaitingApproval: false, tokenGeneration: 0 };
    return { ...base, deleted: false, ownerClientId: event.data.owner_client_id, version };
  }
  if (!known) return undefined;
  const next = { ...known, version };
  switch (event.type) {
    case 'agent_updated':
      return event.data.role ? { ...next, role: event.data.role } : next;
    case 'agent_deleted':
    case 'bot_deleted':
      return { ...next, deleted: true };
    case 'agent_suspended':
      return { ...next, suspended: true };
    case 'agent_unsuspended':
      return { ...next, suspended: false };
    case 'agent_approved':
      return { ...next, awaitingApproval: false };
    case 'agent_tokens_revoked':
      return { ...next, tokenGeneration: known.tokenGeneration + 1 };
    default:
      return next;
  }
}

/** Why an agent that had `before` has less access with `after`, if it does. */
function lostAccess(before: AgentIdentity, after: AgentIdentity, revocation?: 'logged_out'): IdentityChange['reason'] | undefined {
  if (after.deleted && !before.deleted) return 'deleted';
  if (after.suspended && !before.suspended) return 'suspended';
  if (after.tokenGeneration > before.tokenGeneration) return revocation ?? 'tokens_revoked';
  if (outranks(before.role, after.role)) return 'role_changed';
  return undefined;
}
