import { createTestDatabase, describeWithPostgres, TestDatabase } from '@switchboard/testing';
import { describeEventStoreContract, EventStoreHarness } from './event-store.contract';
import { describeGroupCommitContract } from './group-commit.contract';
import { PostgresEventStore } from './postgres-event-store';
import { PgDatabase } from './sql/pg-database';

describeWithPostgres('event store', () => {
  const databases = new Map<EventStoreHarness, TestDatabase>();
  const open = async (): Promise<EventStoreHarness> => {
    const database = await createTestDatabase();
    const db = new PgDatabase(database.url);
    const store = new PostgresEventStore(db);
    await store.migrate();
    const harness = { db, store };
    databases.set(harness, database);
    return harness;
  };
  const close = async (harness: EventStoreHarness): Promise<void> => {
    await harness.db.close();
    await databases.get(harness)?.drop();
  };
  describeEventStoreContract('PostgreSQL 15', open, close);
  describeGroupCommitContract('PostgreSQL 15', open, close, { canTerminateConnections: true });
});
