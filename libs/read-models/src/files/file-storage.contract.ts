import { EVENT_STORE_MIGRATIONS, runMigrations, SqlDatabase } from '@switchboard/event-store';
import { READ_MODEL_MIGRATIONS } from '../schema';
import { StoredFile } from './file-storage';
import { isExpiredUnused, PostgresFileStorage } from './postgres-file-storage';

function file(organizationId: string, id: string, bytes: Buffer, extra: Partial<StoredFile> = {}): StoredFile {
  return {
    organizationId,
    id,
    name: 'zażółć.bin',
    contentType: 'application/octet-stream',
    size: bytes.length,
    uploadedBy: 'jo@acme.example',
    uploadedAt: '2026-11-27T05:00:00.000Z',
    bytes,
    ...extra,
  };
}

/** The PostgreSQL adapter of {@link FileStorage}, the same on PGlite and PostgreSQL. */
export function describeFileStorage(name: string, open: () => Promise<{ db: SqlDatabase; done: () => Promise<void> }>): void {
  describe(`organization files in the database (${name})`, () => {
    let db: SqlDatabase;
    let done: () => Promise<void>;
    let storage: PostgresFileStorage;

    beforeAll(async () => {
      ({ db, done } = await open());
      await runMigrations(db, [...EVENT_STORE_MIGRATIONS, ...READ_MODEL_MIGRATIONS]);
      storage = new PostgresFileStorage(db);
    }, 60_000);
    afterAll(async () => done?.());

    it('gives back every byte value and the metadata it was given', async () => {
      const bytes = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), Buffer.alloc(100_000, 0xff)]);
      await storage.put(file('org-1', 'f1', bytes));
      const stored = await storage.get('org-1', 'f1');
      expect(Buffer.isBuffer(stored?.bytes)).toBe(true);
      expect(stored?.bytes.equals(bytes)).toBe(true);
      const { bytes: _bytes, ...metadata } = file('org-1', 'f1', bytes);
      expect(await storage.describe('org-1', 'f1')).toEqual(metadata);
    });

    it('keeps an image size in pixels, and an empty file', async () => {
      await storage.put(file('org-1', 'f2', Buffer.from('png'), { contentType: 'image/png', width: 37, height: 21 }));
      expect(await storage.describe('org-1', 'f2')).toMatchObject({ contentType: 'image/png', width: 37, height: 21 });
      await storage.put(file('org-1', 'f3', Buffer.alloc(0)));
      expect((await storage.get('org-1', 'f3'))?.bytes.length).toBe(0);
    });

    it('finds a file only in its own organization', async () => {
      await storage.put(file('org-2', 'mine', Buffer.from('secret')));
      expect(await storage.get('org-1', 'mine')).toBeUndefined();
      expect(await storage.describe('org-1', 'mine')).toBeUndefined();
      expect(await storage.get('org-2', 'nope')).toBeUndefined();
      expect((await storage.get('org-2', 'mine'))?.bytes.toString()).toBe('secret');
    });

    it('never replaces a file under an id already taken', async () => {
      await expect(storage.put(file('org-1', 'f1', Buffer.from('other')))).rejects.toThrow();
      expect((await storage.get('org-1', 'f1'))?.bytes.length).toBe(100_256);
    });

    it('marks files used once, in their organization only, and a used file never expires', async () => {
      await storage.put(file('org-3', 'u1', Buffer.from('a'), { uploadedAt: '2020-01-01T00:00:00.000Z' }));
      await storage.put(file('org-3', 'u2', Buffer.from('b'), { uploadedAt: '2020-01-01T00:00:00.000Z' }));
      expect((await storage.describe('org-3', 'u1'))?.usedAt).toBeUndefined();
      await storage.markUsed('org-1', ['u1']);
      expect((await storage.describe('org-3', 'u1'))?.usedAt).toBeUndefined();
      await storage.markUsed('org-3', ['u1', 'unknown']);
      const used = await storage.describe('org-3', 'u1');
      expect(used?.usedAt).toEqual(expect.any(String));
      await storage.markUsed('org-3', ['u1']);
      expect((await storage.describe('org-3', 'u1'))?.usedAt).toBe(used?.usedAt);
      expect(isExpiredUnused(used!, 1)).toBe(false);
      expect(isExpiredUnused((await storage.describe('org-3', 'u2'))!, 1)).toBe(true);
      expect(isExpiredUnused((await storage.describe('org-3', 'u2'))!, 1, Date.parse('2020-01-01T00:00:00.500Z'))).toBe(false);
    });

    it('sweeps only unused files older than the cutoff, at most the limit per run', async () => {
      const old = '2020-06-01T00:00:00.000Z';
      for (const id of ['s1', 's2', 's3']) await storage.put(file('org-4', id, Buffer.from(id), { uploadedAt: old }));
      await storage.put(file('org-4', 'kept-used', Buffer.from('x'), { uploadedAt: old }));
      await storage.markUsed('org-4', ['kept-used']);
      await storage.put(file('org-4', 'fresh', Buffer.from('y'), { uploadedAt: '2020-06-02T00:00:00.000Z' }));
      const cutoff = new Date('2020-06-01T12:00:00.000Z');
      // Older leftovers of the tests above (2020-01-01, unused) go first; sweep until nothing is left.
      expect(await storage.sweepUnused(cutoff, 2)).toBe(2);
      let total = 2;
      for (let deleted = -1; deleted !== 0; total += deleted) deleted = await storage.sweepUnused(cutoff, 2);
      expect(total).toBe(4); // u2 and s1–s3
      expect(await storage.get('org-4', 's1')).toBeUndefined();
      expect(await storage.describe('org-3', 'u2')).toBeUndefined();
      expect((await storage.get('org-4', 'kept-used'))?.bytes.toString()).toBe('x');
      expect((await storage.get('org-3', 'u1'))?.bytes.toString()).toBe('a');
      expect((await storage.get('org-4', 'fresh'))?.bytes.toString()).toBe('y');
      expect((await storage.get('org-1', 'f1'))?.bytes.length).toBe(100_256);
    });
  });
}
