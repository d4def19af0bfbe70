import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PgDatabase, PgliteDatabase, PostgresEventStore, SqlDatabase } from '@switchboard/event-store';
import { BENCH_SECONDS, measureRate, scratchDatabase } from './bench-env';

export interface AppendRates {
  sequential: number;
  concurrent32: number;
  errors: number;
}

const ORG = 'bench-org';

/** One event per append, each writer on its own stream (the send_event shape). */
async function appendRates(db: SqlDatabase, seconds: number): Promise<AppendRates> {
  const store = new PostgresEventStore(db);
  await store.migrate();
  const event = (i: number) => [{ type: 'event_sent', data: { text: `message ${i}`, type: 'message' } }];
  const versions = new Map<string, number>();
  const append = async (stream: string, i: number) => {
    const expectedVersion = versions.get(stream) ?? 0;
    const result = await store.append(stream, event(i), { organizationId: ORG, expectedVersion });
    versions.set(stream, result.nextExpectedVersion);
    return 1;
  };
  const sequential = await measureRate(1, seconds, (_, i) => append('chat-SEQ', i));
  const concurrent = await measureRate(32, seconds, (w, i) => append(`chat-C${w}`, i));
  return {
    sequential: sequential.perSecond,
    concurrent32: concurrent.perSecond,
    errors: sequential.errors + concurrent.errors,
  };
}

export async function benchPostgresAppends(seconds = BENCH_SECONDS): Promise<AppendRates> {
  const scratch = await scratchDatabase();
  const db = new PgDatabase({ connectionString: scratch.url, max: 32 });
  try {
    return await appendRates(db, seconds);
  } finally {
    await db.close();
    await scratch.drop();
  }
}

/** PGlite on disk, as the embedded mode runs it. */
export async function benchPgliteAppends(seconds = BENCH_SECONDS): Promise<AppendRates> {
  const dir = mkdtempSync(join(tmpdir(), 'sb-bench-'));
  const db = await PgliteDatabase.open(dir);
  try {
    return await appendRates(db, seconds);
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
