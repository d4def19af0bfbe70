import { SqlExecutor } from '@switchboard/event-store';

/** What `login` / `change_push_notifications` asked for: mobile notifications of one connection. */
export interface PushNotificationSettings {
  platform: 'ios' | 'android';
  firebase_token?: string;
  enabled: boolean;
}

/**
 * State of one agent RTM connection kept on its `agent_sessions` row (so it
 * goes with the row, on any replica): whether it is away, and the mobile
 * notifications it asked for.
 */
export class AgentSessionState {
  constructor(private readonly db: SqlExecutor) {}

  /**
   * Marks the agent's connection away (or back); resolves with whether every
   * connection of the agent is now away, or undefined when the agent has no
   * such connection (anymore).
   */
  async setAway(connectionId: string, agentId: string, away: boolean): Promise<boolean | undefined> {
    // The outer query sees the rows as they were before the UPDATE: the updated connection is excluded by hand.
    const { rows } = await this.db.query<{ all_away: boolean }>(
      `WITH marked AS (
         UPDATE agent_sessions SET away = $2 WHERE connection_id = $1 AND agent_id = $3
         RETURNING organization_id, agent_id
       )
       SELECT $2::boolean AND NOT EXISTS (
         SELECT 1 FROM agent_sessions s, marked m
         WHERE s.organization_id = m.organization_id AND s.agent_id = m.agent_id AND s.connection_id <> $1 AND NOT s.away
       ) AS all_away
       FROM marked`,
      [connectionId, away, agentId],
    );
    return rows[0]?.all_away;
  }

  async setPushNotifications(connectionId: string, settings: PushNotificationSettings): Promise<void> {
    await this.db.query('UPDATE agent_sessions SET push_notifications = $2 WHERE connection_id = $1', [connectionId, JSON.stringify(settings)]);
  }

  /** The connection's state; undefined when it has no session. */
  async of(connectionId: string): Promise<{ away: boolean; pushNotifications: PushNotificationSettings | null } | undefined> {
    const { rows } = await this.db.query<{ away: boolean; push_notifications: PushNotificationSettings | string | null }>(
      'SELECT away, push_notifications FROM agent_sessions WHERE connection_id = $1',
      [connectionId],
    );
    if (!rows[0]) return undefined;
    const raw = rows[0].push_notifications;
    return { away: rows[0].away, pushNotifications: typeof raw === 'string' ? (JSON.parse(raw) as PushNotificationSettings) : raw };
  }
}
