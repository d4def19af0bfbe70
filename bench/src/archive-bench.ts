import { PgDatabase, PostgresEventStore } from '@switchboard/event-store';
import { chatProjection } from '@switchboard/read-models';
import { spawnApp, SpawnedApp } from '../../libs/testing/src/spawn-app';
import { scratchDatabase } from './bench-env';
import { scratchEnvironment } from './deployment';
import { createAgent, createOrganization, latencySummary, post } from './bench-client';
import { ARCHIVE_SHAPE, archiveAgentId, archiveTag, seedArchive } from './archive-seed';

export interface ArchiveSearchFigures {
  p50: number;
  p99: number;
  max: number;
  /** `found_chats` of the search: how many threads it matched. */
  found: number;
}

export interface ArchiveBenchResult {
  threads: number;
  seedSeconds: number;
  requests: number;
  textQuery: ArchiveSearchFigures;
  twoFilters: ArchiveSearchFigures;
  errors: number;
}

/** `requests` sequential `list_archives` calls with the same payload (a first page of 10, as apps ask). */
async function measure(url: string, owner: string, filters: unknown, requests: number): Promise<ArchiveSearchFigures & { errors: number }> {
  const latencies: number[] = [];
  let found = 0;
  let errors = 0;
  for (let i = 0; i < requests; i++) {
    const started = performance.now();
    try {
      found = (await post(`${url}/v3.4/agent/action/list_archives`, { filters }, owner)).found_chats;
      latencies.push(performance.now() - started);
    } catch {
      errors++;
    }
  }
  return { ...latencySummary(latencies), found, errors };
}

/**
 * The archive on PostgreSQL: an organization of `threads` threads seeded
 * through the event store (with the inline projections), then `list_archives`
 * over the Web API of an agent-gateway process — a full-text query, and two
 * filters (an agent and a tag).
 */
export async function benchArchive(threads = Number(process.env.BENCH_ARCHIVE_THREADS ?? 100_000), requests = 200): Promise<ArchiveBenchResult> {
  const scratch = await scratchDatabase();
  const { env: base, cleanUp } = scratchEnvironment(scratch, 'archive');
  const env = { ...base, RATE_LIMITS: 'off' };
  const apps: SpawnedApp[] = [];
  const db = new PgDatabase({ connectionString: scratch.url, max: 8 });
  try {
    apps.push(await spawnApp('configuration', env, { label: 'configuration#0', timeoutMs: 60_000 }));
    apps.push(await spawnApp('agent-gateway', env, { label: 'agent-gateway#0', timeoutMs: 60_000 }));
    const [configuration, gateway] = apps.map((a) => a.url);
    const urls = { configuration, customer: '', agent: [gateway] };
    const { organizationId, owner } = await createOrganization(urls, env.ADMIN_TOKEN, 'Archive');
    for (let i = 0; i < ARCHIVE_SHAPE.agents; i++) await createAgent(urls, owner, archiveAgentId(i), 5);
    // One transaction at a time: assignments update the agents' seat counts, which concurrent batches would deadlock on.
    const store = new PostgresEventStore(db, [chatProjection], undefined, { maxTransactions: 1, maxBatch: 128 });
    const seedSeconds = await seedArchive(store, organizationId, threads);
    // As autovacuum would after such a load: the planner needs the tables' statistics.
    await db.query('ANALYZE archive_threads');
    await db.query('ANALYZE archive_texts');
    const textQuery = await measure(gateway, owner, { query: ARCHIVE_SHAPE.queryWord }, requests);
    const twoFilters = await measure(gateway, owner, { agents: { values: [archiveAgentId(3)] }, tags: { values: [archiveTag(5)] } }, requests);
    return { threads, seedSeconds, requests, textQuery, twoFilters, errors: textQuery.errors + twoFilters.errors };
  } finally {
    await Promise.all(apps.map((app) => app.stop('SIGTERM')));
    await db.close();
    await cleanUp();
  }
}
