import { SqlDatabase } from '@switchboard/event-store';

/** What is POSTed, without the secret (it is added when sending, from the registration). */
export interface DeliveryBody {
  action: string;
  organization_id: string;
  payload: unknown;
  additional_data: Record<string, unknown>;
}

/** A delivery owed to one webhook: one row of `webhook_deliveries`. */
export interface Delivery {
  id: string;
  organization_id: string;
  webhook_id: string;
  chain: string;
  ord: string;
  url: string;
  body: DeliveryBody;
  attempts: number;
  deadline: Date;
  event_created_at: Date;
}

/** A delivery to record for an event; `claimable` = this replica would deliver it now if it is first in its chain. */
export interface CandidateDelivery extends Omit<Delivery, 'attempts' | 'deadline'> {
  event_id: string;
  claimable: boolean;
}

/** A recorded delivery: claimed by this replica or not, and what was pending before it in its chain. */
export interface RecordedDelivery extends CandidateDelivery {
  claim: boolean;
  chainState: ChainState;
}

/** How the event's stream stands for the dispatcher. */
export type CursorOutcome = 'advanced' | 'duplicate' | 'gap';

/** Earlier deliveries still pending in a webhook's chain: none, only ones this replica holds, or someone else's. */
export type ChainState = 'clear' | 'mine' | 'foreign';

export interface DeliveryOutcome {
  id: string;
  status: number | undefined;
  error?: string;
  latencyMs: number;
}

const interval = (ms: number) => `now() + ${Math.round(ms)} * interval '1 millisecond'`;

function toDelivery(row: Record<string, unknown>): Delivery {
  return {
    id: row['id'] as string,
    organization_id: row['organization_id'] as string,
    webhook_id: row['webhook_id'] as string,
    chain: row['chain'] as string,
    ord: String(row['ord']),
    url: row['url'] as string,
    body: row['body'] as DeliveryBody,
    attempts: Number(row['attempts']),
    deadline: new Date(row['deadline'] as string),
    event_created_at: new Date(row['event_created_at'] as string),
  };
}

/**
 * The dispatcher's SQL on `webhook_deliveries` and `webhook_stream_cursors`
 * (ADR 0044). Runs the same on PostgreSQL and PGlite.
 */
export class DeliveryStore {
  constructor(
    private readonly db: SqlDatabase,
    /** This replica's name in claims. */
    readonly replica: string,
    private readonly claimMs: number,
  ) {}

