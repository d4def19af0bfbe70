import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { AppendObserver } from './append-observer';
import { StreamOwnershipError, VersionConflictError } from './errors';
import {
  AppendOptions,
  DecideResult,
  AppendResult,
  EventStore,
  ExpectedVersion,
  InlineProjection,
  LOG_START,
  LogPosition,
  NewEvent,
  ReadStreamOptions,
  ReadStreamResult,
  RecordedEvent,
} from './event-store.port';
import { EVENT_STORE_MIGRATIONS } from './schema';
import { runMigrations } from './sql/migrations';
import { SqlDatabase, SqlExecutor } from './sql/sql-database';
import { parseStreamId } from './stream-id';

interface EventRow {
  event_id: string;
  stream_id: string;
  stream_version: string;
  global_position: string;
  transaction_id: string;
  organization_id: string;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
  created_at: Date | string;
}

// Output names equal the column names, so ORDER BY must qualify (events.x) to sort by the typed column.
const EVENT_COLUMNS = `event_id::text, stream_id, stream_version::text, global_position::text,
  transaction_id::text, organization_id, type, data, metadata, created_at`;

/** NOTIFY channel announcing committed appends. */
export const EVENTS_CHANNEL = 'switchboard_events';

function toRecorded(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    streamId: row.stream_id,
    streamVersion: Number(row.stream_version),
    globalPosition: BigInt(row.global_position),
    transactionId: BigInt(row.transaction_id),
    organizationId: row.organization_id,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    createdAt: new Date(row.created_at),
  };
}

function satisfies(expected: ExpectedVersion, current: number, exists: boolean): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return !exists;
  if (expected === 'stream_exists') return exists;
  return expected === current;
}

/**
 * The event store on PostgreSQL 15 or PGlite (the same SQL).
 *
 * An append takes a per-stream advisory lock *before* its first write, so the
 * transaction id (assigned at the first write) of a later append to the same
 * stream is always greater: ordering the log by (transaction_id,
 * global_position) keeps every stream's events in version order.
 */
export class PostgresEventStore implements EventStore {
  constructor(
    private readonly db: SqlDatabase,
    private readonly projections: readonly InlineProjection[] = [],
    /** Told the duration and size of every committed append (metrics). */
    private readonly observer?: AppendObserver,
  ) {}

  /** Creates or upgrades the schema (safe when several processes start at once). */
  async migrate(): Promise<void> {
    await runMigrations(this.db, EVENT_STORE_MIGRATIONS);
  }

