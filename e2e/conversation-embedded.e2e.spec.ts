import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnApp, SpawnedApp, START_TIMEOUT_MS } from '@switchboard/testing';
import { checkConversationKept, holdConversation, Urls } from './conversation.scenario';

describe('first conversation, embedded mode (one process, PGlite, in-process bus)', () => {
  let dir: string;
  let app: SpawnedApp | undefined;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sb-conversation-'));
  });
  afterAll(async () => {
    await app?.stop('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('holds a whole conversation over Web and RTM, and keeps it across a restart', async () => {
    app = await spawnApp('switchboard', { DATA_DIR: dir });
    const adminToken = readFileSync(join(dir, 'admin-token'), 'utf8').trim();
    const urls = (url: string): Urls => ({ configuration: url, customer: url, agent: [url] });
    const conversation = await holdConversation(urls(app.url), adminToken);
    expect(await app.stop('SIGTERM')).toBe(0);

    app = await spawnApp('switchboard', { DATA_DIR: dir });
    await checkConversationKept(urls(app.url), conversation);
    expect(await app.stop('SIGTERM')).toBe(0);
    app = undefined;
  }, 2 * START_TIMEOUT_MS + 60_000);
});
