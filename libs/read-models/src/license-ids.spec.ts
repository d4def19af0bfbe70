import { legacyLicenseId } from '@switchboard/configuration/domain';
import { EVENT_STORE_MIGRATIONS, PgliteDatabase, runMigrations } from '@switchboard/event-store';
import { READ_MODEL_MIGRATIONS } from './schema';

describe('license ids of organizations created before they existed (migration 103)', () => {
  it('are the ones legacyLicenseId derives, so a rebuild from the log gives the same', async () => {
    const db = await PgliteDatabase.open();
    try {
      const before = [...EVENT_STORE_MIGRATIONS, ...READ_MODEL_MIGRATIONS.filter((m) => m.id < 103)];
      await runMigrations(db, before);
      const ids = ['0a1b2c3d-0000-4000-8000-000000000000', 'ffffffff-ffff-4fff-bfff-ffffffffffff', '7d3e0c2a-9b1f-4c6e-8a2d-5f4b3c2d1e0f'];
      for (const id of ids) await db.query('INSERT INTO organizations (organization_id, name, owner_id) VALUES ($1, $2, $3)', [id, 'Old', 'o@x.y']);
      await runMigrations(db, [...EVENT_STORE_MIGRATIONS, ...READ_MODEL_MIGRATIONS]);
      const { rows } = await db.query<{ organization_id: string; license_id: string }>('SELECT organization_id, license_id::text FROM organizations');
      expect(new Map(rows.map((r) => [r.organization_id, Number(r.license_id)]))).toEqual(new Map(ids.map((id) => [id, legacyLicenseId(id)])));
    } finally {
      await db.close();
    }
  });
});