  async append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    const started = performance.now();
    const result = await this.db.transaction(async (tx) => {
      const current = await this.lockStream(tx, streamId, options.organizationId);
      return this.appendLocked(tx, streamId, current, events, options);
    });
    this.observer?.appended(events.length, (performance.now() - started) / 1000);
    return result;
  }

  /**
   * Pessimistic append: takes the stream's lock, lets `decide` read whatever it
   * needs in the same transaction (it sees the latest state: no other append
   * to the stream can commit meanwhile), then appends what it returns. No
   * version conflicts, so writers of one busy stream never starve each other.
   */
  async decideAndAppend<T>(
    streamId: string,
    organizationId: string,
    decide: (tx: SqlExecutor, version: number) => Promise<DecideResult<T>>,
  ): Promise<T> {
    const started = performance.now();
    let appended = 0;
    const outcome = await this.db.transaction(async (tx) => {
      const current = await this.lockStream(tx, streamId, organizationId);
      const { events, result, projectionContext } = await decide(tx, current.version);
      if (events.length > 0) {
        await this.appendLocked(tx, streamId, current, events, { organizationId, expectedVersion: current.version }, projectionContext);
      }
      appended = events.length;
      return result;
    });
    if (appended > 0) this.observer?.appended(appended, (performance.now() - started) / 1000);
    return outcome;
  }

  /** Locks the stream (before any write, see the class comment) and reads its version. */
  private async lockStream(tx: SqlExecutor, streamId: string, organizationId: string): Promise<{ version: number; exists: boolean }> {
    // The notification is delivered on commit only, to the readers watching the log.
    await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0)), pg_notify($2, NULL)', [streamId, EVENTS_CHANNEL]);
    const found = await tx.query<{ version: string; organization_id: string }>(
      'SELECT version::text, organization_id FROM streams WHERE stream_id = $1',
      [streamId],
    );
    const stream = found.rows[0];
    if (stream && stream.organization_id !== organizationId) throw new StreamOwnershipError(streamId);
    return { version: stream ? Number(stream.version) : 0, exists: stream !== undefined };
  }

  private async appendLocked(
    tx: SqlExecutor,
    streamId: string,
    current: { version: number; exists: boolean },
    events: readonly NewEvent[],
    options: AppendOptions,
    projectionContext?: Record<string, unknown>,
  ): Promise<AppendResult> {
    const expected = options.expectedVersion ?? 'any';
    if (!satisfies(expected, current.version, current.exists)) {
      throw new VersionConflictError(streamId, expected, current.version);
    }
    const { type: streamType } = parseStreamId(streamId);
    const recorded = await this.insert(tx, streamId, streamType, options.organizationId, current.version, events);
    for (const projection of this.projections) {
      const relevant = projection.eventTypes ? recorded.filter((e) => projection.eventTypes!.includes(e.type)) : recorded;
      if (relevant.length > 0) await projection.apply(relevant, tx, projectionContext);
    }
    return { nextExpectedVersion: current.version + events.length, events: recorded };
  }

  private async insert(
    tx: SqlExecutor,
    streamId: string,
    streamType: string,
    organizationId: string,
    current: number,
    events: readonly NewEvent[],
  ): Promise<RecordedEvent[]> {
    const next = current + events.length;
    const { rows } = await tx.query<EventRow>(
      `WITH stream AS (
         INSERT INTO streams (stream_id, stream_type, organization_id, version)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (stream_id) DO UPDATE SET version = EXCLUDED.version
       )
       INSERT INTO events (event_id, stream_id, stream_version, organization_id, type, data, metadata)
       SELECT e.id, $1, e.version, $3, e.type, e.data, e.metadata
       FROM unnest($5::uuid[], $6::bigint[], $7::text[], $8::jsonb[], $9::jsonb[])
         WITH ORDINALITY AS e(id, version, type, data, metadata, n)
       ORDER BY e.n
       RETURNING ${EVENT_COLUMNS}`,
      [
        streamId,
        streamType,
        organizationId,
        next,
        events.map((e) => e.id ?? randomUUID()),
        events.map((_, i) => current + i + 1),
        events.map((e) => e.type),
        events.map((e) => JSON.stringify(e.data ?? null)),
        events.map((e) => JSON.stringify(e.metadata ?? {})),
      ],
    );
    return rows.map(toRecorded).sort((a, b) => a.streamVersion - b.streamVersion);
  }

  async readStream(streamId: string, options: ReadStreamOptions): Promise<ReadStreamResult> {
    const from = options.fromVersion ?? 1;
    const [version, events] = await Promise.all([
      this.db.query<{ version: string }>(
        'SELECT version::text FROM streams WHERE stream_id = $1 AND organization_id = $2',
        [streamId, options.organizationId],
      ),
      this.db.query<EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events
         WHERE stream_id = $1 AND organization_id = $2 AND stream_version >= $3
         ORDER BY events.stream_version LIMIT $4`,
        [streamId, options.organizationId, from, options.maxCount ?? null],
      ),
    ]);
    return { version: Number(version.rows[0]?.version ?? 0), events: events.rows.map(toRecorded) };
  }

  async readLog(after: LogPosition, limit: number): Promise<RecordedEvent[]> {
    // Only transactions older than every one still running are visible, so a
    // slow transaction's events can never be overtaken and then skipped.
    const { rows } = await this.db.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events
       WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())
         AND (transaction_id, global_position) > ($1::text::xid8, $2::bigint)
       ORDER BY events.transaction_id, events.global_position
       LIMIT $3`,
      [after.transactionId.toString(), after.globalPosition.toString(), limit],
    );
    return rows.map(toRecorded);
  }

  /** The position of the last committed event readers can see (LOG_START when there is none). */
  async lastLogPosition(): Promise<LogPosition> {
    const { rows } = await this.db.query<{ transaction_id: string; global_position: string }>(
      `SELECT transaction_id::text, global_position::text FROM events
       WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())
       ORDER BY events.transaction_id DESC, events.global_position DESC LIMIT 1`,
    );
    const last = rows[0];
    return last ? { transactionId: BigInt(last.transaction_id), globalPosition: BigInt(last.global_position) } : LOG_START;
  }

  async watch(listener: () => void): Promise<() => Promise<void>> {
    return this.db.listen(EVENTS_CHANNEL, listener);
  }

  async ping(): Promise<void> {
    await this.db.query('SELECT 1');
  }
}
