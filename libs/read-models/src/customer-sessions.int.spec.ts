import { EVENT_STORE_MIGRATIONS, PgDatabase, PgliteDatabase, runMigrations, SqlDatabase } from '@switchboard/event-store';
import { createTestDatabase, describeWithPostgres, TestDatabase } from '@switchboard/testing';
import { CustomerSessions } from './customer-sessions';
import { READ_MODEL_MIGRATIONS } from './schema';

const ORG = 'org-1';

/** Customer presence across replicas, on either database (the SQL must run on PostgreSQL 15 and PGlite alike). */
function presenceSuite(open: () => Promise<{ db: SqlDatabase; close: () => Promise<void> }>) {
  let db: SqlDatabase;
  let close: () => Promise<void>;

  beforeEach(async () => {
    ({ db, close } = await open());
    await runMigrations(db, [...EVENT_STORE_MIGRATIONS, ...READ_MODEL_MIGRATIONS]);
  });
  afterEach(() => close());

  it('keeps a customer present across tabs on two replicas and through a reload, and lets them go once every tab is gone', async () => {
    const a = new CustomerSessions(db, 'replica-a');
    const b = new CustomerSessions(db, 'replica-b');
    expect(await a.present(ORG, 'cate', 5, 45)).toBe(false);
    await a.open(ORG, 'cate', 'tab-1', 'v1', { isMobile: true, application: { name: 'Widget' } });
    await b.open(ORG, 'cate', 'tab-2', 'v1', {});
    expect(await b.present(ORG, 'cate', 5, 45)).toBe(true);
    expect(await b.visitOf('tab-2')).toBe('v1');

    // One tab closes: the other keeps the customer here, even once the grace period is over.
    await a.close('tab-1');
    expect(await a.sweep(0, 45)).toEqual([]);
    // The last tab closes: present during the grace period (a reload), gone after it.
    await b.close('tab-2');
    expect(await a.present(ORG, 'cate', 5, 45)).toBe(true);
    expect(await a.sweep(5, 45)).toEqual([]);
    expect(await a.present(ORG, 'cate', 0, 45)).toBe(false);
    expect(await a.sweep(0, 45)).toEqual([{ organizationId: ORG, customerId: 'cate', visitId: 'v1' }]);
    expect(await a.sweep(0, 45)).toEqual([]);
  });

  it('takes the customers of a replica that stopped beating for gone, and closes the sessions a replica no longer holds', async () => {
    const dead = new CustomerSessions(db, 'replica-dead');
    const alive = new CustomerSessions(db, 'replica-alive');
    await dead.open(ORG, 'dan', 'c1', 'v-dan', {});
    await dead.open(ORG, 'eve', 'c2', 'v-eve', {});
    await alive.open(ORG, 'eve', 'c3', 'v-eve', {});
    await alive.open(ORG, 'fay', 'c4', 'v-fay', {});
    await db.query(`UPDATE customer_sessions SET heartbeat_at = now() - interval '1 hour', connected_at = now() - interval '1 hour' WHERE instance_id IN ('replica-dead', 'replica-alive')`);

    // The alive replica holds c3 only: c4's close was missed, its row is closed now; its heartbeat is renewed.
    await alive.beat(['c3'], 5);
    expect(await alive.sweep(60, 45)).toEqual([{ organizationId: ORG, customerId: 'dan', visitId: 'v-dan' }]);
    expect(await alive.sweep(0, 45)).toEqual([{ organizationId: ORG, customerId: 'fay', visitId: 'v-fay' }]);
    expect(await alive.present(ORG, 'eve', 0, 45)).toBe(true);
  });

  it('moves the open sessions of a customer to the visit a page view had to start', async () => {
    const sessions = new CustomerSessions(db, 'replica');
    await sessions.open(ORG, 'gus', 'g1', 'old', {});
    await sessions.open(ORG, 'gus', 'g2', 'old', {});
    await sessions.close('g2');
    await sessions.moveToVisit(ORG, 'gus', 'new');
    expect(await sessions.visitOf('g1')).toBe('new');
    expect(await sessions.visitOf('g2')).toBe('old');
  });
}

describe('customer presence on PGlite', () => {
  presenceSuite(async () => {
    const db = await PgliteDatabase.open();
    return { db, close: () => db.close() };
  });
});

describeWithPostgres('customer presence on PostgreSQL', () => {
  presenceSuite(async () => {
    const database: TestDatabase = await createTestDatabase();
    const db = new PgDatabase(database.url);
    return {
      db,
      close: async () => {
        await db.close();
        await database.drop();
      },
    };
  });
});