  /**
   * Records an event's deliveries in one statement with the stream's cursor:
   * an event is taken only right after the previous one of its stream (`gap`
   * otherwise: another replica holds the earlier one), and only once
   * (`duplicate`). A cursor older than `validSince` (the organization had no
   * webhooks then) does not count. A delivery is claimed for this replica when
   * it is `claimable` and no earlier delivery of its chain to the same webhook
   * is pending in another replica's hands (or nobody's); `chainState` says
   * what was pending before it.
   */
  async record(
    stream: { id: string; version: number; sequence: number; validSince: number; acceptGap: boolean },
    candidates: CandidateDelivery[],
    eventCreatedAt: Date,
    retryForMs: number,
  ): Promise<{ outcome: CursorOutcome; recorded: RecordedDelivery[] }> {
    const records = candidates.map((d) => ({
      id: d.id,
      organization_id: d.organization_id,
      webhook_id: d.webhook_id,
      chain: d.chain,
      ord: d.ord,
      event_id: d.event_id,
      action: d.body.action,
      url: d.url,
      body: d.body,
      claimable: d.claimable,
    }));
    const { rows } = await this.db.query<{ prev_version: string | null; advanced: boolean; states: Array<{ id: string; state: ChainState }> | null }>(
      `WITH prev AS (SELECT version FROM webhook_stream_cursors WHERE stream_id = $1 FOR UPDATE),
       up AS (
         INSERT INTO webhook_stream_cursors AS c (stream_id, version, sequence) VALUES ($1, $2, $3)
         ON CONFLICT (stream_id) DO UPDATE SET version = EXCLUDED.version, sequence = EXCLUDED.sequence
         WHERE c.version = EXCLUDED.version - 1 OR c.sequence < $4 OR ($5 AND c.version < EXCLUDED.version)
         RETURNING 1
       ),
       candidates AS (
         SELECT r.*, (
             SELECT CASE WHEN bool_or(d.claimed_by IS DISTINCT FROM $8 OR d.claim_until < now()) THEN 'foreign'
                         WHEN count(*) > 0 THEN 'mine' ELSE 'clear' END
             FROM webhook_deliveries d WHERE d.webhook_id = r.webhook_id AND d.chain = r.chain AND d.status = 'pending'
           ) AS state
         FROM json_to_recordset($6::json)
           AS r(id text, organization_id text, webhook_id text, chain text, ord bigint, event_id text, action text, url text, body jsonb, claimable boolean)
         WHERE EXISTS (SELECT 1 FROM up)
       ),
       inserted AS (
         INSERT INTO webhook_deliveries (id, organization_id, webhook_id, chain, ord, event_id, action, url, body, deadline, event_created_at, claimed_by, claim_until)
         SELECT c.id, c.organization_id, c.webhook_id, c.chain, c.ord, c.event_id, c.action, c.url, c.body, now() + $9 * interval '1 millisecond', $7::timestamptz,
                CASE WHEN c.claimable AND c.state <> 'foreign' THEN $8 END,
                CASE WHEN c.claimable AND c.state <> 'foreign' THEN now() + $10 * interval '1 millisecond' END
         FROM candidates c
         ON CONFLICT (id) DO NOTHING
         RETURNING 1
       )
       SELECT (SELECT version FROM prev) AS prev_version, EXISTS (SELECT 1 FROM up) AS advanced,
              (SELECT json_agg(json_build_object('id', c.id, 'state', c.state)) FROM candidates c) AS states`,
      [stream.id, stream.version, stream.sequence, stream.validSince, stream.acceptGap, JSON.stringify(records), eventCreatedAt.toISOString(), this.replica, Math.round(retryForMs), this.claimMs],
    );
    const row = rows[0];
    if (!row.advanced) return { outcome: Number(row.prev_version) >= stream.version ? 'duplicate' : 'gap', recorded: [] };
    const states = new Map((row.states ?? []).map((s) => [s.id, s.state]));
    const recorded = candidates.map((d) => {
      const chainState = states.get(d.id) ?? 'clear';
      return { ...d, chainState, claim: d.claimable && chainState !== 'foreign' };
    });
    return { outcome: 'advanced', recorded };
  }

  /** Deliveries that went through: kept in the log with their latency. */
  async delivered(outcomes: DeliveryOutcome[]): Promise<void> {
    if (outcomes.length === 0) return;
    await this.db.query(
      `UPDATE webhook_deliveries d SET status = 'delivered', attempts = d.attempts + 1, delivered_at = now(),
         last_status = o.status, last_error = NULL, latency_ms = o.latency, claimed_by = NULL, claim_until = NULL
       FROM json_to_recordset($1::json) AS o(id text, status integer, latency integer)
       WHERE d.id = o.id`,
      [JSON.stringify(outcomes.map((o) => ({ id: o.id, status: o.status, latency: Math.round(o.latencyMs) })))],
    );
  }

  /** A failed attempt: tried again at `retryAt` by whichever replica sweeps then, or dead (no `retryAt`). */
  async failed(outcome: DeliveryOutcome, retryAt: Date | undefined): Promise<void> {
    await this.db.query(
      `UPDATE webhook_deliveries SET attempts = attempts + 1, last_status = $2, last_error = $3, latency_ms = $4,
         status = CASE WHEN $5::timestamptz IS NULL THEN 'dead' ELSE 'pending' END,
         next_attempt_at = COALESCE($5::timestamptz, next_attempt_at), claimed_by = NULL, claim_until = NULL
       WHERE id = $1`,
      [outcome.id, outcome.status ?? null, outcome.error?.slice(0, 500) ?? null, Math.round(outcome.latencyMs), retryAt?.toISOString() ?? null],
    );
  }

  /** Gives deliveries back (they wait behind a failed one, or this replica stops): the sweep takes them in order. */
  async release(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.query(`UPDATE webhook_deliveries SET claimed_by = NULL, claim_until = NULL WHERE id = ANY($1) AND claimed_by = $2`, [ids, this.replica]);
  }

  /** Keeps this replica's claims alive while it holds them. */
  async renewClaims(): Promise<void> {
    await this.db.query(`UPDATE webhook_deliveries SET claim_until = ${interval(this.claimMs)} WHERE claimed_by = $1 AND status = 'pending'`, [this.replica]);
  }

