import { PgDatabase } from '@switchboard/event-store';
import { createTestDatabase, describeWithPostgres } from '@switchboard/testing';
import { describeFileStorage } from './file-storage.contract';

describeWithPostgres('files', () => {
  describeFileStorage('PostgreSQL 15', async () => {
    const database = await createTestDatabase();
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
