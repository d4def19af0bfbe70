import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnApp, SpawnedApp, START_TIMEOUT_MS } from '@switchboard/testing';
import { checkGroups } from './groups.scenario';

describe('groups, embedded mode', () => {
  let dir: string;
  let app: SpawnedApp;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sb-groups-'));
    app = await spawnApp('switchboard', { DATA_DIR: dir, RATE_LIMITS: 'off' }, { timeoutMs: 120_000 });
  }, START_TIMEOUT_MS + 60_000);
  afterAll(async () => {
    await app?.stop('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('an integrator creates, reads, lists, updates and deletes groups; agents hear it; another organization cannot touch them', async () => {
    const admin = readFileSync(join(dir, 'admin-token'), 'utf8').trim();
    await checkGroups({ configuration: app.url, agent: [app.url] }, admin, 'Emb');
  }, 120_000);
});
