import { PGlite } from '@electric-sql/pglite';
import { PglitePreparedStatements } from './pglite-prepared';
import { SqlDatabase, SqlExecutor } from './sql-database';

export interface PgliteOpenOptions {
  /**
   * A gzip tarball of a data folder (from `dumpDataDir`) that a new `dataDir`
   * starts from instead of running initdb (seconds faster). PGlite refuses it
   * for a `dataDir` that already holds a database.
   */
  snapshot?: Uint8Array;
}

/**
 * Embedded PostgreSQL (PGlite). `dataDir` undefined = in memory.
 * PGlite is a single session: its own queue serializes queries and transactions.
 */
export class PgliteDatabase implements SqlDatabase {
  private readonly prepared: PglitePreparedStatements;

  private constructor(private readonly db: PGlite) {
    this.prepared = new PglitePreparedStatements(db);
  }

  static async open(dataDir?: string, options: PgliteOpenOptions = {}): Promise<PgliteDatabase> {
    const db = await PGlite.create({
      dataDir,
      // relaxedDurability: the embedded mode survives restarts, not power loss (see README).
      relaxedDurability: true,
      // The type tells PGlite to gunzip it rather than first try it as a plain tar.
      ...(options.snapshot && { loadDataDir: new Blob([options.snapshot], { type: 'application/gzip' }) }),
    });
    return new PgliteDatabase(db);
  }

  async query<R>(sql: string, params?: unknown[]): Promise<{ rows: R[] }> {
    const result = await this.db.query<R>(sql, params);
    return { rows: result.rows };
  }

  async exec(sql: string): Promise<void> {
    await this.db.exec(sql);
  }

  async transaction<T>(work: (tx: SqlExecutor, opened: Record<string, unknown>[]) => Promise<T>, opening?: string): Promise<T> {
    return this.db.transaction(async (tx) => {
      const executor: SqlExecutor = {
        query: async <R>(sql: string, params?: unknown[]) => this.prepared.query(sql, params, async () => ({ rows: (await tx.query<R>(sql, params)).rows })),
        exec: async (sql: string) => void (await tx.exec(sql)),
      };
      const opened = opening ? (await tx.query<Record<string, unknown>>(opening)).rows : [];
      return work(executor, opened);
    });
  }

  async listen(channel: string, onNotify: () => void): Promise<() => Promise<void>> {
    return this.db.listen(channel, onNotify);
  }

  /**
   * The data folder as a gzip tarball that `open(dir, { snapshot })` can
   * start a new folder from. Checkpoints first, so the tables' files hold
   * every change and a folder made from it needs no WAL replay.
   */
  async dumpDataDir(): Promise<Uint8Array> {
    await this.db.exec('CHECKPOINT');
    const tarball = await this.db.dumpDataDir('gzip');
    return new Uint8Array(await tarball.arrayBuffer());
  }

  async close(): Promise<void> {
    if (!this.db.closed) await this.db.close();
  }
}
