import { performance } from 'node:perf_hooks';
import { AppendObserver } from './append-observer';
import { isDatabaseConnectionError } from './connection-errors';
import { StreamOwnershipError, VersionConflictError } from './errors';
import {
  AppendOptions,
  DecideResult,
  AppendResult,
  Commit,
  EventStore,
  ExpectedVersion,
  InlineProjection,
  LOG_START,
  LogPosition,
  NewEvent,
  ProjectionContext,
  ReadStreamOptions,
  ReadStreamResult,
  RecordedEvent,
} from './event-store.port';
import { EVENTS_CHANNEL, insertEvents, LockedStream, lockStreams } from './batch-sql';
import { GroupCommit, GroupCommitOptions, Queued } from './group-commit';
import { EVENT_STORE_MIGRATIONS } from './schema';
import { runMigrations } from './sql/migrations';
import { SqlDatabase, SqlExecutor } from './sql/sql-database';

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

export { EVENTS_CHANNEL } from './batch-sql';

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

/** The transaction as a command's `decide` sees it, and whether any of its statements failed. */
function watchFailures(tx: SqlExecutor): { tx: SqlExecutor; failed: () => boolean } {
  let failed = false;
  const guard = async <R>(run: () => Promise<R>): Promise<R> => {
    try {
      return await run();
    } catch (error) {
      failed = true;
      throw error;
    }
  };
  return {
    tx: { query: (sql, params) => guard(() => tx.query(sql, params)), exec: (sql) => guard(() => tx.exec(sql)) },
    failed: () => failed,
  };
}

function satisfies(expected: ExpectedVersion, current: number, exists: boolean): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return !exists;
  if (expected === 'stream_exists') return exists;
  return expected === current;
}

/** What a command saw of its stream, under the stream's lock. */
interface StreamState {
  version: number;
  exists: boolean;
}

/** What a command decided: the events to append, and its caller's answer once they are committed. */
interface Decision<T> {
  events: readonly NewEvent[];
  projectionContext?: Record<string, unknown>;
  answer(recorded: RecordedEvent[], nextVersion: number): T;
}

interface StoreCommand<T = unknown> extends Queued<T> {
  organizationId: string;
  /** Runs under the batch's locks, in its transaction; may read, must not write. */
  decide(tx: SqlExecutor, stream: StreamState): Promise<Decision<T>>;
}

interface Decided {
  command: StoreCommand;
  stream: StreamState;
  decision: Decision<unknown>;
}

type Outcome = { ok: true; value: unknown; events: number; recorded: RecordedEvent[] } | { ok: false; error: unknown };

export interface PostgresEventStoreOptions extends Partial<GroupCommitOptions> {
  /**
   * This store is the database's only writer and runs one transaction at a
   * time (the embedded PGlite): it then offers {@link EventStore.committed}.
   */
  exclusiveWriter?: boolean;
}

const DEFAULT_GROUP_COMMIT: GroupCommitOptions = { maxTransactions: 4, maxBatch: 64 };

/**
 * The event store on PostgreSQL 15 or PGlite (the same SQL).
 *
 * Group commit: commands that arrive while the process's transactions are
 * busy are decided and appended together in the next transaction (see
 * {@link GroupCommit}). A command whose decision fails gets its own error
 * and its neighbours go on; when a write of the batch fails (a constraint, a
 * projection, a deadlock), the batch rolls back and each command runs again
 * in a transaction of its own, so every command gets exactly its own outcome.
 *
 * A transaction takes the advisory locks of all its streams (in one fixed
 * order, so batches never deadlock on them) *before* its first write, so the
 * transaction id (assigned at the first write) of a later append to the same
 * stream is always greater: ordering the log by (transaction_id,
 * global_position) keeps every stream's events in version order.
 */
export class PostgresEventStore implements EventStore {
  private readonly commits: GroupCommit<StoreCommand>;
  private readonly commitListeners = new Set<(commit: Commit) => void>();
  /** Where this store's last commit ended (exclusive writer only). */
  private lastCommitted: LogPosition | undefined;
  readonly committed?: (listener: (commit: Commit) => void) => () => void;

  constructor(
    private readonly db: SqlDatabase,
    private readonly projections: readonly InlineProjection[] = [],
    /** Told the duration and size of every committed append (metrics). */
    private readonly observer?: AppendObserver,
    options: PostgresEventStoreOptions = {},
  ) {
    const groupCommit = { ...DEFAULT_GROUP_COMMIT, ...options };
    if (options.exclusiveWriter) {
      // One transaction at a time: commits are announced exactly in commit order.
      groupCommit.maxTransactions = 1;
      this.committed = (listener) => {
        this.commitListeners.add(listener);
        return () => this.commitListeners.delete(listener);
      };
    }
    this.commits = new GroupCommit<StoreCommand>(groupCommit, (batch) => this.runBatch(batch));
  }

  /** Creates or upgrades the schema (safe when several processes start at once). */
  async migrate(): Promise<void> {
    await runMigrations(this.db, EVENT_STORE_MIGRATIONS);
  }

