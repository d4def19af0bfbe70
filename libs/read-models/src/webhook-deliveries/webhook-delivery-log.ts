import { createHash } from 'node:crypto';
import { SqlDatabase, SqlExecutor } from '@switchboard/event-store';

export type DeliveryStatus = 'pending' | 'delivered' | 'dead';

/** One delivery as the operations API shows it (ADR 0044, Operations). */
export interface LoggedDelivery {
  id: string;
  event_id: string;
  action: string;
  status: DeliveryStatus;
  attempts: number;
  last_status?: number;
  last_error?: string;
  latency_ms?: number;
  created_at: string;
  delivered_at?: string;
  next_attempt_at?: string;
  replay_of?: string;
}

/** Which deliveries of one webhook: a status, a range of `created_at`, given ids. */
export interface DeliverySelection {
  organizationId: string;
  webhookId: string;
  status?: DeliveryStatus;
  from?: string;
  to?: string;
  ids?: string[];
}

/** Where a page of the log starts: after this delivery (newest first). */
export interface DeliveryLogKey {
  created_at: string;
  id: string;
}

/** At most this many deliveries are replayed by one call. */
export const MAX_REPLAYED = 10_000;

export class TooManyToReplayError extends Error {}

/** The selection as SQL conditions on `webhook_deliveries`, from parameter `$first` on. */
function where(selection: DeliverySelection, first: number): { sql: string; params: unknown[] } {
  const p = (n: number) => `$${first + n}`;
  return {
    sql: `organization_id = ${p(0)} AND webhook_id = ${p(1)}
      AND (${p(2)}::text IS NULL OR status = ${p(2)})
      AND (${p(3)}::timestamptz IS NULL OR created_at >= ${p(3)}::timestamptz)
      AND (${p(4)}::timestamptz IS NULL OR created_at <= ${p(4)}::timestamptz)
      AND (${p(5)}::text[] IS NULL OR id = ANY(${p(5)}::text[]))`,
    params: [selection.organizationId, selection.webhookId, selection.status ?? null, selection.from ?? null, selection.to ?? null, selection.ids ?? null],
  };
}

const iso = (value: unknown) => new Date(value as string).toISOString();

function toLogged(row: Record<string, unknown>): LoggedDelivery {
  const status = row['status'] as DeliveryStatus;
  return {
    id: row['id'] as string,
    event_id: row['event_id'] as string,
    action: row['action'] as string,
    status,
    attempts: Number(row['attempts']),
    ...(row['last_status'] != null && { last_status: Number(row['last_status']) }),
    ...(row['last_error'] != null && { last_error: row['last_error'] as string }),
    ...(row['latency_ms'] != null && { latency_ms: Number(row['latency_ms']) }),
    created_at: iso(row['created_at']),
    ...(row['delivered_at'] != null && { delivered_at: iso(row['delivered_at']) }),
    ...(status === 'pending' && { next_attempt_at: iso(row['next_attempt_at']) }),
    ...(row['replay_of'] != null && { replay_of: row['replay_of'] as string }),
  };
}

/**
 * The operations on the webhook dispatcher's log (ADR 0044, Operations): read
 * it, retry pending deliveries now, replay dead or delivered ones. The
 * dispatcher's sweep sends what these make due. Runs on PostgreSQL and PGlite.
 */
export class WebhookDeliveryLog {
  constructor(private readonly db: SqlDatabase) {}

  /** A page of a webhook's deliveries, newest first, after `after`; one more than `limit` says there is a next page. */
  async page(selection: DeliverySelection, limit: number, after?: DeliveryLogKey): Promise<{ deliveries: LoggedDelivery[]; next?: DeliveryLogKey }> {
    const condition = where(selection, 1);
    const { rows } = await this.db.query(
      `SELECT *, created_at::text AS created_key FROM webhook_deliveries
       WHERE ${condition.sql}
         AND ($7::timestamptz IS NULL OR (created_at, id) < ($7::timestamptz, $8::text))
       ORDER BY created_at DESC, id DESC
       LIMIT $9`,
      [...condition.params, after?.created_at ?? null, after?.id ?? null, limit + 1],
    );
    const shown = rows.slice(0, limit);
    const last = shown[shown.length - 1];
    return {
      deliveries: shown.map(toLogged),
      ...(rows.length > limit && last && { next: { created_at: last['created_key'] as string, id: last['id'] as string } }),
    };
  }

