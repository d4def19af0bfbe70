import { SqlExecutor } from '@switchboard/event-store';

/** What a customer's connection reported at `login` besides its profile. */
export interface CustomerConnectionDetails {
  isMobile?: boolean;
  application?: Record<string, unknown>;
}

/** A customer none of whose connections is left: the visit they were on ends. */
export interface CustomerGone {
  organizationId: string;
  customerId: string;
  visitId: string;
}

/**
 * Live RTM connections of customers, across every gateway replica (ADR 0031):
 * a customer is on the website while one is open — or was closed less than a
 * grace period ago, so a page reload continues the visit. Not event-sourced:
 * it is presence, not history. Each gateway process (`instanceId`) beats for
 * its open connections; those of a process that stopped beating are swept.
 */
export class CustomerSessions {
  constructor(
    private readonly db: SqlExecutor,
    private readonly instanceId: string,
  ) {}

  /** Whether the customer has a live connection, or one closed less than `graceSeconds` ago. */
  async present(organizationId: string, customerId: string, graceSeconds: number, staleAfterSeconds: number): Promise<boolean> {
    const { rows } = await this.db.query<{ present: boolean }>(
      `SELECT EXISTS (
         SELECT 1 FROM customer_sessions WHERE organization_id = $1 AND customer_id = $2
           AND ((closed_at IS NULL AND heartbeat_at >= now() - make_interval(secs => $4)) OR closed_at >= now() - make_interval(secs => $3))
       ) AS present`,
      [organizationId, customerId, graceSeconds, staleAfterSeconds],
    );
    return rows[0].present;
  }

  async open(organizationId: string, customerId: string, connectionId: string, visitId: string, details: CustomerConnectionDetails): Promise<void> {
    await this.db.query(
      `INSERT INTO customer_sessions (connection_id, organization_id, customer_id, instance_id, visit_id, is_mobile, application)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [connectionId, organizationId, customerId, this.instanceId, visitId, details.isMobile ?? null, details.application ? JSON.stringify(details.application) : null],
    );
  }

  /** The visit the connection is on; undefined when it has no session. */
  async visitOf(connectionId: string): Promise<string | undefined> {
    const { rows } = await this.db.query<{ visit_id: string }>('SELECT visit_id FROM customer_sessions WHERE connection_id = $1', [connectionId]);
    return rows[0]?.visit_id;
  }

  /** A page view had to start a new visit: the customer's open connections are on it now. */
  async moveToVisit(organizationId: string, customerId: string, visitId: string): Promise<void> {
    await this.db.query('UPDATE customer_sessions SET visit_id = $3 WHERE organization_id = $1 AND customer_id = $2 AND closed_at IS NULL', [
      organizationId,
      customerId,
      visitId,
    ]);
  }

  /** The connection closed: its row stays for the grace period. */
  async close(connectionId: string): Promise<void> {
    await this.db.query('UPDATE customer_sessions SET closed_at = now() WHERE connection_id = $1 AND closed_at IS NULL', [connectionId]);
  }

  /**
   * This process is alive: its open connections are too. Rows of connections
   * it no longer holds (a close the database missed) are closed; rows younger
   * than `graceSeconds` are kept, as a login may have written its row after
   * `liveConnectionIds` was taken.
   */
  async beat(liveConnectionIds: string[], graceSeconds: number): Promise<void> {
    await this.db.query('UPDATE customer_sessions SET heartbeat_at = now() WHERE instance_id = $1 AND closed_at IS NULL', [this.instanceId]);
    await this.db.query(
      `UPDATE customer_sessions SET closed_at = now()
       WHERE instance_id = $1 AND closed_at IS NULL AND NOT (connection_id = ANY($2::text[])) AND connected_at < now() - make_interval(secs => $3)`,
      [this.instanceId, liveConnectionIds, graceSeconds],
    );
  }

  /**
   * Removes rows closed more than `graceSeconds` ago and rows of processes
   * silent for `staleAfterSeconds`; resolves with the customers left without
   * any row, and the visits those rows were on.
   */
  async sweep(graceSeconds: number, staleAfterSeconds: number): Promise<CustomerGone[]> {
    // The main query sees the table as it was before the DELETE: the rows being deleted are excluded by hand.
    const { rows } = await this.db.query<{ organization_id: string; customer_id: string; visit_id: string }>(
      `WITH gone AS (
         DELETE FROM customer_sessions
         WHERE closed_at < now() - make_interval(secs => $1) OR heartbeat_at < now() - make_interval(secs => $2)
         RETURNING connection_id, organization_id, customer_id, visit_id
       )
       SELECT DISTINCT g.organization_id, g.customer_id, g.visit_id FROM gone g
       WHERE NOT EXISTS (
         SELECT 1 FROM customer_sessions s
         WHERE s.organization_id = g.organization_id AND s.customer_id = g.customer_id
           AND s.connection_id NOT IN (SELECT connection_id FROM gone))`,
      [graceSeconds, staleAfterSeconds],
    );
    return rows.map((r) => ({ organizationId: r.organization_id, customerId: r.customer_id, visitId: r.visit_id }));
  }
}
