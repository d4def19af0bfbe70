import { SqlDatabase, sqlLiteral } from '@switchboard/event-store';

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

interface PairState {
  webhook_id: string;
  chain: string;
  state: ChainState;
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

const pairKey = (p: { webhook_id: string; chain: string }) => `${p.webhook_id}\u0000${p.chain}`;

function uniquePairs(deliveries: CandidateDelivery[]): Array<{ webhook_id: string; chain: string }> {
  const pairs = new Map(deliveries.map((d) => [pairKey(d), { webhook_id: d.webhook_id, chain: d.chain }]));
  return [...pairs.values()];
}

/**
 * Each event's outcome against its stream's cursor, the events of a stream
 * taken in version order: after a gap, the stream's later events wait too.
 */
function decideOutcomes(events: EventToRecord[], cursors: ReadonlyMap<string, { version: number; sequence: number }>): CursorOutcome[] {
  const outcomes: CursorOutcome[] = new Array(events.length);
  const order = events.map((_, i) => i).sort((a, b) => events[a].stream.version - events[b].stream.version);
  const at = new Map(cursors);
  const blocked = new Set<string>();
  for (const i of order) {
    const { id, version, sequence, validSince, acceptGap } = events[i].stream;
    const cursor = at.get(id);
    if (blocked.has(id)) outcomes[i] = 'gap';
    else if (!cursor || cursor.version === version - 1 || cursor.sequence < validSince || (acceptGap && cursor.version < version)) {
      outcomes[i] = 'advanced';
      at.set(id, { version, sequence });
    } else if (cursor.version >= version) outcomes[i] = 'duplicate';
    else {
      outcomes[i] = 'gap';
      blocked.add(id);
    }
  }
  return outcomes;
}

/**
 * Which recorded deliveries this replica claims, chain by chain in event
 * order: the first of a webhook's chain here goes by what was pending before
 * it (`states`); the ones after it follow it, so none is claimed behind one
 * that was not.
 */
function claimInOrder(events: EventToRecord[], outcomes: CursorOutcome[], states: ReadonlyMap<string, ChainState>): RecordedDelivery[][] {
  const open = new Map<string, boolean>();
  const order = events.map((_, i) => i).sort((a, b) => Number(BigInt(events[a].candidates[0]?.ord ?? 0) - BigInt(events[b].candidates[0]?.ord ?? 0)));
  const recorded: RecordedDelivery[][] = events.map(() => []);
  for (const i of order) {
    if (outcomes[i] !== 'advanced') continue;
    recorded[i] = events[i].candidates.map((d) => {
      const key = pairKey(d);
      const first = !open.has(key);
      const chainState: ChainState = first ? (states.get(key) ?? 'clear') : 'mine';
      const claim = d.claimable && chainState !== 'foreign' && (first || open.get(key)!);
      open.set(key, claim);
      return { ...d, chainState, claim };
    });
  }
  return recorded;
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

  /** One event's deliveries (`recordEvents` with one event). */
  async record(stream: StreamPosition, candidates: CandidateDelivery[], eventCreatedAt: Date, retryForMs: number): Promise<RecordOutcome> {
    const [outcome] = await this.recordEvents([{ stream, candidates, eventCreatedAt }], retryForMs);
    return outcome;
  }

  /**
   * Records the deliveries of several events in one transaction with their
   * streams' cursors (ADR 0044): an event is taken only right after the
   * previous one of its stream (`gap` otherwise: another replica holds the
   * earlier one; the later events of that stream here then wait too), and
   * only once (`duplicate`). A cursor older than `validSince` (the
   * organization had no webhooks then) does not count. A delivery is claimed
   * for this replica when it is `claimable` and no earlier delivery of its
   * chain to the same webhook is pending in another replica's hands (or
   * nobody's); `chainState` says what was pending before it. Outcomes come
   * in the order of `events`.
   */
  async recordEvents(events: EventToRecord[], retryForMs: number): Promise<RecordOutcome[]> {
    const streamIds = [...new Set(events.map((e) => e.stream.id))];
    const pairs = uniquePairs(events.flatMap((e) => e.candidates));
    return this.retryingDeadlocks(() => this.db.transaction(
      async (tx, opened) => {
        const read = opened[0] as { cursors: Array<{ stream_id: string; version: string | number; sequence: string | number }> | null; states: PairState[] | null };
        const cursors = new Map((read.cursors ?? []).map((c) => [c.stream_id, { version: Number(c.version), sequence: Number(c.sequence) }]));
        const outcomes = decideOutcomes(events, cursors);
        const recorded = claimInOrder(events, outcomes, new Map((read.states ?? []).map((p) => [pairKey(p), p.state])));
        const advanced = events.filter((_, i) => outcomes[i] === 'advanced');
        if (advanced.length === 0) return events.map((_, i) => ({ outcome: outcomes[i], recorded: [] }));
        const last = new Map(advanced.map((e) => [e.stream.id, { stream_id: e.stream.id, version: e.stream.version, sequence: e.stream.sequence }]));
        const moved = [...last.values()].filter((c) => cursors.has(c.stream_id));
        const created = [...last.values()].filter((c) => !cursors.has(c.stream_id));
        const rows = recorded.flatMap((deliveries, i) =>
          deliveries.map((d) => ({
            id: d.id,
            stream_id: events[i].stream.id,
            organization_id: d.organization_id,
            webhook_id: d.webhook_id,
            chain: d.chain,
            ord: d.ord,
            event_id: d.event_id,
            action: d.body.action,
            url: d.url,
            body: d.body,
            event_created_at: events[i].eventCreatedAt.toISOString(),
            claim: d.claim,
          })),
        );
        const { rows: written } = await tx.query<{ created: string[] | null }>(
          `WITH moved AS (
             UPDATE webhook_stream_cursors c SET version = s.version, sequence = s.sequence
             FROM json_to_recordset($1::json) AS s(stream_id text, version bigint, sequence bigint)
             WHERE c.stream_id = s.stream_id
             RETURNING c.stream_id
           ),
           created AS (
             INSERT INTO webhook_stream_cursors (stream_id, version, sequence)
             SELECT s.stream_id, s.version, s.sequence FROM json_to_recordset($2::json) AS s(stream_id text, version bigint, sequence bigint)
             ORDER BY s.stream_id
             ON CONFLICT (stream_id) DO NOTHING
             RETURNING stream_id
           ),
           inserted AS (
             INSERT INTO webhook_deliveries (id, organization_id, webhook_id, chain, ord, event_id, action, url, body, deadline, event_created_at, claimed_by, claim_until)
             SELECT r.id, r.organization_id, r.webhook_id, r.chain, r.ord, r.event_id, r.action, r.url, r.body, now() + $4 * interval '1 millisecond', r.event_created_at,
                    CASE WHEN r.claim THEN $5 END, CASE WHEN r.claim THEN now() + $6 * interval '1 millisecond' END
             FROM json_to_recordset($3::json)
               AS r(id text, stream_id text, organization_id text, webhook_id text, chain text, ord bigint, event_id text, action text, url text, body jsonb, event_created_at timestamptz, claim boolean)
             WHERE r.stream_id IN (SELECT stream_id FROM moved UNION ALL SELECT stream_id FROM created)
             ON CONFLICT (id) DO NOTHING
             RETURNING 1
           )
           SELECT (SELECT json_agg(stream_id) FROM created) AS created`,
          [JSON.stringify(moved), JSON.stringify(created), JSON.stringify(rows), Math.round(retryForMs), this.replica, this.claimMs],
        );
        // A stream another replica started meanwhile: its events wait, as behind a gap, and are decided again.
        const won = new Set(written[0].created ?? []);
        const lost = new Set(created.filter((c) => !won.has(c.stream_id)).map((c) => c.stream_id));
        return events.map((e, i) =>
          outcomes[i] === 'advanced' && lost.has(e.stream.id) ? { outcome: 'gap', recorded: [] } : { outcome: outcomes[i], recorded: outcomes[i] === 'advanced' ? recorded[i] : [] },
        );
      },
      `WITH cursors AS (
         SELECT stream_id, version, sequence FROM webhook_stream_cursors
         WHERE stream_id IN (SELECT json_array_elements_text(${sqlLiteral(JSON.stringify(streamIds))}::json))
         ORDER BY stream_id
         FOR UPDATE
       )
       SELECT (SELECT json_agg(json_build_object('stream_id', stream_id, 'version', version, 'sequence', sequence)) FROM cursors) AS cursors,
              (SELECT json_agg(json_build_object('webhook_id', p.webhook_id, 'chain', p.chain, 'state', (
                  SELECT CASE WHEN bool_or(d.claimed_by IS DISTINCT FROM ${sqlLiteral(this.replica)} OR d.claim_until < now()) THEN 'foreign'
                              WHEN count(*) > 0 THEN 'mine' ELSE 'clear' END
                  FROM webhook_deliveries d WHERE d.webhook_id = p.webhook_id AND d.chain = p.chain AND d.status = 'pending'
                )))
               FROM json_to_recordset(${sqlLiteral(JSON.stringify(pairs))}::json) AS p(webhook_id text, chain text)) AS states`,
    ));
  }

  /** Deliveries that went through: kept in the log with their latency. */
  async delivered(outcomes: DeliveryOutcome[]): Promise<void> {
    if (outcomes.length === 0) return;
    await this.retryingDeadlocks(() =>
      this.db.query(
        `WITH o AS (SELECT * FROM json_to_recordset($1::json) AS o(id text, status integer, latency integer)),
         locked AS (SELECT d.id FROM webhook_deliveries d WHERE d.id IN (SELECT id FROM o) ORDER BY d.id FOR UPDATE)
         UPDATE webhook_deliveries d SET status = 'delivered', attempts = d.attempts + 1, delivered_at = now(),
           last_status = o.status, last_error = NULL, latency_ms = o.latency, claimed_by = NULL, claim_until = NULL
         FROM o WHERE d.id = o.id AND d.id IN (SELECT id FROM locked)`,
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
   * Keeps this replica's claims on the deliveries it holds (`ids`) alive. A
   * claim of this replica on anything else — a delivery sent whose success
   * could not be written — runs out, and the sweep sends it again (with the
   * same delivery id).
   */
  async renewClaims(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.retryingDeadlocks(() =>
      this.db.query(
        `WITH locked AS (
           SELECT id FROM webhook_deliveries WHERE id = ANY($2) AND claimed_by = $1 AND status = 'pending' ORDER BY id FOR UPDATE
         )
         UPDATE webhook_deliveries SET claim_until = ${interval(this.claimMs)} WHERE id IN (SELECT id FROM locked)`,
        [this.replica, ids],
      ),
    );
  }

  /**
   * Runs a statement again when PostgreSQL chose it as a deadlock's victim.
   * Statements taking several rows lock them in id order so they do not
   * deadlock with each other, but one chain's rows are claimed in their order.
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
