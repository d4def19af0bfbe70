import { SqlExecutor } from '@switchboard/event-store';

/**
 * Live RTM connections of agents, across every gateway replica: an agent is
 * online while it has at least one. Not event-sourced — it is presence, not
 * history. Each gateway process (`instanceId`) beats for its connections (one
 * row in `agent_gateways`); the connections of a process that died stop
 * being vouched for and are reaped (ADR 0039).
 */
export class AgentSessions {
  constructor(
    private readonly db: SqlExecutor,
    private readonly instanceId: string,
  ) {}

  async open(organizationId: string, agentId: string, connectionId: string): Promise<number> {
    await this.db.query(
      'INSERT INTO agent_sessions (connection_id, organization_id, agent_id, instance_id) VALUES ($1, $2, $3, $4)',
      [connectionId, organizationId, agentId, this.instanceId],
    );
    return this.count(organizationId, agentId);
  }

  /**
   * Keeps the agent's `keep` newest connections (across every replica) and
   * removes the older ones; resolves with the removed connections' ids, for
   * their gateways to close them.
   */
  async evictBeyond(organizationId: string, agentId: string, keep: number): Promise<string[]> {
    const { rows } = await this.db.query<{ connection_id: string }>(
      `DELETE FROM agent_sessions WHERE connection_id IN (
         SELECT connection_id FROM agent_sessions WHERE organization_id = $1 AND agent_id = $2
         ORDER BY connected_at DESC, connection_id DESC OFFSET $3)
       RETURNING connection_id`,
      [organizationId, agentId, keep],
    );
    return rows.map((r) => r.connection_id);
  }

  /** Removes the connection; resolves with how many the agent still has. */
  async close(organizationId: string, agentId: string, connectionId: string): Promise<number> {
    await this.db.query('DELETE FROM agent_sessions WHERE connection_id = $1', [connectionId]);
    return this.count(organizationId, agentId);
  }

  /** This process is alive: its connections are too. One row per process, however many connections it holds. */
  async beat(): Promise<void> {
    await this.db.query(
      `INSERT INTO agent_gateways (instance_id, heartbeat_at) VALUES ($1, now())
       ON CONFLICT (instance_id) DO UPDATE SET heartbeat_at = now()`,
      [this.instanceId],
    );
  }

  /**
   * Removes this process's sessions of connections it no longer holds: a close
   * or a login that failed half-way (during a database outage, say) leaves its
   * row behind. Rows younger than `graceSeconds` are kept: a login may have
   * written its row after `liveConnectionIds` was taken. Resolves with the
   * agents left without any connection.
   */
  async retain(liveConnectionIds: string[], graceSeconds = 5): Promise<Array<{ organizationId: string; agentId: string }>> {
    // The main query sees the table as it was before the DELETE: the rows being deleted are excluded by hand.
    const { rows } = await this.db.query<{ organization_id: string; agent_id: string }>(
      `WITH gone AS (
         DELETE FROM agent_sessions
         WHERE instance_id = $1 AND NOT (connection_id = ANY($2::text[])) AND connected_at < now() - make_interval(secs => $3)
         RETURNING connection_id, organization_id, agent_id
       )
       SELECT DISTINCT g.organization_id, g.agent_id FROM gone g
       WHERE NOT EXISTS (
         SELECT 1 FROM agent_sessions s
         WHERE s.organization_id = g.organization_id AND s.agent_id = g.agent_id
           AND s.connection_id NOT IN (SELECT connection_id FROM gone))`,
      [this.instanceId, liveConnectionIds, graceSeconds],
    );
    return rows.map((r) => ({ organizationId: r.organization_id, agentId: r.agent_id }));
  }

  /** How many connections the agent has besides `connectionId`. */
  async others(organizationId: string, agentId: string, connectionId: string): Promise<number> {
    const { rows } = await this.db.query<{ n: string }>(
      'SELECT count(*)::text AS n FROM agent_sessions WHERE organization_id = $1 AND agent_id = $2 AND connection_id <> $3',
      [organizationId, agentId, connectionId],
    );
    return Number(rows[0].n);
  }

  /**
   * Removes the connections of processes that have not beaten for
   * `staleAfterSeconds` (and forgets those processes); resolves with the
   * agents left without any connection. Sessions of a process that never
   * beat in `agent_gateways` (one from before it existed) go by their own
   * `heartbeat_at`.
   */
  async reap(staleAfterSeconds: number): Promise<Array<{ organizationId: string; agentId: string }>> {
    // The main query sees the tables as they were before the DELETEs: the sessions being deleted are excluded by hand.
    const { rows } = await this.db.query<{ organization_id: string; agent_id: string }>(
      `WITH stale AS (
         DELETE FROM agent_gateways WHERE heartbeat_at < now() - make_interval(secs => $1)
         RETURNING instance_id
       ),
       dead AS (
         DELETE FROM agent_sessions s
         WHERE s.instance_id IN (SELECT instance_id FROM stale)
            OR (s.heartbeat_at < now() - make_interval(secs => $1)
                AND NOT EXISTS (SELECT 1 FROM agent_gateways g WHERE g.instance_id = s.instance_id))
         RETURNING connection_id, organization_id, agent_id
       )
       SELECT DISTINCT d.organization_id, d.agent_id FROM dead d
       WHERE NOT EXISTS (
         SELECT 1 FROM agent_sessions s
         WHERE s.organization_id = d.organization_id AND s.agent_id = d.agent_id
           AND s.connection_id NOT IN (SELECT connection_id FROM dead))`,
      [staleAfterSeconds],
    );
    return rows.map((r) => ({ organizationId: r.organization_id, agentId: r.agent_id }));
  }

  private async count(organizationId: string, agentId: string): Promise<number> {
    const { rows } = await this.db.query<{ n: string }>(
      'SELECT count(*)::text AS n FROM agent_sessions WHERE organization_id = $1 AND agent_id = $2',
      [organizationId, agentId],
    );
    return Number(rows[0].n);
  }
}
