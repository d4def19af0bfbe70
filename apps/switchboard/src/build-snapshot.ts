import 'reflect-metadata';
import { relative } from 'node:path';
import { BUNDLED_SNAPSHOT_DIR, buildSnapshot, SCHEMA_MIGRATIONS } from '@switchboard/platform';

/**
 * Run by `npm run build`: the embedded mode's first start loads this
 * snapshot instead of running initdb and the migrations. Quiet when the
 * snapshot is already up to date (the usual case: `npm start` builds every time).
 */
buildSnapshot(BUNDLED_SNAPSHOT_DIR, SCHEMA_MIGRATIONS).then(
  (result) => {
    if (result === 'built') console.log(`embedded database snapshot built: ${relative(process.cwd(), BUNDLED_SNAPSHOT_DIR)}`);
  },
  (error: Error) => {
    console.error(`could not build the embedded database snapshot: ${error.message}`);
    process.exit(1);
  },
);