  /** Pending deliveries of the selection become due now. */
  async retryNow(selection: DeliverySelection): Promise<number> {
    const condition = where({ ...selection, status: 'pending' }, 1);
    return count(
      this.db,
      `UPDATE webhook_deliveries SET next_attempt_at = LEAST(next_attempt_at, now()) WHERE ${condition.sql} RETURNING 1`,
      condition.params,
    );
  }

  /**
   * Dead deliveries of the selection go back to pending, tried afresh for
   * `retryForMs`; delivered ones are copied as new pending deliveries
   * (`replay_of` the original), with ids of their own. All or nothing: more
   * than {@link MAX_REPLAYED} is refused.
   *
   * @throws TooManyToReplayError when more than MAX_REPLAYED deliveries match
   */
  async replay(selection: DeliverySelection, statuses: Array<'dead' | 'delivered'>, retryForMs: number): Promise<number> {
    return this.db.transaction(async (tx) => {
      let total = 0;
      for (const status of statuses) total += await matching(tx, { ...selection, status });
      if (total > MAX_REPLAYED) throw new TooManyToReplayError(`${total} deliveries match; at most ${MAX_REPLAYED} are replayed at once`);
      const deadline = `now() + ${Math.round(retryForMs)} * interval '1 millisecond'`;
      let replayed = 0;
      if (statuses.includes('dead')) {
        const condition = where({ ...selection, status: 'dead' }, 1);
        replayed += await count(
          tx,
          `UPDATE webhook_deliveries SET status = 'pending', attempts = 0, deadline = ${deadline}, next_attempt_at = now(), claimed_by = NULL, claim_until = NULL
           WHERE ${condition.sql} RETURNING 1`,
          condition.params,
        );
      }
      if (statuses.includes('delivered')) {
        const condition = where({ ...selection, status: 'delivered' }, 1);
        const { rows } = await tx.query<{ id: string }>(`SELECT id FROM webhook_deliveries WHERE ${condition.sql}`, condition.params);
        const replayedAt = new Date().toISOString();
        const copies = rows.map((r) => ({ original: r.id, id: createHash('sha256').update(`${r.id}\u0000replay\u0000${replayedAt}`).digest('hex').slice(0, 32) }));
        replayed += await count(
          tx,
          `INSERT INTO webhook_deliveries (id, organization_id, webhook_id, chain, ord, event_id, action, url, body, deadline, event_created_at, replay_of)
           SELECT c.id, d.organization_id, d.webhook_id, d.chain, d.ord, d.event_id, d.action, d.url, d.body, ${deadline}, d.event_created_at, d.id
           FROM json_to_recordset($1::json) AS c(original text, id text) JOIN webhook_deliveries d ON d.id = c.original
           ON CONFLICT (id) DO NOTHING RETURNING 1`,
          [JSON.stringify(copies)],
        );
      }
      return replayed;
    });
  }
}

async function matching(tx: SqlExecutor, selection: DeliverySelection): Promise<number> {
  const condition = where(selection, 1);
  const { rows } = await tx.query<{ n: string }>(`SELECT count(*) AS n FROM webhook_deliveries WHERE ${condition.sql}`, condition.params);
  return Number(rows[0].n);
}

async function count(db: SqlExecutor, sql: string, params: unknown[]): Promise<number> {
  const { rows } = await db.query(`WITH changed AS (${sql}) SELECT count(*) AS n FROM changed`, params);
  return Number(rows[0]['n']);
}
