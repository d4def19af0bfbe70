import { PGlite } from '@electric-sql/pglite';
import { SqlDatabase, SqlExecutor } from './sql-database';

/**
 * Embedded PostgreSQL (PGlite). `dataDir` undefined = in memory.
 * PGlite is a single session: its own queue serializes queries and transactions.
 */
export class PgliteDatabase implements SqlDatabase {
  private constructor(private readonly db: PGlite) {}

  static async open(dataDir?: string): Promise<PgliteDatabase> {
    // relaxedDurability: the embedded mode survives restarts, not power loss (see README).
    const db = await PGlite.create({ dataDir, relaxedDurability: true });
    return new PgliteDatabase(db);
  }

  async query<R>(sql: string, params?: unknown[]): Promise<{ rows: R[] }> {
    const result = await this.db.query<R>(sql, params);
    return { rows: result.rows };
  }

  async exec(sql: string): Promise<void> {
    await this.db.exec(sql);
  }

  async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) =>
      work({
        query: async <R>(sql: string, params?: unknown[]) => ({ rows: (await tx.query<R>(sql, params)).rows }),
        exec: async (sql: string) => void (await tx.exec(sql)),
      }),
    );
  }

  async listen(channel: string, onNotify: () => void): Promise<() => Promise<void>> {
    return this.db.listen(channel, onNotify);
  }

  async close(): Promise<void> {
    if (!this.db.closed) await this.db.close();
  }
}
