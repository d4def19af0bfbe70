import { SqlExecutor } from '@switchboard/event-store';
import { AssignmentRate, QueuePlacement, WaitingChat } from '@switchboard/routing/domain';

/** A timestamp as the wire writes it: RFC 3339, UTC, microseconds. */
const rfc3339 = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** A waiting chat with what its pushes need. */
export interface QueuedChat extends WaitingChat {
  customer_id: string | null;
  access_group_ids: number[];
}

/** `thread.queue` as the wire shows it. */
export interface ThreadQueue {
  position: number;
  wait_time: number;
  queued_at: string;
}

/**
 * The queues' reads and writes (ADR 0038). The router's queue pass runs its
 * reads and writes in one transaction holding the organization's queue lock,
 * so two routers never place the same queue from different snapshots.
 */
export class QueueQueries {
  constructor(readonly executor: SqlExecutor) {}

  private get db(): SqlExecutor {
    return this.executor;
  }

  /** Organizations with chats waiting, or placements left to clear. */
  async organizationsWithQueues(): Promise<string[]> {
    const { rows } = await this.db.query<{ organization_id: string }>(
      `SELECT DISTINCT organization_id FROM chats WHERE waiting_since IS NOT NULL
       UNION SELECT DISTINCT organization_id FROM queued_threads`,
    );
    return rows.map((r) => r.organization_id);
  }

