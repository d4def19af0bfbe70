import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The repository (or container image) root, where `npm run …` runs: the
 * first folder up from this file with a package.json. This file runs
 * compiled from dist/ (which has none) or, under jest, from source.
 */
function findRoot(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) if (existsSync(join(dir, 'package.json'))) return dir;
  return process.cwd();
}

export const REPOSITORY_ROOT = findRoot(__dirname);