  /**
   * Claims deliveries that are due and first in their chain, unclaimed or
   * whose claim expired (a replica died), of webhooks not paused: oldest due
   * first. The first pending delivery of each chain is found by skipping
   * through the chain index (one probe per chain), so deliveries waiting
   * behind others — a long outage's backlog — cost nothing here.
   */
  async claimDue(limit: number): Promise<Delivery[]> {
    const { rows } = await this.db.query(
      `WITH RECURSIVE heads AS (
         (SELECT id, webhook_id, chain FROM webhook_deliveries WHERE status = 'pending' ORDER BY webhook_id, chain, ord LIMIT 1)
         UNION ALL
         SELECT n.id, n.webhook_id, n.chain FROM heads h, LATERAL (
           SELECT e.id, e.webhook_id, e.chain FROM webhook_deliveries e
           WHERE e.status = 'pending' AND (e.webhook_id, e.chain) > (h.webhook_id, h.chain)
           ORDER BY e.webhook_id, e.chain, e.ord LIMIT 1
         ) n
       )
       UPDATE webhook_deliveries d SET claimed_by = $1, claim_until = ${interval(this.claimMs)}
       WHERE d.id IN (
         SELECT x.id FROM webhook_deliveries x JOIN heads USING (id)
         WHERE x.status = 'pending' AND x.next_attempt_at <= now() AND (x.claimed_by IS NULL OR x.claim_until < now())
           AND NOT EXISTS (SELECT 1 FROM webhook_pauses p WHERE p.webhook_id = x.webhook_id)
         ORDER BY x.next_attempt_at
         LIMIT $2
         FOR UPDATE OF x SKIP LOCKED
       )
       RETURNING d.*`,
      [this.replica, limit],
    );
    return rows.map(toDelivery).sort((a, b) => Number(BigInt(a.ord) - BigInt(b.ord)));
  }

  /**
   * Claims what follows in a chain this replica has just emptied (its first
   * deliveries came from the database): the pending deliveries in order, as
   * long as they are due and nobody else holds them, at most `limit`.
   */
  async claimChain(webhookId: string, chain: string, limit: number): Promise<Delivery[]> {
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: string; takeable: boolean }>(
        `SELECT id, next_attempt_at <= now() AND (claimed_by IS NULL OR claim_until < now())
                AND NOT EXISTS (SELECT 1 FROM webhook_pauses p WHERE p.webhook_id = $1) AS takeable
         FROM webhook_deliveries WHERE webhook_id = $1 AND chain = $2 AND status = 'pending'
         ORDER BY ord LIMIT $3 FOR UPDATE`,
        [webhookId, chain, limit],
      );
      const stop = rows.findIndex((r) => !r.takeable);
      const ids = (stop === -1 ? rows : rows.slice(0, stop)).map((r) => r.id);
      if (ids.length === 0) return [];
      const claimed = await tx.query(
        `UPDATE webhook_deliveries SET claimed_by = $1, claim_until = ${interval(this.claimMs)} WHERE id = ANY($2) RETURNING *`,
        [this.replica, ids],
      );
      return claimed.rows.map(toDelivery).sort((a, b) => Number(BigInt(a.ord) - BigInt(b.ord)));
    });
  }

  /** The organization's paused webhooks. */
  async paused(organizationId: string): Promise<string[]> {
    const { rows } = await this.db.query<{ webhook_id: string }>('SELECT webhook_id FROM webhook_pauses WHERE organization_id = $1', [organizationId]);
    return rows.map((r) => r.webhook_id);
  }

  /** How much is waiting, for the metrics: pending deliveries and the age of the oldest, in seconds; dead ones. Read through the partial indexes, not the log. */
  async backlog(): Promise<{ pending: number; oldestSeconds: number; dead: number }> {
    const { rows } = await this.db.query<{ pending: string; oldest: string | null; dead: string }>(
      `SELECT (SELECT count(*) FROM webhook_deliveries WHERE status = 'pending') AS pending,
              (SELECT EXTRACT(EPOCH FROM now() - min(event_created_at)) FROM webhook_deliveries WHERE status = 'pending') AS oldest,
              (SELECT count(*) FROM webhook_deliveries WHERE status = 'dead') AS dead`,
    );
    return { pending: Number(rows[0].pending), oldestSeconds: Number(rows[0].oldest ?? 0), dead: Number(rows[0].dead) };
  }

  /** The log keeps delivered deliveries this long (replays read it), dead ones until replayed or as long. */
  async prune(retentionMs: number): Promise<void> {
    await this.db.query(
      `DELETE FROM webhook_deliveries WHERE status IN ('delivered', 'dead') AND created_at < now() - $1 * interval '1 millisecond'`,
      [retentionMs],
    );
  }
}
