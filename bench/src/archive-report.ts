import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ArchiveBenchResult, ArchiveSearchFigures, benchArchive } from './archive-bench';

export { benchArchive };

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const figures = (f: ArchiveSearchFigures) => `p50 ${f.p50.toFixed(1)} ms, p99 ${f.p99.toFixed(1)} ms, max ${f.max.toFixed(1)} ms (${fmt(f.found)} threads found)`;

/** The archive scenario's lines of the bench table. */
export function archiveRows(r: ArchiveBenchResult): string[][] {
  return [
    [`archive, PostgreSQL: ${fmt(r.threads)} threads seeded through the event store`, `${r.seedSeconds.toFixed(1)} s (${fmt(r.threads / r.seedSeconds)} threads/s)`],
    [`  list_archives, full-text query (${r.requests} requests, target p99 < 100 ms)`, figures(r.textQuery)],
    [`  list_archives, agent + tag filters (${r.requests} requests)`, `${figures(r.twoFilters)}; errors ${r.errors}`],
  ];
}

/** `BENCH_ONLY=archive npm run bench`: only the archive scenario; its figures also go to bench/report-archive.json. */
export async function onlyArchive(startedAt: string): Promise<void> {
  const result = await benchArchive();
  const rows = archiveRows(result);
  const width = Math.max(...rows.map((r) => r[0].length));
  for (const [name, value] of rows) console.log(`${name.padEnd(width)}  ${value}`);
  writeFileSync(join(__dirname, '../../../bench/report-archive.json'), JSON.stringify({ startedAt, archive: result }, null, 2));
  console.log('\nreport: bench/report-archive.json');
}
