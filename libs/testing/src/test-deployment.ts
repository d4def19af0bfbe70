import { connect } from 'nats';
import { createTestDatabase, TEST_NATS_URL, TestDatabase, uniqueToken } from './services';
import { spawnApp, SpawnedApp } from './spawn-app';

/**
 * A distributed Switchboard for one suite: its own database, JetStream stream,
 * subject prefix and admin token on the shared servers, and the apps it
 * spawns. `destroy()` removes all of it.
 */
export class TestDeployment {
  readonly apps: SpawnedApp[] = [];
  readonly adminToken: string;
  private readonly streamName: string;

  private constructor(
    private readonly database: TestDatabase,
    readonly env: Record<string, string>,
  ) {
    this.adminToken = env.ADMIN_TOKEN;
    this.streamName = env.EVENTS_STREAM;
  }

  /** `name` labels the stream (`NAME_<token>`); `env` adds or overrides settings of every app. */
  static async create(name: string, env: Record<string, string> = {}): Promise<TestDeployment> {
    const token = uniqueToken();
    const database = await createTestDatabase();
    return new TestDeployment(database, {
      DATABASE_URL: database.url,
      NATS_URL: TEST_NATS_URL,
      EVENTS_STREAM: `${name.toUpperCase()}_${token}`,
      EVENTS_SUBJECT_PREFIX: `${name.toLowerCase()}${token}`,
      ADMIN_TOKEN: `admin-${token}`,
      DATABASE_POOL_SIZE: '4',
      ...env,
    });
  }

  get databaseUrl(): string {
    return this.database.url;
  }

  /** Spawns `app` (labelled `app#n`) with the deployment's settings plus `env`. */
  async start(app: string, env: Record<string, string> = {}): Promise<SpawnedApp> {
    const label = `${app}#${this.apps.length}`;
    const spawned = await spawnApp(app, { ...this.env, ...env }, { label, timeoutMs: 120_000 });
    this.apps.push(spawned);
    return spawned;
  }

  /** Spawns several apps at once. */
  startAll(apps: readonly string[], env: Record<string, string> = {}): Promise<SpawnedApp[]> {
    return Promise.all(apps.map((app) => this.start(app, env)));
  }

  /** URLs of the running replicas of `app`, in start order. */
  urls(app: string): string[] {
    return this.apps.filter((a) => a.name.startsWith(`${app}#`)).map((a) => a.url);
  }

  url(app: string): string {
    const [url] = this.urls(app);
    if (!url) throw new Error(`${app} is not running`);
    return url;
  }

  /** Kills every app, deletes the stream and drops the database. */
  async destroy(): Promise<void> {
    await Promise.all(this.apps.map((app) => app.stop('SIGKILL')));
    const nc = await connect({ servers: TEST_NATS_URL });
    await (await nc.jetstreamManager()).streams.delete(this.streamName).catch(() => undefined);
    await nc.close();
    await this.database.drop();
  }
}
