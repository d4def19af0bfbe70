import { ChatEventRecord, ChatState } from '@switchboard/chat/domain';
import { AgentProfile, Application, BotProfile, DEFAULT_APPLICATION_NAME, defaultClientId, Group, Role, RoutingStatus } from '@switchboard/configuration/domain';
import { SqlExecutor } from '@switchboard/event-store';
import { LastEventPerType } from './chat.projection';
import { CHAT_COLUMNS, chatLoader } from './chat-loader';
import { foldThreadEvents } from './thread-events';
import { PropertyQueries } from './properties.queries';
import { ArchiveQueries } from './archive/archive.queries';
import { QueueQueries, ThreadQueue } from './queue/queue.queries';
import { GroupPriority, priorityFor, RoutingCandidate } from '@switchboard/routing/domain';
import { WebhookRegistration } from '@switchboard/webhooks/domain';
import { WebhookQueries } from './webhooks/webhooks.queries';

/** Serving order of the priority tiers (supervisors are left out by the query). */
const TIERS: Record<GroupPriority, number> = { first: 0, normal: 1, last: 2, supervisor: 3 };

export interface ChatRecord {
  chat_id: string;
  version: number;
  customer_id?: string;
  state: ChatState;
  last_event_per_type: LastEventPerType;
  customer_last_event_per_type: LastEventPerType;
  active: boolean;
  /** The archive's facets known written (ADR 0032); the chat projection's bookkeeping, not on the wire. */
  archive_facets?: Record<string, string[]>;
  /** Seconds each thread spent queued, by thread id (ADR 0038). */
  queues_duration?: Record<string, number>;
}

export interface AgentRecord {
  profile: AgentProfile;
  routing_status: RoutingStatus;
  active_chats: number;
  suspended: boolean;
  token_generation: number;
  /** Bots only: the application the bot belongs to (ADR 0024). Agents: null. */
  owner_client_id?: string | null;
}

export interface BotRecord {
  profile: BotProfile;
  routing_status: RoutingStatus;
}

/** What authenticating an agent's token needs to know, as of the agent stream's `version`. */
export interface AgentIdentityRecord {
  organization_id: string;
  agent_id: string;
  role: Role;
  deleted: boolean;
  suspended: boolean;
  awaiting_approval: boolean;
  token_generation: number;
  /** Bots only: the application the bot belongs to. */
  owner_client_id: string | null;
  version: number;
}

/** A personal access token, by its hash: whose it is. */
export interface PersonalAccessTokenOwner {
  hash: string;
  token_id: string;
  organization_id: string;
  agent_id: string;
}

export interface ChatListFilter {
  /** Only this customer's chat. */
  customerId?: string;
  /** Groups whose chats the requester may see; undefined = all. Group 0 means every agent. */
  visibleToGroups?: number[];
  includeActive?: boolean;
  includeChatsWithoutThreads?: boolean;
  groupIds?: number[];
  sortOrder: 'asc' | 'desc';
  limit: number;
  offset: number;
}

const AGENT_COLUMNS = 'profile, routing_status, active_chats, suspended, token_generation, owner_client_id';

/**
 * A jsonb value as a number, NULL when it is not one. Profiles are jsonb
 * written from events: a query must not fail for the whole organization
 * because one row holds a string or a number out of `integer` range (ADR 0008).
 */
const jsonNumber = (expression: string) => `(CASE WHEN jsonb_typeof(${expression}) = 'number' THEN (${expression})::numeric END)`;

/** `g` (an element of `profile->'groups'`) is one of the groups in parameter `?` (numeric[]). */
const GROUP_ID_IN = `${jsonNumber("g->'id'")} = ANY(?::numeric[])`;

/** Only ids an `integer` column can hold: any other matches no row anyway, and must not fail the query. */
const int32Only = (ids: number[]) => ids.filter((id) => Number.isInteger(id) && id >= -(2 ** 31) && id < 2 ** 31);


function toChat(row: ChatRecord & { customer_id: string | null }): ChatRecord {
  return { ...row, customer_id: row.customer_id ?? undefined };
}

/** Reads of the inline read models, always scoped to one organization. */
export class ReadModels {
  constructor(private readonly db: SqlExecutor) {}

  /** Registered properties and license and group values (ADR 0023). */
  get properties(): PropertyQueries {
    return new PropertyQueries(this.db);
  }

  /** The archive's searches (ADR 0032). */
  get archive(): ArchiveQueries {
    return new ArchiveQueries(this.db);
  }

  /** Batched with the other chats asked for in the same tick (see `chatLoader`). */
  async chat(organizationId: string, chatId: string): Promise<ChatRecord | undefined> {
    return chatLoader(this.db).load([organizationId, chatId]);
  }

