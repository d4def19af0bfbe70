import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnApp, SpawnedApp, START_TIMEOUT_MS } from '@switchboard/testing';
import { checkInactivity, TEST_MINUTE_MS } from './routing-inactivity.scenario';

describe('inactivity timer, embedded mode (one process, PGlite)', () => {
  let dir: string;
  let app: SpawnedApp | undefined;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sb-inactivity-'));
  });
  afterAll(async () => {
    await app?.stop('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('archives a silent chat with routing.archived_inactive and marks a silent continuous chat idle, seen by both sides', async () => {
    app = await spawnApp('switchboard', { DATA_DIR: dir, ROUTING_MINUTE_MS: String(TEST_MINUTE_MS) });
    const adminToken = readFileSync(join(dir, 'admin-token'), 'utf8').trim();
    await checkInactivity({ configuration: app.url, customer: app.url, agent: app.url }, adminToken);
    expect(await app.stop('SIGTERM')).toBe(0);
    app = undefined;
  }, START_TIMEOUT_MS + 90_000);
});
