import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnApp, SpawnedApp, START_TIMEOUT_MS } from '@switchboard/testing';
import { checkAutoAccess } from './auto-access.scenario';

describe('auto access, embedded mode', () => {
  let dir: string;
  let app: SpawnedApp;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sb-auto-access-'));
    app = await spawnApp('switchboard', { DATA_DIR: dir, RATE_LIMITS: 'off' }, { timeoutMs: 120_000 });
  }, START_TIMEOUT_MS + 60_000);
  afterAll(async () => {
    await app?.stop('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('an integrator adds, lists, updates, reorders and deletes auto access rules; agents hear it; another organization cannot touch them', async () => {
    const admin = readFileSync(join(dir, 'admin-token'), 'utf8').trim();
    await checkAutoAccess({ configuration: app.url, agent: [app.url] }, admin, 'Emb');
  }, 180_000);
});
