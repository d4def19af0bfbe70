import { SqlExecutor } from './sql/sql-database';

/** An event to append; the store fills in id (unless given), version, position and time. */
export interface NewEvent {
  type: string;
  data: unknown;
  /** Correlation/causation ids, author, time of the command, ... */
  metadata?: Record<string, unknown>;
  /** UUID; generated when absent. Appending an id twice fails. */
  id?: string;
}

/** An event as committed. */
export interface RecordedEvent {
  eventId: string;
  streamId: string;
  /** 1 for the stream's first event, without gaps. */
  streamVersion: number;
  /** Order of insertion across all streams (not commit order: see {@link LogPosition}). */
  globalPosition: bigint;
  /** The appending transaction (PostgreSQL xid8). */
  transactionId: bigint;
  organizationId: string;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
  createdAt: Date;
}

/**
 * Where a reader of the whole log stands: after the event with this
 * (transaction id, global position). Commit order is (transactionId, globalPosition).
 */
export interface LogPosition {
  transactionId: bigint;
  globalPosition: bigint;
}

export const LOG_START: LogPosition = { transactionId: 0n, globalPosition: 0n };

/**
 * The stream's current version that an append expects: a number (0 = the
 * stream has no events), `no_stream`, `stream_exists`, or `any`.
 */
export type ExpectedVersion = number | 'no_stream' | 'stream_exists' | 'any';

export interface AppendOptions {
  /** The organization owning the stream; a stream never changes organization. */
  organizationId: string;
  /** Default `any`. */
  expectedVersion?: ExpectedVersion;
}

export interface AppendResult {
  /** The stream's version after the append: pass it as the next expectedVersion. */
  nextExpectedVersion: number;
  events: RecordedEvent[];
}

export interface ReadStreamOptions {
  organizationId: string;
  /** First version to read, default 1. */
  fromVersion?: number;
  maxCount?: number;
}

export interface ReadStreamResult {
  /** The stream's current version; 0 when it does not exist (or belongs to another organization). */
  version: number;
  events: RecordedEvent[];
}

/** What the appenders already read in the transaction, by stream id (see `DecideResult.projectionContext`). */
export type ProjectionContext = ReadonlyMap<string, Record<string, unknown>>;

/**
 * A read model kept in the append's own transaction: a reader that wrote
 * then reads sees its write. Throwing rolls the append back.
 */
export interface InlineProjection {
  name: string;
  /** Event types this projection cares about; all when absent. */
  eventTypes?: readonly string[];
  /**
   * Called once per transaction with the events of every stream it appended
   * to (group commit: possibly many streams), each stream's in version order.
   * `context`: what each stream's appender already read, to spare a re-read.
   */
  apply(events: readonly RecordedEvent[], tx: SqlExecutor, context: ProjectionContext): Promise<void>;
}

export interface DecideResult<T> {
  events: readonly NewEvent[];
  result: T;
  /** Handed to the inline projections (e.g. the read-model row `decide` already loaded). */
  projectionContext?: Record<string, unknown>;
}

/** One transaction's events as committed, and where the log ended before them (as far as this store knows). */
export interface Commit {
  events: readonly RecordedEvent[];
  /** The last event of the previous commit this store made; undefined for its first since it started. */
  after: LogPosition | undefined;
}

/** The append-only event store. */
export interface EventStore {
  append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult>;
  /**
   * Locks the stream, lets `decide` read in the same transaction (seeing the
   * latest state) and appends the events it returns: for streams many writers
   * hit at once, where optimistic retries could starve a writer.
   */
  decideAndAppend<T>(
    streamId: string,
    organizationId: string,
    decide: (tx: SqlExecutor, version: number) => Promise<DecideResult<T>>,
  ): Promise<T>;
  readStream(streamId: string, options: ReadStreamOptions): Promise<ReadStreamResult>;
  /**
   * Committed events after `after`, in commit order, at most `limit`. Never
   * skips an event of a transaction still in flight: such events, and any
   * committed after them, are returned by a later call.
   */
  readLog(after: LogPosition, limit: number): Promise<RecordedEvent[]>;
  /** Where the visible log ends now: `readLog` from here returns only later commits. */
  lastLogPosition(): Promise<LogPosition>;
  /**
   * Calls `listener` soon after events are committed by any process (a hint to
   * read the log; it may also fire spuriously). Returns the function that stops it.
   */
  watch(listener: () => void): Promise<() => Promise<void>>;
  /**
   * Offered only by a store that is its database's only writer (the embedded
   * mode: PGlite is one process, one session): calls `listener` with each
   * transaction's events right after it commits, in commit order, so a reader
   * that is caught up can take them without reading the log. Returns the
   * function that stops it.
   */
  committed?(listener: (commit: Commit) => void): () => void;
  /** Resolves when the database answers (readiness). */
  ping(): Promise<void>;
}