  /** Whether the organization has a chat waiting or a placement to clear (most passes of an organization without queues end here). */
  async hasQueue(organizationId: string): Promise<boolean> {
    const { rows } = await this.db.query<{ queued: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM chats WHERE organization_id = $1 AND waiting_since IS NOT NULL)
         OR EXISTS (SELECT 1 FROM queued_threads WHERE organization_id = $1) AS queued`,
      [organizationId],
    );
    return rows[0].queued;
  }

  /** Serializes the organization's queue passes across replicas until the transaction ends. */
  async lock(organizationId: string): Promise<void> {
    await this.db.query(`SELECT pg_advisory_xact_lock(hashtext('queue:' || $1))`, [organizationId]);
  }

  /** The database's time: every replica compares waits on one clock. */
  async now(): Promise<string> {
    const { rows } = await this.db.query<{ now: string }>(`SELECT ${rfc3339('now()')} AS now`);
    return rows[0].now;
  }

  /** Every chat of the organization whose active thread waits for an agent, oldest first. */
  async waitingChats(organizationId: string): Promise<QueuedChat[]> {
    const { rows } = await this.db.query<QueuedChat>(
      `SELECT chat_id, last_thread_id AS thread_id, COALESCE(access_group_ids[1], 0) AS group_id, customer_id, access_group_ids,
         ${rfc3339('waiting_since')} AS queued_at
       FROM chats WHERE organization_id = $1 AND waiting_since IS NOT NULL AND last_thread_id IS NOT NULL
       ORDER BY waiting_since, chat_id`,
      [organizationId],
    );
    return rows;
  }

  /** How many chats wait in the queue of `groupId` (the first of their access groups). */
  async queueLength(organizationId: string, groupId: number): Promise<number> {
    const { rows } = await this.db.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM chats
       WHERE organization_id = $1 AND waiting_since IS NOT NULL AND COALESCE(access_group_ids[1], 0) = $2`,
      [organizationId, groupId],
    );
    return Number(rows[0].n);
  }

  /** How many chats wait in each group's queue (groups with none are left out). */
  async queueLengths(organizationId: string): Promise<Map<number, number>> {
    const { rows } = await this.db.query<{ group_id: number; n: string }>(
      `SELECT COALESCE(access_group_ids[1], 0) AS group_id, count(*)::text AS n FROM chats
       WHERE organization_id = $1 AND waiting_since IS NOT NULL GROUP BY 1`,
      [organizationId],
    );
    return new Map(rows.map((r) => [r.group_id, Number(r.n)]));
  }

  /** Where the router last placed each chat (and told its users). */
  async placements(organizationId: string): Promise<QueuePlacement[]> {
    const { rows } = await this.db.query<QueuePlacement>(
      `SELECT chat_id, thread_id, group_id, position, wait_time, ${rfc3339('queued_at')} AS queued_at
       FROM queued_threads WHERE organization_id = $1`,
      [organizationId],
    );
    return rows;
  }

  /**
   * Keeps `placements` (the changed ones) and forgets every chat not in
   * `waitingChatIds`; answers, per group, how many of the forgotten were
   * served (their thread is still active and has an agent now).
   */
  async savePlacements(organizationId: string, changed: readonly QueuePlacement[], waitingChatIds: readonly string[]): Promise<Map<number, number>> {
    if (changed.length > 0) {
      await this.db.query(
        `INSERT INTO queued_threads (organization_id, chat_id, thread_id, group_id, position, wait_time, queued_at)
         SELECT $1, p.chat_id, p.thread_id, p.group_id, p.position, p.wait_time, p.queued_at
         FROM jsonb_to_recordset($2::jsonb) AS p(chat_id text, thread_id text, group_id integer, position integer, wait_time integer, queued_at timestamptz)
         ON CONFLICT (organization_id, chat_id) DO UPDATE SET thread_id = EXCLUDED.thread_id, group_id = EXCLUDED.group_id,
           position = EXCLUDED.position, wait_time = EXCLUDED.wait_time, queued_at = EXCLUDED.queued_at`,
        [organizationId, JSON.stringify(changed)],
      );
    }
    const { rows } = await this.db.query<{ group_id: number; served: string }>(
      `WITH gone AS (
         DELETE FROM queued_threads q WHERE q.organization_id = $1 AND NOT (q.chat_id = ANY($2::text[]))
         RETURNING q.chat_id, q.thread_id, q.group_id)
       SELECT g.group_id, count(c.chat_id)::text AS served FROM gone g
       LEFT JOIN chats c ON c.organization_id = $1 AND c.chat_id = g.chat_id AND c.last_thread_id = g.thread_id
         AND c.active AND c.waiting_since IS NULL
       GROUP BY g.group_id`,
      [organizationId, waitingChatIds],
    );
    return new Map(rows.filter((r) => Number(r.served) > 0).map((r) => [r.group_id, Number(r.served)]));
  }

  /** Each group's assignment rate as last recorded. */
  async rates(organizationId: string): Promise<Map<number, AssignmentRate>> {
    const { rows } = await this.db.query<{ group_id: number; weight: number; updated_at: string }>(
      `SELECT group_id, weight, ${rfc3339('updated_at')} AS updated_at FROM group_assignment_rates WHERE organization_id = $1`,
      [organizationId],
    );
    return new Map(rows.map((r) => [r.group_id, { weight: Number(r.weight), updated_at: r.updated_at }]));
  }

  async saveRates(organizationId: string, rates: ReadonlyMap<number, AssignmentRate>): Promise<void> {
    if (rates.size === 0) return;
    await this.db.query(
      `INSERT INTO group_assignment_rates (organization_id, group_id, weight, updated_at)
       SELECT $1, r.group_id, r.weight, r.updated_at
       FROM jsonb_to_recordset($2::jsonb) AS r(group_id integer, weight double precision, updated_at timestamptz)
       ON CONFLICT (organization_id, group_id) DO UPDATE SET weight = EXCLUDED.weight, updated_at = EXCLUDED.updated_at`,
      [organizationId, JSON.stringify([...rates].map(([group_id, rate]) => ({ group_id, ...rate })))],
    );
  }

  /** `thread.queue` of these chats' active threads, for those still waiting where the router placed them. */
  async threadQueues(organizationId: string, chatIds: readonly string[]): Promise<Map<string, ThreadQueue & { thread_id: string }>> {
    if (chatIds.length === 0) return new Map();
    const { rows } = await this.db.query<ThreadQueue & { chat_id: string; thread_id: string }>(
      `SELECT q.chat_id, q.thread_id, q.position, q.wait_time, ${rfc3339('q.queued_at')} AS queued_at
       FROM queued_threads q JOIN chats c ON c.organization_id = q.organization_id AND c.chat_id = q.chat_id
         AND c.last_thread_id = q.thread_id AND c.waiting_since IS NOT NULL
       WHERE q.organization_id = $1 AND q.chat_id = ANY($2::text[])`,
      [organizationId, chatIds],
    );
    return new Map(rows.map(({ chat_id, ...queue }) => [chat_id, queue]));
  }
}
