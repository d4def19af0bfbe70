import { PgDatabase } from '@switchboard/event-store';
import { createTestDatabase, describeWithPostgres, TestDatabase } from '@switchboard/testing';
import { describeRobustQueries } from './queries.contract';

describeWithPostgres('read-model queries', () => {
  let database: TestDatabase;
  describeRobustQueries('PostgreSQL 15', async () => {
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
