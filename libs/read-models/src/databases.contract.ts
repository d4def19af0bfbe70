import { PgDatabase, PgliteDatabase, SqlDatabase } from '@switchboard/event-store';
import { createTestDatabase } from '@switchboard/testing';

/** A database for a contract suite, and how to dispose of it. */
export interface ContractDatabase {
  db: SqlDatabase;
  done: () => Promise<void>;
}

/** A new PostgreSQL 15 database of the test server, dropped when done. */
export async function openTestPostgres(): Promise<ContractDatabase> {
  const database = await createTestDatabase();
  const db = new PgDatabase(database.url);
  return {
    db,
    done: async () => {
      await db.close();
      await database.drop();
    },
  };
}

/** An in-memory PGlite database. */
export async function openTestPglite(): Promise<ContractDatabase> {
  const db = await PgliteDatabase.open();
  return { db, done: () => db.close() };
}
