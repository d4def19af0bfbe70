import { EVENT_STORE_MIGRATIONS, runMigrations, SqlDatabase } from '@switchboard/event-store';
import { READ_MODEL_MIGRATIONS } from '../schema';
import { StoredFile } from './file-storage';
import { PostgresFileStorage } from './postgres-file-storage';

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
  });
}
