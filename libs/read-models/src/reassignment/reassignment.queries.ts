import { SqlExecutor } from '@switchboard/event-store';

/** An agent (or bot) who is offline, deleted or suspended and still holds seats in chats. */
export interface DepartedAgent {
  organization_id: string;
  agent_id: string;
  name: string;
  is_bot: boolean;
}

/** An active chat whose customer wrote after every agent, long enough ago to be looked at. */
export interface SilentChatRow {
  chat_id: string;
  customer_last_event_at: string;
  agent_last_event_at: string | null;
}

/** An event of an agent's stream as the router reads it. */
export interface AgentTailEvent {
  type: string;
  data: Record<string, unknown>;
  created_at: string;
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

/**
 * What the router's reassignment reads (ADR 0039): everything it acts on is
 * derived from the database, so its timers survive restarts and any router
 * replica can act.
 */
export class ReassignmentQueries {
  constructor(private readonly db: SqlExecutor) {}

  /** Offline agents still holding seats: of every organization, or one agent. */
  async departedAgents(only?: { organizationId: string; agentId: string }): Promise<DepartedAgent[]> {
    const { rows } = await this.db.query<{ organization_id: string; agent_id: string; name: string | null; is_bot: boolean }>(
      `SELECT organization_id, agent_id, profile->>'name' AS name, owner_client_id IS NOT NULL AS is_bot FROM agents
       WHERE routing_status = 'offline' AND active_chats > 0 ${only ? 'AND organization_id = $1 AND agent_id = $2' : ''}`,
      only ? [only.organizationId, only.agentId] : [],
    );
    return rows.map((r) => ({ organization_id: r.organization_id, agent_id: r.agent_id, name: r.name ?? r.agent_id, is_bot: r.is_bot }));
  }

  /** The newest events of an agent's stream, oldest first. */
  async agentTail(organizationId: string, agentId: string, count = 20): Promise<AgentTailEvent[]> {
    const { rows } = await this.db.query<{ type: string; data: Record<string, unknown>; created_at: Date | string }>(
      `SELECT type, data, created_at FROM events WHERE stream_id = $1 AND organization_id = $2
       ORDER BY stream_version DESC LIMIT $3`,
      [`agent-${agentId}`, organizationId, count],
    );
    return rows.reverse().map((r) => ({ type: r.type, data: r.data, created_at: iso(r.created_at)! }));
  }

  /** The active chats the agent is in. */
  async activeChatsOf(organizationId: string, agentId: string): Promise<string[]> {
    const { rows } = await this.db.query<{ chat_id: string }>(
      `SELECT chat_id FROM chats WHERE agent_ids @> ARRAY[$2]::text[] AND active AND organization_id = $1 ORDER BY chat_id`,
      [organizationId, agentId],
    );
    return rows.map((r) => r.chat_id);
  }

  /** Organizations where some group or the license hands silent chats on (`transfer_chat_after_min` > 0). */
  async organizationsTransferringSilentChats(): Promise<string[]> {
    const { rows } = await this.db.query<{ organization_id: string }>(
      `SELECT organization_id FROM widget_configurations
       WHERE COALESCE((data->'routing'->'license'->>'transfer_chat_after_min')::numeric, 0) > 0
          OR EXISTS (SELECT 1 FROM jsonb_each(COALESCE(data->'routing'->'groups', '{}'::jsonb)) g
                     WHERE COALESCE((g.value->>'transfer_chat_after_min')::numeric, 0) > 0)`,
    );
    return rows.map((r) => r.organization_id);
  }

  /** Active chats with an agent whose customer wrote after every agent, at least `seconds` ago. */
  async silentChats(organizationId: string, seconds: number, limit = 500): Promise<SilentChatRow[]> {
    const { rows } = await this.db.query<{ chat_id: string; customer_last_event_at: Date | string; agent_last_event_at: Date | string | null }>(
      `SELECT chat_id, customer_last_event_at, agent_last_event_at FROM chats
       WHERE organization_id = $1 AND active AND customer_last_event_at < now() - make_interval(secs => $2)
         AND (agent_last_event_at IS NULL OR agent_last_event_at < customer_last_event_at) AND cardinality(agent_ids) > 0
       ORDER BY customer_last_event_at LIMIT $3`,
      [organizationId, seconds, limit],
    );
    return rows.map((r) => ({ chat_id: r.chat_id, customer_last_event_at: iso(r.customer_last_event_at)!, agent_last_event_at: iso(r.agent_last_event_at) }));
  }

  /** When the agent last joined the chat (null: they were in it from its start). */
  async joinedAt(organizationId: string, chatId: string, agentId: string): Promise<string | null> {
    const { rows } = await this.db.query<{ created_at: Date | string }>(
      `SELECT created_at FROM events WHERE stream_id = $1 AND organization_id = $2 AND type = 'user_added' AND data->'user'->>'id' = $3
       ORDER BY stream_version DESC LIMIT 1`,
      [`chat-${chatId}`, organizationId, agentId],
    );
    return rows[0] ? iso(rows[0].created_at) : null;
  }
}
