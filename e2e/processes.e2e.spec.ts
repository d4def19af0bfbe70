import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVENT_STORE_MIGRATIONS, PgDatabase, PgliteDatabase, PostgresEventStore } from '@switchboard/event-store';
import { APP_NAMES } from '@switchboard/platform';
import { READ_MODEL_MIGRATIONS } from '@switchboard/read-models';
import {
  createTestDatabase,
  describeWithPostgresAndNats,
  spawnApp,
  SpawnedApp,
  START_TIMEOUT_MS,
  TEST_NATS_URL,
  TestDatabase,
  uniqueToken,
} from '@switchboard/testing';
import { connect } from 'nats';

async function getJson(url: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url);
  return { status: response.status, body: await response.json() };
}

describeWithPostgresAndNats('distributed mode: every app its own process', () => {
  let database: TestDatabase;
  const apps: SpawnedApp[] = [];
  const token = uniqueToken();
  const stream = `PROCTEST_${token}`;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.stop('SIGKILL')));
    const nc = await connect({ servers: TEST_NATS_URL });
    await (await nc.jetstreamManager()).streams.delete(stream).catch(() => undefined);
    await nc.close();
    await database?.drop();
  });

  it('starts all six apps (two agent-gateway replicas) together on an empty database: each migrates safely, is ready, and stops cleanly', async () => {
    const env = {
      DATABASE_URL: database.url,
      NATS_URL: TEST_NATS_URL,
      EVENTS_STREAM: stream,
      EVENTS_SUBJECT_PREFIX: `proctest${token}`,
      DATABASE_POOL_SIZE: '3',
    };
    const names = [...APP_NAMES, 'agent-gateway'];
    apps.push(...(await Promise.all(names.map((app, i) => spawnApp(app, env, { label: `${app}#${i}` })))));

    for (const app of apps) {
      expect(await getJson(`${app.url}/health`)).toEqual({ status: 200, body: { status: 'ok' } });
      expect(await getJson(`${app.url}/ready`)).toEqual({
        status: 200,
        body: { status: 'ready', checks: { database: 'up', bus: 'up' } },
      });
    }

    const db = new PgDatabase(database.url);
    const { rows } = await db.query<{ id: number; n: string }>(
      'SELECT id, count(*)::text AS n FROM schema_migrations GROUP BY id ORDER BY id',
    );
    await db.close();
    expect(rows).toEqual([...EVENT_STORE_MIGRATIONS, ...READ_MODEL_MIGRATIONS].map((m) => ({ id: m.id, n: '1' })));

    const codes = await Promise.all(apps.map((app) => app.stop('SIGTERM', 20000)));
    expect(codes).toEqual(apps.map(() => 0));
    for (const app of apps) expect(app.output()).toContain('SIGTERM received: shutting down');
  }, 180_000);

  it('refuses to start an app without DATABASE_URL and NATS_URL, saying why', async () => {
    await expect(spawnApp('router', {})).rejects.toThrow(/needs DATABASE_URL and NATS_URL/);
  }, START_TIMEOUT_MS);
});

describe('embedded mode: one process, nothing else to install', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sb-embedded-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves health and readiness on one port with PGlite and the in-process bus, and keeps its data across restarts', async () => {
    const first = await spawnApp('switchboard', { DATA_DIR: dir });
    expect(first.output()).toContain('(embedded mode)');
    expect(first.output()).toContain('(first start) from the bundled snapshot');
    expect(await getJson(`${first.url}/ready`)).toEqual({
      status: 200,
      body: { status: 'ready', checks: { database: 'up', bus: 'up' } },
    });
    expect(await first.stop('SIGTERM')).toBe(0);

    // Written while the process is down, read back after it has run again (and migrated again).
    const offline = await PgliteDatabase.open(dir);
    await new PostgresEventStore(offline).append('chat-KEPT', [{ type: 'kept', data: { n: 1 } }], { organizationId: 'o' });
    await offline.close();

    const second = await spawnApp('switchboard', { DATA_DIR: dir });
    expect(second.output()).toContain('database ready in');
    expect(second.output()).toContain('(existing data)');
    expect((await getJson(`${second.url}/ready`)).status).toBe(200);
    expect(await second.stop('SIGTERM')).toBe(0);

    const reopened = await PgliteDatabase.open(dir);
    const read = await new PostgresEventStore(reopened).readStream('chat-KEPT', { organizationId: 'o' });
    await reopened.close();
    expect(read.events.map((e) => e.data)).toEqual([{ n: 1 }]);
  }, 2 * START_TIMEOUT_MS + 30_000);
});
