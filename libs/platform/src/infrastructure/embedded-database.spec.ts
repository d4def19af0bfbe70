import { LoggerService } from '@nestjs/common';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadServerSecrets } from '@switchboard/auth';
import { PostgresEventStore, runMigrations, SqlDatabase } from '@switchboard/event-store';
import { openEmbeddedDatabase } from './embedded-database';
import { buildSnapshot, readSnapshot, snapshotKey } from './embedded-snapshot';
import { SCHEMA_MIGRATIONS } from './schema-migrations';

/** Collects what the opener prints. */
function recorder(): LoggerService & { lines: string[] } {
  const lines: string[] = [];
  return { lines, log: (m: string) => lines.push(m), warn: (m: string) => lines.push(m), error: (m: string) => lines.push(m) };
}

const appliedMigrations = async (db: SqlDatabase) =>
  (await db.query<{ id: number }>('SELECT id FROM schema_migrations ORDER BY id')).rows.map((r) => r.id);

describe('the embedded database on a first start and after', () => {
  let root: string;
  /** A snapshot of today's schema, and one built before the latest migration existed. */
  let current: string;
  let stale: string;
  const folder = () => mkdtempSync(join(root, 'data-'));

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'sb-snapshot-'));
    current = join(root, 'current');
    stale = join(root, 'stale');
    expect(await buildSnapshot(current, SCHEMA_MIGRATIONS)).toBe('built');
    expect(await buildSnapshot(stale, SCHEMA_MIGRATIONS.slice(0, -1))).toBe('built');
  }, 120_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('starts a new data folder from the snapshot, says so, and it holds the whole schema and works', async () => {
    const logger = recorder();
    const { db, origin } = await openEmbeddedDatabase(folder(), logger, { snapshotDir: current });
    try {
      expect(origin).toBe('snapshot');
      expect(logger.lines[0]).toMatch(/^preparing the embedded database in .+ \(first start\) from the bundled snapshot/);
      expect(logger.lines[1]).toMatch(/^database ready in \d+ ms \(created from the bundled snapshot\)$/);
      expect(await runMigrations(db, SCHEMA_MIGRATIONS)).toEqual([]);
      expect(await appliedMigrations(db)).toEqual(SCHEMA_MIGRATIONS.map((m) => m.id).sort((a, b) => a - b));
      const store = new PostgresEventStore(db);
      await store.append('chat-FIRST', [{ type: 'kept', data: { n: 1 } }], { organizationId: 'o' });
      expect((await store.readStream('chat-FIRST', { organizationId: 'o' })).events.map((e) => e.data)).toEqual([{ n: 1 }]);
    } finally {
      await db.close();
    }
  }, 60_000);

  it('gives every installation made from the snapshot secrets of its own', async () => {
    const secrets = [];
    for (let i = 0; i < 2; i++) {
      const { db } = await openEmbeddedDatabase(folder(), recorder(), { snapshotDir: current });
      secrets.push(await loadServerSecrets(db, {}));
      await db.close();
    }
    expect(secrets[0].adminToken).not.toBe(secrets[1].adminToken);
    expect(secrets[0].tokenKey.equals(secrets[1].tokenKey)).toBe(false);
  }, 60_000);

  it('opens a folder that holds a database as it is, with its data, and never loads the snapshot over it', async () => {
    const dir = folder();
    const first = await openEmbeddedDatabase(dir, recorder(), { snapshotDir: current });
    await new PostgresEventStore(first.db).append('chat-KEPT', [{ type: 'kept', data: { n: 2 } }], { organizationId: 'o' });
    await first.db.close();

    const logger = recorder();
    const again = await openEmbeddedDatabase(dir, logger, { snapshotDir: current });
    try {
      expect(again.origin).toBe('existing');
      expect(logger.lines[0]).toMatch(/^opening the embedded database in /);
      expect(logger.lines[1]).toMatch(/\(existing data\)$/);
      const read = await new PostgresEventStore(again.db).readStream('chat-KEPT', { organizationId: 'o' });
      expect(read.events.map((e) => e.data)).toEqual([{ n: 2 }]);
    } finally {
      await again.db.close();
    }
  }, 60_000);

  it('ignores a snapshot built for other migrations: the folder is initialised from scratch and fully migrated', async () => {
    const logger = recorder();
    const { db, origin } = await openEmbeddedDatabase(folder(), logger, { snapshotDir: stale });
    try {
      expect(origin).toBe('initdb');
      expect(logger.lines[0]).toMatch(/\(first start\): the bundled snapshot is stale .*initialising it from scratch/);
      expect(await runMigrations(db, SCHEMA_MIGRATIONS)).toEqual(SCHEMA_MIGRATIONS.map((m) => m.id).sort((a, b) => a - b));
    } finally {
      await db.close();
    }
  }, 60_000);

  it('never loads a snapshot of another PGlite version, a damaged one, or none', () => {
    expect('snapshot' in readSnapshot(current, SCHEMA_MIGRATIONS)).toBe(true);

    const otherVersion = join(root, 'other-version');
    cpSync(current, otherVersion, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(otherVersion, 'manifest.json'), 'utf8'));
    writeFileSync(join(otherVersion, 'manifest.json'), JSON.stringify({ ...manifest, key: snapshotKey(SCHEMA_MIGRATIONS, '0.2.0') }));
    expect(readSnapshot(otherVersion, SCHEMA_MIGRATIONS)).toEqual({ unusable: expect.stringContaining('stale') });

    const damaged = join(root, 'damaged');
    cpSync(current, damaged, { recursive: true });
    const tarball = readFileSync(join(damaged, 'pgdata.tar.gz'));
    writeFileSync(join(damaged, 'pgdata.tar.gz'), tarball.subarray(0, tarball.length - 1000));
    expect(readSnapshot(damaged, SCHEMA_MIGRATIONS)).toEqual({ unusable: 'the bundled snapshot is damaged' });

    expect(readSnapshot(join(root, 'nowhere'), SCHEMA_MIGRATIONS)).toEqual({ unusable: expect.stringContaining('no bundled snapshot') });
  });

  it('is rebuilt by the build only when it does not match the migrations', async () => {
    expect(await buildSnapshot(current, SCHEMA_MIGRATIONS)).toBe('up to date');
    expect(await buildSnapshot(stale, SCHEMA_MIGRATIONS)).toBe('built');
    expect('snapshot' in readSnapshot(stale, SCHEMA_MIGRATIONS)).toBe(true);
  }, 60_000);
});
