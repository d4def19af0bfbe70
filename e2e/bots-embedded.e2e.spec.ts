import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnApp, SpawnedApp, START_TIMEOUT_MS } from '@switchboard/testing';
import { checkBots } from './bots.scenario';

describe('bots, embedded mode', () => {
  let dir: string;
  let app: SpawnedApp;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sb-bots-'));
    app = await spawnApp('switchboard', { DATA_DIR: dir, RATE_LIMITS: 'off' }, { timeoutMs: 120_000 });
  }, START_TIMEOUT_MS + 60_000);
  afterAll(async () => {
    await app?.stop('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('an application creates, reads, lists, updates and deletes its bots; an agent of it acts as a bot in a chat; nobody else can', async () => {
    const admin = readFileSync(join(dir, 'admin-token'), 'utf8').trim();
    await checkBots({ configuration: app.url, customer: app.url, agent: [app.url] }, admin, 'BotEmb');
  }, 180_000);
});
