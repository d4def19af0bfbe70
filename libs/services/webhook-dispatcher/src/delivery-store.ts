import { SqlDatabase } from '@switchboard/event-store';
import { chainKey, recordingPlan, settleRecording } from './event-recording';

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

/** Where an event stands in its stream, and what the dispatcher may accept (ADR 0044). */
export interface StreamPosition {
  id: string;
  version: number;
  /** The entry's sequence in the event stream. */
  sequence: number;
  /** The organization has had webhooks since this sequence: an older cursor does not count. */
  validSince: number;
  /** The gap before this event has lasted too long: it is taken anyway. */
  acceptGap: boolean;
}

export interface EventToRecord {
  stream: StreamPosition;
  candidates: CandidateDelivery[];
  eventCreatedAt: Date;
}

export interface RecordOutcome {
  outcome: CursorOutcome;
  /** The event's deliveries, when it advanced its stream. */
  recorded: RecordedDelivery[];
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

/** PostgreSQL's SQLSTATE for a transaction aborted to break a deadlock, and how often a statement is tried. */
const DEADLOCK_DETECTED = '40P01';
const DEADLOCK_ATTEMPTS = 3;

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
   * Records the deliveries of several events in one statement with their
   * streams' cursors (ADR 0044): an event is taken only right after the
   * previous one of its stream (`gap` otherwise: another replica holds the
   * earlier one; the later events of that stream here then wait too), and
   * only once (`duplicate`). A cursor older than `validSince` (the
   * organization had no webhooks then) does not count. A delivery is claimed
   * for this replica when it is `claimable` and whatever is pending before it
   * in its chain to the same webhook is held here (the last pending one is
   * looked at: a replica's claims on a chain are always its first deliveries);
   * `chainState` says what was pending before it. Outcomes come in the order
   * of `events`.
   */
  async recordEvents(events: EventToRecord[], retryForMs: number): Promise<RecordOutcome[]> {
    const plan = recordingPlan(events);
    const deliveries = events.flatMap((event, i) =>
      plan.inRun[i]
        ? event.candidates.map((d) => ({
            id: d.id,
            stream_id: event.stream.id,
            version: event.stream.version,
            organization_id: d.organization_id,
            webhook_id: d.webhook_id,
            chain: d.chain,
            ord: d.ord,
            event_id: d.event_id,
            action: d.body.action,
            url: d.url,
            body: d.body,
            event_created_at: event.eventCreatedAt.toISOString(),
            claimable: d.claimable,
          }))
        : [],
    );
    type Answer = {
      previous: Array<{ stream_id: string; version: string | number }> | null;
      advanced: string[] | null;
      states: Array<{ webhook_id: string; chain: string; state: ChainState }> | null;
      inserted: Array<{ id: string; claimed: boolean }> | null;
    };
    const { rows } = await this.retryingDeadlocks(() =>
      this.db.query<Answer>(
        `WITH runs AS (
           SELECT * FROM json_to_recordset($1::json)
             AS r(stream_id text, first bigint, last bigint, last_sequence bigint, valid_since bigint, accept_gap boolean)
         ),
         previous AS (
           SELECT c.stream_id, c.version FROM webhook_stream_cursors c
           WHERE c.stream_id IN (SELECT stream_id FROM runs) ORDER BY c.stream_id FOR UPDATE
         ),
         advanced AS (
           INSERT INTO webhook_stream_cursors AS c (stream_id, version, sequence)
           SELECT stream_id, last, last_sequence FROM runs ORDER BY stream_id
           ON CONFLICT (stream_id) DO UPDATE SET version = EXCLUDED.version, sequence = EXCLUDED.sequence
           WHERE c.version < EXCLUDED.version AND EXISTS (
             SELECT 1 FROM runs r WHERE r.stream_id = c.stream_id AND (c.version >= r.first - 1 OR c.sequence < r.valid_since OR r.accept_gap)
           )
           RETURNING c.stream_id
         ),
         deliveries AS (
           SELECT * FROM json_to_recordset($2::json)
             AS d(id text, stream_id text, version bigint, organization_id text, webhook_id text, chain text, ord bigint, event_id text,
                  action text, url text, body jsonb, event_created_at timestamptz, claimable boolean)
         ),
         chains AS (
           SELECT p.webhook_id, p.chain,
                  CASE WHEN t.id IS NULL THEN 'clear' WHEN t.claimed_by = $3 AND t.claim_until >= now() THEN 'mine' ELSE 'foreign' END AS state
           FROM (SELECT DISTINCT webhook_id, chain FROM deliveries) p
           LEFT JOIN LATERAL (
             SELECT x.id, x.claimed_by, x.claim_until FROM webhook_deliveries x
             WHERE x.webhook_id = p.webhook_id AND x.chain = p.chain AND x.status = 'pending'
             ORDER BY x.ord DESC LIMIT 1
           ) t ON true
         ),
         inserted AS (
           INSERT INTO webhook_deliveries (id, organization_id, webhook_id, chain, ord, event_id, action, url, body, deadline, event_created_at, claimed_by, claim_until)
           SELECT d.id, d.organization_id, d.webhook_id, d.chain, d.ord, d.event_id, d.action, d.url, d.body, now() + $4 * interval '1 millisecond', d.event_created_at,
                  CASE WHEN d.claimable AND c.state <> 'foreign' THEN $3 END,
                  CASE WHEN d.claimable AND c.state <> 'foreign' THEN now() + $5 * interval '1 millisecond' END
           FROM deliveries d JOIN chains c USING (webhook_id, chain)
           WHERE d.stream_id IN (SELECT stream_id FROM advanced)
             AND d.version > COALESCE((SELECT p.version FROM previous p WHERE p.stream_id = d.stream_id), -1)
           ORDER BY d.ord
           ON CONFLICT (id) DO NOTHING
           RETURNING id, claimed_by IS NOT NULL AS claimed
         )
         SELECT (SELECT json_agg(json_build_object('stream_id', stream_id, 'version', version)) FROM previous) AS previous,
                (SELECT json_agg(stream_id) FROM advanced) AS advanced,
                (SELECT json_agg(json_build_object('webhook_id', webhook_id, 'chain', chain, 'state', state)) FROM chains) AS states,
                (SELECT json_agg(json_build_object('id', id, 'claimed', claimed)) FROM inserted) AS inserted`,
        [JSON.stringify(plan.runs), JSON.stringify(deliveries), this.replica, Math.round(retryForMs), this.claimMs],
      ),
    );
    const answer = rows[0];
    return settleRecording(events, plan, {
      previous: new Map((answer.previous ?? []).map((p) => [p.stream_id, Number(p.version)])),
      advanced: new Set(answer.advanced ?? []),
      states: new Map((answer.states ?? []).map((c) => [chainKey(c), c.state])),
      inserted: new Map((answer.inserted ?? []).map((d) => [d.id, d.claimed])),
    });
  }

  /**
   * Deliveries that went through: kept in the log with their latency. One
   * delivery's row is written by one replica at a time, so the rows are not
   * locked in order first (a deadlock with a renewal is retried).
   */
  async delivered(outcomes: DeliveryOutcome[]): Promise<void> {
    if (outcomes.length === 0) return;
    await this.retryingDeadlocks(() =>
      this.db.query(
        `UPDATE webhook_deliveries d SET status = 'delivered', attempts = d.attempts + 1, delivered_at = now(),
           last_status = o.status, last_error = NULL, latency_ms = o.latency, claimed_by = NULL, claim_until = NULL
         FROM json_to_recordset($1::json) AS o(id text, status integer, latency integer)
         WHERE d.id = o.id`,
        [JSON.stringify(outcomes.map((o) => ({ id: o.id, status: o.status, latency: Math.round(o.latencyMs) })))],
      ),
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
    await this.retryingDeadlocks(() =>
      this.db.query(
        `WITH locked AS (SELECT id FROM webhook_deliveries WHERE id = ANY($1) AND claimed_by = $2 ORDER BY id FOR UPDATE)
         UPDATE webhook_deliveries SET claimed_by = NULL, claim_until = NULL WHERE id IN (SELECT id FROM locked)`,
        [ids, this.replica],
      ),
    );
  }

  /**
   * Keeps this replica's claims on the deliveries it holds (`ids`) alive,
   * called every third of the claim's length: a claim with less than two
   * thirds left is renewed (one held for a few seconds never is). A claim of
   * this replica on anything else — a delivery sent whose success could not
   * be written — runs out, and the sweep sends it again (with the same
   * delivery id).
   */
  async renewClaims(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.retryingDeadlocks(() =>
      this.db.query(
        `WITH locked AS (
           SELECT id FROM webhook_deliveries
           WHERE id = ANY($2) AND claimed_by = $1 AND status = 'pending' AND claim_until < ${interval((this.claimMs * 2) / 3)}
           ORDER BY id FOR UPDATE
         )
         UPDATE webhook_deliveries SET claim_until = ${interval(this.claimMs)} WHERE id IN (SELECT id FROM locked)`,
        [this.replica, ids],
      ),
    );
  }

  /**
   * Runs a statement again when PostgreSQL chose it as a deadlock's victim.
   * Renewals and releases lock their rows in id order, so they do not
   * deadlock with each other; a success write or a chain's claim (in the
   * chain's order) still may, now and then.
   */
  private async retryingDeadlocks<T>(work: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        if ((error as { code?: string }).code !== DEADLOCK_DETECTED || attempt >= DEADLOCK_ATTEMPTS) throw error;
      }
    }
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
    return this.retryingDeadlocks(() => this.claimChainOnce(webhookId, chain, limit));
  }

  private claimChainOnce(webhookId: string, chain: string, limit: number): Promise<Delivery[]> {
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
