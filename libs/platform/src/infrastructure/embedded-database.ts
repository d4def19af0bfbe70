import { LoggerService } from '@nestjs/common';
import { existsSync, mkdirSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { Migration, PgliteDatabase } from '@switchboard/event-store';
import { BUNDLED_SNAPSHOT_DIR, readSnapshot } from './embedded-snapshot';
import { SCHEMA_MIGRATIONS } from './schema-migrations';

/** How the embedded database came to be: opened as it was, or created from the snapshot or by initdb. */
export type EmbeddedDatabaseOrigin = 'existing' | 'snapshot' | 'initdb';

export interface EmbeddedDatabaseOptions {
  /** Where the bundled snapshot is (default: the one `npm run build` wrote into dist/). */
  snapshotDir?: string;
  /** The migrations a usable snapshot must have been built from (default: all of them). */
  migrations?: readonly Migration[];
}

const HOW: Record<EmbeddedDatabaseOrigin, string> = {
  existing: 'existing data',
  snapshot: 'created from the bundled snapshot',
  initdb: 'created by initdb',
};

/** `./data` when under the working directory, else the absolute path: what a user would type. */
export function displayPath(dir: string): string {
  const inside = relative(process.cwd(), dir);
  return inside && !inside.startsWith('..') && !isAbsolute(inside) ? `./${inside}` : dir;
}

/**
 * Opens PGlite in `dataDir`, saying what it does: a folder holding a
 * database is opened as it is; a new one starts from the bundled snapshot
 * when that matches this PGlite and these migrations, and otherwise from
 * initdb (seconds slower, same result).
 */
export async function openEmbeddedDatabase(
  dataDir: string,
  logger: LoggerService,
  options: EmbeddedDatabaseOptions = {},
): Promise<{ db: PgliteDatabase; origin: EmbeddedDatabaseOrigin }> {
  const dir = resolve(dataDir);
  const shown = displayPath(dir);
  const started = performance.now();
  const ready = (origin: EmbeddedDatabaseOrigin) =>
    logger.log(`database ready in ${Math.round(performance.now() - started)} ms (${HOW[origin]})`);
  mkdirSync(dir, { recursive: true });
  // PGlite's own test of whether a folder holds a database.
  if (existsSync(join(dir, 'PG_VERSION'))) {
    logger.log(`opening the embedded database in ${shown}`);
    const db = await PgliteDatabase.open(dir);
    ready('existing');
    return { db, origin: 'existing' };
  }
  const found = readSnapshot(options.snapshotDir ?? BUNDLED_SNAPSHOT_DIR, options.migrations ?? SCHEMA_MIGRATIONS);
  if ('snapshot' in found) {
    logger.log(`preparing the embedded database in ${shown} (first start) from the bundled snapshot…`);
    const db = await PgliteDatabase.open(dir, { snapshot: found.snapshot });
    ready('snapshot');
    return { db, origin: 'snapshot' };
  }
  logger.log(`preparing the embedded database in ${shown} (first start): ${found.unusable}, so initialising it from scratch (a few seconds)…`);
  const db = await PgliteDatabase.open(dir);
  ready('initdb');
  return { db, origin: 'initdb' };
}
