/**
 * Builds the browser projects (web/site, web/agent, web/widget) with Vite into
 * dist/web, which the gateways serve, and writes dist/web/sizes.json: every
 * script and stylesheet with its size and gzipped size.
 * `node web/build.mjs [project…]` builds only those.
 */
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { OUT_ROOT, WEB_ROOT } from './vite.shared.mjs';

const PROJECTS = ['site', 'agent', 'widget'];
const chosen = process.argv.slice(2).length ? process.argv.slice(2) : PROJECTS;

if (chosen.length === PROJECTS.length) rmSync(OUT_ROOT, { recursive: true, force: true });
mkdirSync(OUT_ROOT, { recursive: true });
for (const project of chosen) {
  if (!PROJECTS.includes(project)) throw new Error(`unknown web project ${project}`);
  await build({ configFile: resolve(WEB_ROOT, project, 'vite.config.mjs') });
}

const files = (dir) => readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)]));
const sizes = files(OUT_ROOT)
  .filter((file) => /\.(js|css)$/.test(file))
  .map((file) => {
    const bytes = readFileSync(file);
    return { file: relative(OUT_ROOT, file), bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
writeFileSync(join(OUT_ROOT, 'sizes.json'), `${JSON.stringify(sizes, null, 2)}\n`);
