import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';
import { spawnApp, SpawnedApp, START_TIMEOUT_MS } from './spawn-app';

/** A running embedded Switchboard, as the tests of one `describe` see it. */
export interface EmbeddedSwitchboard {
  /** Its base URL: every API is there. */
  readonly url: string;
  /** The operator token it wrote into its data folder. */
  readonly adminToken: string;
  readonly app: SpawnedApp;
  /**
   * Stops it gracefully (SIGTERM) and starts it again on the same port and
   * data folder — the same URL — once `whileDown` (if any) has run.
   * Only for a `restartable` one.
   */
  restart(whileDown?: () => Promise<void>): Promise<void>;
}

export interface EmbeddedOptions {
  /** Listens on a port chosen up front, so that `restart()` keeps its URL. */
  restartable?: boolean;
}

/**
 * One embedded Switchboard (one process, PGlite in a temporary folder) for
 * the tests of the calling `describe`: started before them (rate limits off
 * unless `env` says otherwise), killed and its folder removed after them.
 */
export function useEmbeddedSwitchboard(name: string, env: Record<string, string> = {}, options: EmbeddedOptions = {}): EmbeddedSwitchboard {
  let dir: string | undefined;
  let app: SpawnedApp | undefined;
  let processEnv: Record<string, string>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), `sb-${name}-`));
    processEnv = { DATA_DIR: dir, RATE_LIMITS: 'off', ...(options.restartable ? { PORT: String(await freePort()) } : {}), ...env };
    app = await spawnApp('switchboard', processEnv, { timeoutMs: START_TIMEOUT_MS });
  }, START_TIMEOUT_MS + 60_000);
  afterAll(async () => {
    await app?.stop('SIGKILL');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  const running = (): SpawnedApp => {
    if (!app) throw new Error('The embedded Switchboard is not running (read it inside a test)');
    return app;
  };
  return {
    get url() {
      return running().url;
    },
    get adminToken() {
      running();
      return readFileSync(join(dir!, 'admin-token'), 'utf8').trim();
    },
    get app() {
      return running();
    },
    async restart(whileDown) {
      if (!options.restartable) throw new Error('Only a restartable embedded Switchboard restarts (options.restartable)');
      const url = running().url;
      expect(await running().stop('SIGTERM')).toBe(0);
      app = undefined;
      await whileDown?.();
      app = await spawnApp('switchboard', processEnv, { timeoutMs: START_TIMEOUT_MS });
      expect(app.url).toBe(url);
    },
  };
}
