/** Runs SQL; implemented by a pooled `pg` connection, a PGlite instance, or an open transaction. */
export interface SqlExecutor {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
  /** Runs a script of several statements, without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

/**
 * The database the event store and the read models run on: PostgreSQL 15
 * through `pg`, or PGlite embedded. SQL written against it must run on both.
 */
export interface SqlDatabase extends SqlExecutor {
  /**
   * Runs `work` in one transaction: committed when it resolves, rolled back
   * when it throws. `opening`, a statement without parameters (values inlined
   * with {@link sqlLiteral}), runs first — sent together with BEGIN, in one
   * round trip, where the driver allows — and its rows are handed to `work`.
   */
  transaction<T>(work: (tx: SqlExecutor, opened: Record<string, unknown>[]) => Promise<T>, opening?: string): Promise<T>;
  /**
   * Calls `onNotify` for each NOTIFY on `channel` (from any process, on commit).
   * Resolves once listening; the returned function stops it.
   */
  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  /** Closes every connection; waits for queries in flight. */
  close(): Promise<void>;
}

/**
 * A string as an SQL literal (PostgreSQL's escaping, as `pg` does it): for
 * statements sent without parameters. Never build SQL from values any other way.
 */
export { escapeLiteral as sqlLiteral } from 'pg';
