import { connect as connectNats } from 'nats';
import { Client } from 'pg';
import { TEST_NATS_URL, TEST_POSTGRES_URL } from './services';

async function probePostgres(): Promise<string | undefined> {
  const client = new Client({ connectionString: TEST_POSTGRES_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return (error as Error).message;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function probeNats(): Promise<string | undefined> {
  try {
    const nc = await connectNats({ servers: TEST_NATS_URL, timeout: 3000, reconnect: false });
    try {
      await nc.jetstreamManager();
      return undefined;
    } finally {
      await nc.close();
    }
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * Probes PostgreSQL and NATS once for the whole run. Suites that need a
 * missing server are skipped — unless SWITCHBOARD_REQUIRE_SERVICES=1 (CI),
 * where a missing server fails the run.
 */
export default async function globalSetup(): Promise<void> {
  const [pg, nats] = await Promise.all([probePostgres(), probeNats()]);
  process.env.SB_POSTGRES_AVAILABLE = pg ? '0' : '1';
  process.env.SB_NATS_AVAILABLE = nats ? '0' : '1';
  const missing = [pg && `PostgreSQL at ${TEST_POSTGRES_URL}: ${pg}`, nats && `NATS at ${TEST_NATS_URL}: ${nats}`].filter(
    Boolean,
  );
  if (missing.length === 0) return;
  if (process.env.SWITCHBOARD_REQUIRE_SERVICES === '1') {
    throw new Error(`SWITCHBOARD_REQUIRE_SERVICES=1 but unreachable: ${missing.join('; ')}`);
  }
  console.warn(`\nSkipping integration suites, unreachable: ${missing.join('; ')}\n`);
}