  async append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    const expected = options.expectedVersion ?? 'any';
    return this.submit<AppendResult>(streamId, options.organizationId, async (_tx, stream) => {
      if (!satisfies(expected, stream.version, stream.exists)) throw new VersionConflictError(streamId, expected, stream.version);
      return { events, answer: (recorded, nextExpectedVersion) => ({ nextExpectedVersion, events: recorded }) };
    });
  }

  /**
   * Pessimistic append: under the stream's lock, `decide` reads whatever it
   * needs in the same transaction (it sees the latest state: no other append
   * to the stream can commit meanwhile), then the events it returns are
   * appended. No version conflicts, so writers of one busy stream never
   * starve each other. `decide` must only read.
   */
  async decideAndAppend<T>(
    streamId: string,
    organizationId: string,
    decide: (tx: SqlExecutor, version: number) => Promise<DecideResult<T>>,
  ): Promise<T> {
    return this.submit<T>(streamId, organizationId, async (tx, stream) => {
      const { events, result, projectionContext } = await decide(tx, stream.version);
      return { events, projectionContext, answer: () => result };
    });
  }

  private submit<T>(streamId: string, organizationId: string, decide: StoreCommand<T>['decide']): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.commits.submit({ streamId, organizationId, decide, resolve, reject } as StoreCommand);
    });
  }

  /** One transaction for the batch; settles every command of it. */
  private async runBatch(batch: StoreCommand[]): Promise<void> {
    const started = performance.now();
    let outcomes: Outcome[];
    try {
      outcomes = await this.db.transaction(
        (tx, locked) => this.decideAndWrite(tx, batch, locked as unknown as LockedStream[]),
        lockStreams(batch.map((c) => c.streamId)),
      );
    } catch (error) {
      if (batch.length > 1 && !isDatabaseConnectionError(error)) {
        // Which command broke the batch is unknown: each runs again alone and gets its own outcome.
        for (const command of batch) await this.runBatch([command]);
        return;
      }
      for (const command of batch) command.reject(error);
      return;
    }
    const seconds = (performance.now() - started) / 1000;
    this.observer?.batched?.(batch.length);
    this.announceCommit(outcomes);
    batch.forEach((command, i) => {
      const outcome = outcomes[i];
      if (!outcome.ok) return command.reject(outcome.error);
      if (outcome.events > 0) this.observer?.appended(outcome.events, seconds);
      command.resolve(outcome.value);
    });
  }

  private announceCommit(outcomes: Outcome[]): void {
    // Tracked from the first commit on, so a reader starting later can chain onto it.
    if (!this.committed) return;
    const events = outcomes
      .flatMap((o) => (o.ok ? o.recorded : []))
      .sort((a, b) => (a.globalPosition < b.globalPosition ? -1 : 1));
    if (events.length === 0) return;
    const commit = { events, after: this.lastCommitted };
    const last = events[events.length - 1];
    this.lastCommitted = { transactionId: last.transactionId, globalPosition: last.globalPosition };
    for (const listener of this.commitListeners) listener(commit);
  }

  private async decideAndWrite(tx: SqlExecutor, batch: StoreCommand[], locked: LockedStream[]): Promise<Outcome[]> {
    const streams = new Map(
      locked.map((r) => [r.locked_stream_id, { version: Number(r.locked_version), organizationId: r.locked_organization_id }]),
    );
    const reads = watchFailures(tx);
    // Decisions only read, each of another stream: they run together, so their reads can be batched (see ReadModels).
    const decided = await Promise.all(
      batch.map(async (command): Promise<Decided | Outcome> => {
        const found = streams.get(command.streamId);
        if (found && found.organizationId !== command.organizationId) {
          return { ok: false, error: new StreamOwnershipError(command.streamId) };
        }
        const stream = { version: found?.version ?? 0, exists: found !== undefined };
        try {
          return { command, stream, decision: await command.decide(reads.tx, stream) };
        } catch (error) {
          return { ok: false, error };
        }
      }),
    );
    // A failed statement aborted the transaction: the whole batch must roll back.
    if (reads.failed()) throw (decided.find((d) => 'error' in d) as { error: unknown }).error;
    const writes = decided.filter((d): d is Decided => 'decision' in d && d.decision.events.length > 0);
    const recorded = await insertEvents(
      tx,
      writes.map(({ command, stream, decision }) => ({
        key: command,
        streamId: command.streamId,
        organizationId: command.organizationId,
        current: stream.version,
        events: decision.events,
      })),
    );
    const context = new Map<string, Record<string, unknown>>();
    for (const { command, decision } of writes) if (decision.projectionContext) context.set(command.streamId, decision.projectionContext);
    await this.project(tx, writes.flatMap(({ command }) => recorded.get(command)!), context);
    return decided.map((d) => {
      if (!('decision' in d)) return d;
      const events = recorded.get(d.command) ?? [];
      return { ok: true, value: d.decision.answer(events, d.stream.version + events.length), events: events.length, recorded: events };
    });
  }

  private async project(tx: SqlExecutor, recorded: RecordedEvent[], context: ProjectionContext): Promise<void> {
    for (const projection of this.projections) {
      const relevant = projection.eventTypes ? recorded.filter((e) => projection.eventTypes!.includes(e.type)) : recorded;
      if (relevant.length > 0) await projection.apply(relevant, tx, context);
    }
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
