import { createTestDatabase, describeWithPostgres, TestDatabase } from '@switchboard/testing';
import { describeEventStoreContract } from './event-store.contract';
import { PostgresEventStore } from './postgres-event-store';
import { PgDatabase } from './sql/pg-database';

describeWithPostgres('event store', () => {
  let database: TestDatabase;
  describeEventStoreContract(
    'PostgreSQL 15',
    async () => {
      database = await createTestDatabase();
      const db = new PgDatabase(database.url);
      const store = new PostgresEventStore(db);
      await store.migrate();
      return { db, store };
    },
    async ({ db }) => {
      await db.close();
      await database.drop();
    },
  );
});
