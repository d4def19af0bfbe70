import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnApp, SpawnedApp, START_TIMEOUT_MS } from '@switchboard/testing';
import { checkProperties } from './properties.scenario';

describe('properties, embedded mode', () => {
  let dir: string;
  let app: SpawnedApp;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sb-properties-'));
    app = await spawnApp('switchboard', { DATA_DIR: dir, RATE_LIMITS: 'off' }, { timeoutMs: 120_000 });
  }, START_TIMEOUT_MS + 60_000);
  afterAll(async () => {
    await app?.stop('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('applications register, publish and unregister properties; license and group values are set, listed and deleted; customers read theirs; another organization cannot touch them', async () => {
    const admin = readFileSync(join(dir, 'admin-token'), 'utf8').trim();
    await checkProperties({ configuration: app.url, customer: app.url }, admin, 'PropEmb');
  }, 180_000);
});
