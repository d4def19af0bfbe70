import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnApp, SpawnedApp, START_TIMEOUT_MS } from '@switchboard/testing';
import { checkTenancy } from './tenancy.scenario';

describe('two organizations, embedded mode', () => {
  let dir: string;
  let app: SpawnedApp;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sb-tenancy-'));
    app = await spawnApp('switchboard', { DATA_DIR: dir, RATE_LIMITS: 'off' }, { timeoutMs: 120_000 });
  }, START_TIMEOUT_MS + 60_000);
  afterAll(async () => {
    await app?.stop('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it("no Configuration API method or account endpoint reads or changes another organization's agents, groups, bots, rules, properties or applications", async () => {
    await checkTenancy({ configuration: app.url, agent: [app.url] }, readFileSync(join(dir, 'admin-token'), 'utf8').trim(), 'Tenancy');
  }, 240_000);
});
