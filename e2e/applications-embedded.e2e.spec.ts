import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnApp, SpawnedApp, START_TIMEOUT_MS } from '@switchboard/testing';
import { checkApplications, checkPersonalAccessTokens, checkPersonalAccessTokensWithBotsAndProperties } from './applications.scenario';

describe('applications and personal access tokens, embedded mode', () => {
  let dir: string;
  let app: SpawnedApp;
  let admin: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sb-apps-'));
    app = await spawnApp('switchboard', { DATA_DIR: dir, RATE_LIMITS: 'off' }, { timeoutMs: 120_000 });
    admin = readFileSync(join(dir, 'admin-token'), 'utf8').trim();
  }, START_TIMEOUT_MS + 60_000);
  afterAll(async () => {
    await app?.stop('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  const urls = () => ({ configuration: app.url, agent: [app.url], customer: app.url });

  it('an organization registers applications and gets tokens for them; no other organization can use them', async () => {
    await checkApplications(urls(), admin, 'EmbApps');
  }, 120_000);

  it('an agent creates, uses and revokes personal access tokens', async () => {
    await checkPersonalAccessTokens(urls(), admin, 'EmbPat');
  }, 120_000);

  it('a personal access token names the application of bots and properties, and acts as any bot of its organization', async () => {
    await checkPersonalAccessTokensWithBotsAndProperties(urls(), admin, 'EmbPatBots');
  }, 120_000);
});
