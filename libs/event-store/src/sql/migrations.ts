import { SqlDatabase, SqlExecutor } from './sql-database';

/** One schema change. Never edit a released migration: add a new one. */
export interface Migration {
  id: number;
  name: string;
  up: string;
}

/** Session-independent key of the advisory lock that serializes migrations across replicas. */
const MIGRATION_LOCK_KEY = 4_711_2026;

/**
 * Applies the migrations not applied yet, in id order, in one transaction
 * holding an advisory lock: replicas starting together wait for each other,
 * and the later ones find nothing left to do.
 */
export async function runMigrations(db: SqlDatabase, migrations: readonly Migration[]): Promise<number[]> {
  const ordered = [...migrations].sort((a, b) => a.id - b.id);
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      id integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const applied = new Set((await tx.query<{ id: number }>('SELECT id FROM schema_migrations')).rows.map((r) => r.id));
    const done: number[] = [];
    for (const migration of ordered) {
      if (applied.has(migration.id)) continue;
      await applyMigration(tx, migration);
      done.push(migration.id);
    }
    return done;
  });
}

async function applyMigration(tx: SqlExecutor, migration: Migration): Promise<void> {
  await tx.exec(migration.up);
  await tx.query('INSERT INTO schema_migrations (id, name) VALUES ($1, $2)', [migration.id, migration.name]);
}
