import { AddressInfo, createServer, Server, Socket } from 'node:net';
import { createTestDatabase, describeWithPostgres, TcpForwarder, TestDatabase, waitFor } from '@switchboard/testing';
import { isDatabaseConnectionError } from '../connection-errors';
import { PgDatabase } from './pg-database';

/** A server that accepts connections and never says a word: a PostgreSQL behind a dead network. */
async function startSilentServer(): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describeWithPostgres('PgDatabase across a connection loss', () => {
  let database: TestDatabase;
  let forwarder: TcpForwarder;
  let db: PgDatabase;
  let direct: PgDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
    direct = new PgDatabase(database.url);
  });
  beforeEach(async () => {
    forwarder = await TcpForwarder.forUrl(database.url, 5432);
    db = new PgDatabase({ connectionString: forwarder.rewrite(database.url), max: 4 });
  });
  afterEach(async () => {
    await forwarder.close();
    await db.close().catch(() => undefined);
  });
  afterAll(async () => {
    await direct?.close();
    await database?.drop();
  });

  it('fails a transaction whose connection is cut, as a connection error, without crashing, and works again after the cut', async () => {
    const inFlight = db.transaction(async (tx) => {
      await tx.query('SELECT pg_sleep(5)');
      return 'committed';
    });
    await waitFor(() => forwarder.openConnections === 1);
    // Cut mid-statement (not during the connection's start-up): the server is running the sleep.
    const sleeping = `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query = 'SELECT pg_sleep(5)' AND state = 'active'`;
    await waitFor(async () => (await direct.query<{ n: number }>(sleeping)).rows[0].n === 1);
    // Long enough that the checks "during the cut" below still fall inside it on a loaded machine.
    const cut = forwarder.cut(4000);
    const error = await inFlight.catch((e: unknown) => e);
    // The error itself when it is not one (so a failure says what came instead).
    expect(isDatabaseConnectionError(error) || error).toBe(true);

    // During the cut: a quick connection error, not a hang.
    const during = await db.transaction((tx) => tx.query('SELECT 1')).catch((e: unknown) => e);
    expect(isDatabaseConnectionError(during)).toBe(true);
    expect(isDatabaseConnectionError(await db.query('SELECT 1').catch((e: unknown) => e))).toBe(true);

    await cut;
    await expect(db.transaction(async (tx) => (await tx.query<{ n: number }>('SELECT 2 AS n')).rows[0].n)).resolves.toBe(2);
    await expect(db.query<{ n: number }>('SELECT 3 AS n')).resolves.toEqual({ rows: [{ n: 3 }] });
  }, 30_000);

  it('destroys every pooled connection that broke, so the next requests get fresh ones', async () => {
    await Promise.all([1, 2, 3].map(() => db.transaction((tx) => tx.query('SELECT pg_sleep(0.2)'))));
    await forwarder.cut(300);
    const results = await Promise.allSettled([1, 2, 3, 4, 5, 6].map(() => db.transaction((tx) => tx.query('SELECT 1'))));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
  }, 30_000);

  it('gives up connecting after connectionTimeoutMillis when the server does not answer', async () => {
    const silent = await startSilentServer();
    const stuck = new PgDatabase({ connectionString: `postgres://postgres@127.0.0.1:${silent.port}/x`, connectionTimeoutMillis: 300 });
    try {
      const started = Date.now();
      const error = await stuck.transaction((tx) => tx.query('SELECT 1')).catch((e: unknown) => e);
      expect(isDatabaseConnectionError(error)).toBe(true);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(isDatabaseConnectionError(await stuck.query('SELECT 1').catch((e: unknown) => e))).toBe(true);
    } finally {
      await stuck.close().catch(() => undefined);
      await silent.close();
    }
  }, 30_000);

  it('gets LISTEN back after an outage of several seconds, and calls onNotify on reconnect in case one was missed', async () => {
    let notified = 0;
    const stop = await db.listen('blip_test', () => notified++);
    try {
      notified = 0;
      await direct.query(`NOTIFY blip_test`);
      await waitFor(() => notified >= 1);

      await forwarder.cut(3000);
      notified = 0;
      // The reconnect itself tells the listener to look (a NOTIFY may have been lost meanwhile).
      await waitFor(() => notified >= 1, 15_000);
      await waitFor(() => forwarder.openConnections >= 1, 15_000);
      notified = 0;
      await direct.query(`NOTIFY blip_test`);
      await waitFor(() => notified >= 1, 5_000);
    } finally {
      await stop();
    }
  }, 30_000);

  it('stops reconnecting once stopped', async () => {
    const stop = await db.listen('blip_stop', () => undefined);
    await waitFor(() => forwarder.openConnections === 1);
    await stop();
    await waitFor(() => forwarder.openConnections === 0);
    const accepted = forwarder.accepted;
    await forwarder.cut(200);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(forwarder.accepted).toBe(accepted);
  });
});
