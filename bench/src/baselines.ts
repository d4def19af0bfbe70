import { connect } from 'nats';
import { Pool } from 'pg';
import { BENCH_NATS_URL, measureRate, scratchDatabase, token } from './bench-env';

/** Raw JetStream publish-with-ack throughput from `concurrency` publishers on one connection. */
export async function rawJetStreamPublish(seconds: number, concurrency: number): Promise<{ perSecond: number; errors: number }> {
  const nc = await connect({ servers: BENCH_NATS_URL, noAsyncTraces: true });
  const jsm = await nc.jetstreamManager();
  const name = `RAW_${token()}`;
  await jsm.streams.add({ name, subjects: [`${name}.>`] });
  const js = nc.jetstream();
  const payload = new TextEncoder().encode(JSON.stringify({ type: 'message', text: 'benchmark message of a typical size' }));
  try {
    const { perSecond, errors } = await measureRate(concurrency, seconds, async (worker, i) => {
      await js.publish(`${name}.chat.C${worker}`, payload, { msgID: `${worker}-${i}` });
      return 1;
    });
    return { perSecond, errors };
  } finally {
    await jsm.streams.delete(name);
    await nc.close();
  }
}

/** Raw PostgreSQL single-row insert throughput (autocommit) from `concurrency` connections. */
export async function rawPostgresInsert(seconds: number, concurrency: number): Promise<{ perSecond: number; errors: number }> {
  const scratch = await scratchDatabase();
  const pool = new Pool({ connectionString: scratch.url, max: concurrency });
  // Dropping the scratch database ends any connection pg-pool still holds; that is expected here.
  pool.on('error', () => undefined);
  try {
    await pool.query('CREATE TABLE raw_insert (id bigserial PRIMARY KEY, stream text, data jsonb)');
    const { perSecond, errors } = await measureRate(concurrency, seconds, async (worker, i) => {
      await pool.query('INSERT INTO raw_insert (stream, data) VALUES ($1, $2)', [`chat-${worker}`, JSON.stringify({ i })]);
      return 1;
    });
    return { perSecond, errors };
  } finally {
    await pool.end();
    await scratch.drop();
  }
}
