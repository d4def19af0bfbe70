import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** PostgreSQL server used by integration tests (trust auth on the build machines). */
export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** NATS server (with JetStream) used by integration tests. */
export const TEST_NATS_URL = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

/** Set by the jest global setup after probing the servers. */
export const postgresAvailable = (): boolean => process.env.SB_POSTGRES_AVAILABLE === '1';
export const natsAvailable = (): boolean => process.env.SB_NATS_AVAILABLE === '1';

/** `describe` when PostgreSQL answered the global setup's probe, `describe.skip` otherwise. */
export const describeWithPostgres = (name: string, fn: () => void): void =>
  (postgresAvailable() ? describe : describe.skip)(`${name} [PostgreSQL]`, fn);

export const describeWithNats = (name: string, fn: () => void): void =>
  (natsAvailable() ? describe : describe.skip)(`${name} [NATS]`, fn);

export const describeWithPostgresAndNats = (name: string, fn: () => void): void =>
  (postgresAvailable() && natsAvailable() ? describe : describe.skip)(`${name} [PostgreSQL+NATS]`, fn);

/** A short random token usable in database names, stream names and subjects. */
export const uniqueToken = (): string => randomBytes(5).toString('hex');

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** Creates an empty database on the test server, so suites never see each other's rows. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `sb_test_${uniqueToken()}`;
  const admin = new Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new Client({ connectionString: TEST_POSTGRES_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
