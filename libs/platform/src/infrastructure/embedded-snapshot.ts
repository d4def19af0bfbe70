import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Migration, PgliteDatabase, runMigrations } from '@switchboard/event-store';
import { REPOSITORY_ROOT } from './repository-root';

/**
 * A freshly initialised and fully migrated PGlite data folder, as a gzip
 * tarball plus a manifest, built once by `npm run build` so that a first
 * start copies files instead of running initdb and every migration
 * (docs/adr/0010-fast-first-start.md).
 */
export interface SnapshotManifest {
  /** Hash of what the folder depends on: the snapshot format, PGlite's version, every migration. */
  key: string;
  pglite: string;
  migrations: number[];
  /** Of the tarball: a damaged or half-written one is never loaded. */
  sha256: string;
  bytes: number;
}

/** Bump when the way snapshots are made changes, so older ones are ignored. */
const SNAPSHOT_FORMAT = 1;
const TARBALL = 'pgdata.tar.gz';
const MANIFEST = 'manifest.json';

/** Where the build writes the snapshot and the embedded mode looks for it. */
export const BUNDLED_SNAPSHOT_DIR = join(REPOSITORY_ROOT, 'dist', 'embedded-snapshot');

/** The installed PGlite's version: its data folder format is what the snapshot must match. */
export function pgliteVersion(): string {
  // Its package.json is not in its `exports`, so it is found from the entry point.
  let dir = dirname(require.resolve('@electric-sql/pglite'));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

export function snapshotKey(migrations: readonly Migration[], pglite: string = pgliteVersion()): string {
  const ordered = [...migrations].sort((a, b) => a.id - b.id).map(({ id, name, up }) => [id, name, up]);
  return createHash('sha256').update(JSON.stringify({ format: SNAPSHOT_FORMAT, pglite, migrations: ordered })).digest('hex');
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export type SnapshotLookup = { snapshot: Uint8Array } | { unusable: string };

/**
 * The snapshot in `dir` if it was built for this PGlite and exactly these
 * migrations and is intact; otherwise why not (then the caller initialises
 * from scratch: never a wrong schema).
 */
export function readSnapshot(dir: string, migrations: readonly Migration[]): SnapshotLookup {
  let manifest: SnapshotManifest;
  try {
    manifest = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as SnapshotManifest;
  } catch {
    return { unusable: `no bundled snapshot in ${dir}` };
  }
  if (manifest.key !== snapshotKey(migrations)) {
    return { unusable: `the bundled snapshot is stale (PGlite ${manifest.pglite}, migrations ${manifest.migrations?.join(',')})` };
  }
  let snapshot: Uint8Array;
  try {
    snapshot = readFileSync(join(dir, TARBALL));
  } catch {
    return { unusable: 'the bundled snapshot has no tarball' };
  }
  if (sha256(snapshot) !== manifest.sha256) return { unusable: 'the bundled snapshot is damaged' };
  return { snapshot };
}

/** Writes through a temporary name, so a reader never sees half a file. */
function writeAtomically(file: string, content: string | Uint8Array): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, file);
}

/**
 * Builds the snapshot of `migrations` into `dir` unless an intact one for
 * them is there already. Offline: PGlite initialises in memory.
 */
export async function buildSnapshot(dir: string, migrations: readonly Migration[]): Promise<'built' | 'up to date'> {
  if ('snapshot' in readSnapshot(dir, migrations)) return 'up to date';
  const db = await PgliteDatabase.open();
  let tarball: Uint8Array;
  try {
    await runMigrations(db, migrations);
    tarball = await db.dumpDataDir();
  } finally {
    await db.close();
  }
  mkdirSync(dir, { recursive: true });
  // Tarball first, manifest last: a build cut in between leaves a manifest that does not match.
  writeAtomically(join(dir, TARBALL), tarball);
  const manifest: SnapshotManifest = {
    key: snapshotKey(migrations),
    pglite: pgliteVersion(),
    migrations: migrations.map((m) => m.id).sort((a, b) => a - b),
    sha256: sha256(tarball),
    bytes: tarball.length,
  };
  writeAtomically(join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return 'built';
}
