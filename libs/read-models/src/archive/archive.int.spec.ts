import { PgDatabase } from '@switchboard/event-store';
import { createTestDatabase, describeWithPostgres, TestDatabase } from '@switchboard/testing';
import { describeArchive } from './archive.contract';

describeWithPostgres('archive read model', () => {
  let database: TestDatabase;
  describeArchive('PostgreSQL 15', async () => {
    database = await createTestDatabase();
    const db = new PgDatabase(database.url);
    return {
      db,
      done: async () => {
        await db.close();
        await database.drop();
      },
    };
  });
});
