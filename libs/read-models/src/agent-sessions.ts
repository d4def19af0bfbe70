import { SqlExecutor } from '@switchboard/event-store';

/**
 * Live RTM connections of agents, across every gateway replica: an agent is
 * online while it has at least one. Not event-sourced — it is presence, not history.
 */
export class AgentSessions {
  constructor(private readonly db: SqlExecutor) {}

  async open(organizationId: string, agentId: string, connectionId: string): Promise<number> {
    await this.db.query('INSERT INTO agent_sessions (connection_id, organization_id, agent_id) VALUES ($1, $2, $3)', [
      connectionId,
      organizationId,
      agentId,
    ]);
    return this.count(organizationId, agentId);
  }

  /** Removes the connection; resolves with how many the agent still has. */
  async close(organizationId: string, agentId: string, connectionId: string): Promise<number> {
    await this.db.query('DELETE FROM agent_sessions WHERE connection_id = $1', [connectionId]);
    return this.count(organizationId, agentId);
  }

  private async count(organizationId: string, agentId: string): Promise<number> {
    const { rows } = await this.db.query<{ n: string }>(
      'SELECT count(*)::text AS n FROM agent_sessions WHERE organization_id = $1 AND agent_id = $2',
      [organizationId, agentId],
    );
    return Number(rows[0].n);
  }
}
