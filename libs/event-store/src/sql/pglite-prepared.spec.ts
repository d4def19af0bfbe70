import { PgliteDatabase } from './pglite-database';

/** Named prepared statements on PGlite (ADR 0041): hot statements answer exactly as PGlite's own query does. */
describe('PGlite prepared statements', () => {
  let db: PgliteDatabase;

  beforeAll(async () => {
    db = await PgliteDatabase.open();
    await db.exec(`CREATE TABLE things (id text PRIMARY KEY, n integer, tags text[], data jsonb, at timestamptz, note text)`);
  }, 60_000);
  afterAll(() => db?.close());

  const insert = `INSERT INTO things (id, n, tags, data, at, note) VALUES ($1, $2, $3, $4, $5, $6)
    ON CONFLICT (id) DO UPDATE SET n = EXCLUDED.n RETURNING id, n, tags, data, at, note`;
  const prepared = async () => (await db.query<{ name: string }>(`SELECT name FROM pg_prepared_statements ORDER BY name`)).rows.map((r) => r.name);

  it('prepares a statement run often in transactions, and its rows are those of an ordinary query', async () => {
    const rows = [];
    for (let i = 0; i < 5; i++) {
      const params = [`t${i}`, i, ['a', `b ${i}`], JSON.stringify({ i, nested: { ok: true } }), '2026-11-27T10:00:00.123456Z', i % 2 ? null : 'x'];
      rows.push((await db.transaction((tx) => tx.query(insert, params))).rows[0]);
    }
    expect(await prepared()).toHaveLength(1);
    const ordinary = (await db.query(`SELECT id, n, tags, data, at, note FROM things ORDER BY id`)).rows;
    expect(rows).toEqual(ordinary);
    expect(rows[4]).toEqual({ id: 't4', n: 4, tags: ['a', 'b 4'], data: { i: 4, nested: { ok: true } }, at: new Date('2026-11-27T10:00:00.123Z'), note: 'x' });
  });

  it('refuses as PostgreSQL does, with the error’s code and constraint, and the transaction rolls back', async () => {
    const select = `SELECT id FROM things WHERE id = $1`;
    for (let i = 0; i < 3; i++) await db.transaction((tx) => tx.query(select, ['t0']));
    const duplicate = `INSERT INTO things (id) VALUES ($1)`;
    for (let i = 0; i < 3; i++) await db.transaction((tx) => tx.query(duplicate, [`d${i}`]));
    const error = await db.transaction((tx) => tx.query(duplicate, ['t1'])).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: '23505', constraint: 'things_pkey' });
    // The session is fine afterwards, prepared statements too.
    expect((await db.transaction((tx) => tx.query(select, ['t1']))).rows).toEqual([{ id: 't1' }]);
    expect((await prepared()).length).toBeGreaterThanOrEqual(3);
  });

  it('leaves statements run once or twice unprepared', async () => {
    const before = (await prepared()).length;
    await db.transaction((tx) => tx.query(`SELECT count(*)::int AS n FROM things WHERE n > $1`, [1]));
    await db.transaction((tx) => tx.query(`SELECT count(*)::int AS n FROM things WHERE n > $1`, [2]));
    expect(await prepared()).toHaveLength(before);
  });
});

describe('PGlite prepared statements, issued concurrently in one transaction', () => {
  it('answers each statement its own rows when a transaction runs several at once', async () => {
    const db = await PgliteDatabase.open();
    try {
      await db.exec(`CREATE TABLE numbers (n integer PRIMARY KEY)`);
      const insert = `INSERT INTO numbers (n) VALUES ($1) RETURNING n`;
      const answers = await db.transaction((tx) => Promise.all(Array.from({ length: 20 }, (_, i) => tx.query<{ n: number }>(insert, [i]))));
      expect(answers.map((a) => a.rows[0].n)).toEqual(Array.from({ length: 20 }, (_, i) => i));
      expect((await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM pg_prepared_statements`)).rows[0].n).toBe('1');
    } finally {
      await db.close();
    }
  }, 60_000);
});
