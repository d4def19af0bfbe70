import { Client, Pool, PoolConfig } from 'pg';
import { SqlDatabase, SqlExecutor } from './sql-database';

/** PostgreSQL through a `pg` connection pool. */
export class PgDatabase implements SqlDatabase {
  private readonly pool: Pool;
  private readonly config: PoolConfig;

  constructor(config: string | PoolConfig) {
    this.config = typeof config === 'string' ? { connectionString: config } : config;
    this.pool = new Pool(this.config);
    // An idle client losing its server must not crash the process; the pool replaces it.
    this.pool.on('error', () => undefined);
  }

  async query<R>(sql: string, params?: unknown[]): Promise<{ rows: R[] }> {
    const result = await this.pool.query(sql, params as unknown[]);
    return { rows: result.rows as R[] };
  }

  async exec(sql: string): Promise<void> {
    await this.pool.query(sql);
  }

  async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const tx: SqlExecutor = {
        query: async <R>(sql: string, params?: unknown[]) => ({ rows: (await client.query(sql, params)).rows as R[] }),
        exec: async (sql: string) => void (await client.query(sql)),
      };
      const result = await work(tx);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** LISTEN on a dedicated connection, re-established (after a second) when it drops. */
  async listen(channel: string, onNotify: () => void): Promise<() => Promise<void>> {
    let client: Client | undefined;
    let stopped = false;
    const connect = async (): Promise<void> => {
      const next = new Client(this.config);
      next.on('notification', (message) => message.channel === channel && onNotify());
      next.on('error', () => {
        next.end().catch(() => undefined);
        if (!stopped) setTimeout(() => void connect().catch(() => undefined), 1000).unref();
      });
      await next.connect();
      await next.query(`LISTEN "${channel.replace(/"/g, '""')}"`);
      client = next;
      // A notification may have been missed while reconnecting.
      onNotify();
    };
    await connect();
    return async () => {
      stopped = true;
      await client?.end().catch(() => undefined);
    };
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