  async customerChatId(organizationId: string, customerId: string): Promise<string | undefined> {
    const { rows } = await this.db.query<{ chat_id: string }>(
      'SELECT chat_id FROM chats WHERE organization_id = $1 AND customer_id = $2',
      [organizationId, customerId],
    );
    return rows[0]?.chat_id;
  }

  /** The events of a chat's threads (all threads when `threadIds` is absent), in order. */
  async chatEvents(organizationId: string, chatId: string, threadIds?: string[]): Promise<Map<string, ChatEventRecord[]>> {
    const { rows } = await this.db.query<{ thread_id: string; type: string; data: unknown; event: ChatEventRecord }>(
      `SELECT data->>'thread_id' AS thread_id, type, CASE WHEN type <> 'event_added' THEN data END AS data, data->'event' AS event FROM events
       WHERE stream_id = $1 AND organization_id = $2 AND type IN ('event_added', 'event_properties_updated', 'event_properties_deleted')
         AND ($3::text[] IS NULL OR data->>'thread_id' = ANY($3::text[]))
       ORDER BY events.stream_version`,
      [`chat-${chatId}`, organizationId, threadIds ?? null],
    );
    return foldThreadEvents(rows);
  }

  async listChats(organizationId: string, filter: ChatListFilter): Promise<{ chats: ChatRecord[]; total: number }> {
    const where = ['organization_id = $1'];
    const params: unknown[] = [organizationId];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.customerId) add('customer_id = ?', filter.customerId);
    if (filter.visibleToGroups) add(`(0 = ANY(access_group_ids) OR access_group_ids && ?::int[])`, int32Only(filter.visibleToGroups));
    if (filter.groupIds) add('access_group_ids && ?::int[]', int32Only(filter.groupIds));
    if (filter.includeActive === false) where.push('NOT active');
    if (filter.includeChatsWithoutThreads === false) where.push('last_thread_id IS NOT NULL');
    const direction = filter.sortOrder === 'asc' ? 'ASC' : 'DESC';
    const [page, count] = await Promise.all([
      this.db.query<ChatRecord & { customer_id: string | null }>(
        `SELECT ${CHAT_COLUMNS} FROM chats WHERE ${where.join(' AND ')}
         ORDER BY last_thread_created_at ${direction} NULLS LAST, chat_id ${direction}
         LIMIT ${Number(filter.limit)} OFFSET ${Number(filter.offset)}`,
        params,
      ),
      this.db.query<{ n: string }>(`SELECT count(*)::text AS n FROM chats WHERE ${where.join(' AND ')}`, params),
    ]);
    return { chats: page.rows.map(toChat), total: Number(count.rows[0].n) };
  }

  async agent(organizationId: string, agentId: string): Promise<AgentRecord | undefined> {
    const { rows } = await this.db.query<AgentRecord>(
      `SELECT ${AGENT_COLUMNS} FROM agents
       WHERE organization_id = $1 AND agent_id = $2 AND NOT deleted`,
      [organizationId, agentId],
    );
    return rows[0];
  }

  /** Agents of the organization, optionally only members of some groups, by id. */
  async agents(organizationId: string, options: { groupIds?: number[]; ids?: string[] } = {}): Promise<AgentRecord[]> {
    const { rows } = await this.db.query<AgentRecord>(
      `SELECT ${AGENT_COLUMNS} FROM agents
       WHERE organization_id = $1 AND NOT deleted
         AND ($2::text[] IS NULL OR agent_id = ANY($2::text[]))
         AND ($3::numeric[] IS NULL OR EXISTS (
           SELECT 1 FROM jsonb_array_elements(profile->'groups') g WHERE ${GROUP_ID_IN.replace('?', '$3')}))
       ORDER BY agent_id`,
      [organizationId, options.ids ?? null, options.groupIds ?? null],
    );
    return rows;
  }

  /**
   * Agents who can take a chat of these groups now: accepting chats, with a
   * free seat, not supervisors there; in the routing decision's serving order
   * (ADR 0037): the best priority tier first (`first`, `normal`, `last`), then
   * least loaded, then the one who waited longest since an assignment.
   */
  async availableAgents(organizationId: string, groupIds: number[]): Promise<AgentRecord[]> {
    const tier = (agent: AgentRecord) => {
      const profile = agent.profile as AgentRecord['profile'] & { default_group_priority?: GroupPriority };
      const groups = Array.isArray(profile.groups) ? (profile.groups as RoutingCandidate['groups']) : [];
      return TIERS[priorityFor({ groups, default_group_priority: profile.default_group_priority } as RoutingCandidate, groupIds) ?? 'normal'];
    };
    // Array.prototype.sort is stable: within a tier the query's order stands.
    return (await this.availableAgentsByLoad(organizationId, groupIds)).sort((a, b) => tier(a) - tier(b));
  }

  private async availableAgentsByLoad(organizationId: string, groupIds: number[]): Promise<AgentRecord[]> {
    const { rows } = await this.db.query<AgentRecord>(
      `SELECT ${AGENT_COLUMNS} FROM agents
       WHERE organization_id = $1 AND NOT deleted AND routing_status = 'accepting_chats'
         AND active_chats < ${jsonNumber("profile->'max_chats_count'")}
         AND (0 = ANY($2::numeric[]) OR EXISTS (
           SELECT 1 FROM jsonb_array_elements(profile->'groups') g
           WHERE ${GROUP_ID_IN.replace('?', '$2')} AND g->>'priority' <> 'supervisor'))
       ORDER BY active_chats, last_assigned_at NULLS FIRST, agent_id`,
      [organizationId, groupIds],
    );
    return rows;
  }

  /** `thread.queue` of these chats' active threads, where the router has queued them (ADR 0038). */
  threadQueues(organizationId: string, chatIds: readonly string[]): Promise<Map<string, ThreadQueue & { thread_id: string }>> {
    return new QueueQueries(this.db).threadQueues(organizationId, chatIds);
  }

  /** Active threads nobody has been assigned to, longest waiting first. */
  async waitingChats(organizationId: string, limit = 100): Promise<ChatRecord[]> {
    const { rows } = await this.db.query<ChatRecord & { customer_id: string | null }>(
      `SELECT ${CHAT_COLUMNS} FROM chats WHERE organization_id = $1 AND waiting_since IS NOT NULL
       ORDER BY waiting_since, chat_id LIMIT $2`,
      [organizationId, limit],
    );
    return rows.map(toChat);
  }

  /**
   * Every agent of every organization as authentication sees it (deleted ones
   * too: their tokens must keep failing), or only `agentId`. One statement, so
   * each row and its stream version agree.
   */
  async agentIdentities(agentId?: string): Promise<AgentIdentityRecord[]> {
    const { rows } = await this.db.query<AgentIdentityRecord & { version: string }>(
      `SELECT a.organization_id, a.agent_id, a.profile->>'role' AS role, a.deleted, a.suspended, a.token_generation, a.owner_client_id,
         COALESCE(a.profile->'awaiting_approval' = 'true'::jsonb, false) AS awaiting_approval,
         s.version::text AS version
       FROM agents a JOIN streams s ON s.stream_id = 'agent-' || a.agent_id AND s.organization_id = a.organization_id
       WHERE $1::text IS NULL OR a.agent_id = $1`,
      [agentId ?? null],
    );
    return rows.map((r) => ({ ...r, version: Number(r.version) }));
  }

  /** The organization's bots (not deleted), oldest first; only those of `ownerClientId` when given. */
  async bots(organizationId: string, ownerClientId?: string): Promise<BotRecord[]> {
    const { rows } = await this.db.query<BotRecord>(
      `SELECT profile, routing_status FROM agents
       WHERE organization_id = $1 AND owner_client_id IS NOT NULL AND NOT deleted AND ($2::text IS NULL OR owner_client_id = $2)
       ORDER BY created_at, agent_id`,
      [organizationId, ownerClientId ?? null],
    );
    return rows;
  }

  /**
   * The applications owning these ids' bots, deleted bots included (a chat
   * seen as of an older event may hold a bot deleted since); agents' ids are left out.
   */
  async botOwners(organizationId: string, ids: string[]): Promise<Map<string, string>> {
    const { rows } = await this.db.query<{ agent_id: string; owner_client_id: string }>(
      `SELECT agent_id, owner_client_id FROM agents WHERE organization_id = $1 AND agent_id = ANY($2::text[]) AND owner_client_id IS NOT NULL`,
      [organizationId, ids],
    );
    return new Map(rows.map((r) => [r.agent_id, r.owner_client_id]));
  }

  /** One bot of the organization, unless deleted. */
  async bot(organizationId: string, botId: string): Promise<BotRecord | undefined> {
    const { rows } = await this.db.query<BotRecord>(
      `SELECT profile, routing_status FROM agents
       WHERE organization_id = $1 AND agent_id = $2 AND owner_client_id IS NOT NULL AND NOT deleted`,
      [organizationId, botId],
    );
    return rows[0];
  }

  async groups(organizationId: string): Promise<Group[]> {
    const { rows } = await this.db.query<{ data: Group }>(
      'SELECT data FROM groups WHERE organization_id = $1 ORDER BY group_id',
      [organizationId],
    );
    return rows.map((r) => r.data);
  }

  async group(organizationId: string, groupId: number): Promise<Group | undefined> {
    if (!Number.isSafeInteger(groupId) || groupId < 0 || groupId > 2147483647) return undefined;
    const { rows } = await this.db.query<{ data: Group }>('SELECT data FROM groups WHERE organization_id = $1 AND group_id = $2', [
      organizationId,
      groupId,
    ]);
    return rows[0]?.data;
  }

  async organization(organizationId: string): Promise<{ name: string; owner_id: string; license_id: number } | undefined> {
    const { rows } = await this.db.query<{ name: string; owner_id: string; license_id: string }>(
      'SELECT name, owner_id, license_id::text FROM organizations WHERE organization_id = $1',
      [organizationId],
    );
    return rows[0] && { ...rows[0], license_id: Number(rows[0].license_id) };
  }

  /** The organization's applications: its default one first, then those it registered, oldest first. */
  async applications(organizationId: string): Promise<Array<Application & { default: boolean }>> {
    const { rows } = await this.db.query<Application>(
      'SELECT client_id, name FROM applications WHERE organization_id = $1 ORDER BY created_at, client_id',
      [organizationId],
    );
    return [{ client_id: defaultClientId(organizationId), name: DEFAULT_APPLICATION_NAME, default: true }, ...rows.map((r) => ({ ...r, default: false }))];
  }

  /** The organization's application with this client id, if it has one. */
  async application(organizationId: string, clientId: string): Promise<Application | undefined> {
    if (clientId === defaultClientId(organizationId)) return { client_id: clientId, name: DEFAULT_APPLICATION_NAME };
    const { rows } = await this.db.query<Application>(
      'SELECT client_id, name FROM applications WHERE organization_id = $1 AND client_id = $2',
      [organizationId, clientId],
    );
    return rows[0];
  }

  /** An agent's personal access tokens (never their hashes), oldest first. */
  async personalAccessTokens(organizationId: string, agentId: string): Promise<Array<{ id: string; name: string; created_at: string }>> {
    const { rows } = await this.db.query<{ id: string; name: string; created_at: Date | string }>(
      `SELECT token_id AS id, name, created_at FROM personal_access_tokens
       WHERE organization_id = $1 AND agent_id = $2 ORDER BY created_at, token_id`,
      [organizationId, agentId],
    );
    return rows.map((r) => ({ ...r, created_at: new Date(r.created_at).toISOString() }));
  }

  /** Whose personal access token has this hash; `hash` undefined: every token (the agent directory's start). */
  async personalAccessTokenOwners(hash?: string): Promise<PersonalAccessTokenOwner[]> {
    const { rows } = await this.db.query<PersonalAccessTokenOwner>(
      `SELECT hash, token_id, organization_id, agent_id FROM personal_access_tokens WHERE $1::text IS NULL OR hash = $1`,
      [hash ?? null],
    );
    return rows;
  }

  /** The organization holding this numeric license id. */
  async organizationByLicense(licenseId: number): Promise<string | undefined> {
    if (!Number.isSafeInteger(licenseId)) return undefined;
    const { rows } = await this.db.query<{ organization_id: string }>(
      'SELECT organization_id FROM organizations WHERE license_id = $1',
      [licenseId],
    );
    return rows[0]?.organization_id;
  }

  async customers(organizationId: string, ids: string[]): Promise<Map<string, Record<string, unknown>>> {
    if (ids.length === 0) return new Map();
    const { rows } = await this.db.query<{ customer_id: string; data: Record<string, unknown> }>(
      'SELECT customer_id, data FROM customers WHERE organization_id = $1 AND customer_id = ANY($2::text[])',
      [organizationId, ids],
    );
    return new Map(rows.map((r) => [r.customer_id, r.data]));
  }

  /** Organizations with at least one chat waiting for an agent. */
  async organizationsWithWaitingChats(): Promise<string[]> {
    const { rows } = await this.db.query<{ organization_id: string }>(
      'SELECT DISTINCT organization_id FROM chats WHERE waiting_since IS NOT NULL',
    );
    return rows.map((r) => r.organization_id);
  }

  /** The organization's webhooks, of one client id when given, in registration order (ADR 0042). */
  webhooks(organizationId: string, ownerClientId?: string): Promise<WebhookRegistration[]> {
    return new WebhookQueries(this.db).webhooks(organizationId, ownerClientId);
  }

  /** One webhook of the organization. */
  webhook(organizationId: string, id: string): Promise<WebhookRegistration | undefined> {
    return new WebhookQueries(this.db).webhook(organizationId, id);
  }

  /** Client ids whose license webhooks are disabled in the organization. */
  disabledLicenseWebhookClients(organizationId: string): Promise<string[]> {
    return new WebhookQueries(this.db).disabledLicenseWebhookClients(organizationId);
  }

  /** Organizations with at least one webhook registered. */
  organizationsWithWebhooks(): Promise<string[]> {
    return new WebhookQueries(this.db).organizationsWithWebhooks();
  }
}
