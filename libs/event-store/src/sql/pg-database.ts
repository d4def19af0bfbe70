import { Pool, PoolClient, PoolConfig, QueryConfig, QueryResult } from 'pg';
import { isDatabaseConnectionError } from '../connection-errors';
import { PgListener } from './pg-listener';
import { SqlDatabase, SqlExecutor } from './sql-database';

/** How long a request waits for a connection (a new one, or a free one of the pool) before failing. */
export const DEFAULT_CONNECTION_TIMEOUT_MS = 5000;
/** Idle connections send TCP keep-alives after this long, so a dead peer is noticed. */
const KEEP_ALIVE_DELAY_MS = 10_000;
/** Distinct statements prepared per connection at most; SQL built on the fly beyond that runs unprepared. */
const MAX_PREPARED_STATEMENTS = 500;

/**
 * Named prepared statements: a connection parses and plans a statement the
 * first time it runs it, then only binds and executes it. The name is the
 * same for every connection of the process.
 */
class PreparedStatements {
  private readonly names = new Map<string, string>();

  config(text: string, values?: unknown[]): QueryConfig {
    if (!values) return { text };
    let name = this.names.get(text);
    if (!name && this.names.size < MAX_PREPARED_STATEMENTS) this.names.set(text, (name = `sb${this.names.size}`));
    return { name, text, values };
  }
}

/**
 * PostgreSQL through a `pg` connection pool.
 *
 * Survives outages: a connection that breaks, idle or in use, never crashes
 * the process (every client has an `'error'` listener) and is destroyed rather
 * than reused; requests during an outage fail fast with a connection error
 * ({@link isDatabaseConnectionError}) instead of waiting; LISTEN reconnects.
 */
export class PgDatabase implements SqlDatabase {
  private readonly pool: Pool;
  private readonly config: PoolConfig;
  private readonly statements = new PreparedStatements();

  constructor(config: string | PoolConfig) {
    this.config = {
      connectionTimeoutMillis: DEFAULT_CONNECTION_TIMEOUT_MS,
      keepAlive: true,
      keepAliveInitialDelayMillis: KEEP_ALIVE_DELAY_MS,
      ...(typeof config === 'string' ? { connectionString: config } : config),
    };
    this.pool = new Pool(this.config);
    // An idle client losing its server must not crash the process; the pool replaces it.
    this.pool.on('error', () => undefined);
  }

  /** pg-pool's `query` listens for errors on the client it checks out and destroys a broken one. */
  async query<R>(sql: string, params?: unknown[]): Promise<{ rows: R[] }> {
    const result = await this.pool.query(this.statements.config(sql, params));
    return { rows: result.rows as R[] };
  }

  async exec(sql: string): Promise<void> {
    await this.pool.query(sql);
  }

  async transaction<T>(work: (tx: SqlExecutor, opened: Record<string, unknown>[]) => Promise<T>, opening?: string): Promise<T> {
    const client = await this.pool.connect();
    // A checked-out client has no listener of the pool's: without ours, a lost
    // connection's 'error' event would be thrown and end the process.
    let broken: Error | undefined;
    const onError = (error: Error) => {
      broken ??= error;
    };
    client.on('error', onError);
    try {
      return await this.run(client, work, opening);
    } catch (error) {
      if (!broken && isDatabaseConnectionError(error)) broken = error as Error;
      if (!broken) await client.query('ROLLBACK').catch((failure: Error) => (broken = failure));
      throw error;
    } finally {
      client.removeListener('error', onError);
      // Releasing with an error destroys the connection instead of pooling it again.
      client.release(broken);
    }
  }

  private async run<T>(
    client: PoolClient,
    work: (tx: SqlExecutor, opened: Record<string, unknown>[]) => Promise<T>,
    opening?: string,
  ): Promise<T> {
    // Without parameters, several statements go in one message (the simple query protocol).
    const begun = (await client.query(opening ? `BEGIN; ${opening}` : 'BEGIN')) as unknown as QueryResult | QueryResult[];
    const opened = opening && Array.isArray(begun) ? begun[1].rows : [];
    const tx: SqlExecutor = {
      query: async <R>(sql: string, params?: unknown[]) => ({ rows: (await client.query(this.statements.config(sql, params))).rows as R[] }),
      exec: async (sql: string) => void (await client.query(sql)),
    };
    const result = await work(tx, opened);
    await client.query('COMMIT');
    return result;
  }

  /** LISTEN on a dedicated connection, re-established with backoff whenever it drops. */
  async listen(channel: string, onNotify: () => void): Promise<() => Promise<void>> {
    const listener = new PgListener(this.config, channel, onNotify);
    await listener.start();
    return () => listener.stop();
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
