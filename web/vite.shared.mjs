/** What every browser project's Vite config shares: Preact's JSX, output under dist/web, small modern bundles. */
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

export const WEB_ROOT = fileURLToPath(new URL('.', import.meta.url));
export const OUT_ROOT = resolve(WEB_ROOT, '../dist/web');

/**
 * @param {string} project folder under web/
 * @param {string} base URL path it is served under
 * @param {Record<string, string>} pages entry name → html file (relative to the project)
 * @param {object} extra merged into `build`
 */
export function webConfig(project, base, pages, extra = {}) {
  const root = resolve(WEB_ROOT, project);
  return {
    root,
    base,
    logLevel: 'warn',
    publicDir: false,
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    resolve: { alias: { '@web/shared': resolve(WEB_ROOT, 'shared/src') } },
    build: {
      outDir: resolve(OUT_ROOT, base.replace(/^\//, '')),
      emptyOutDir: false,
      target: 'es2020',
      sourcemap: false,
      reportCompressedSize: false,
      ...extra,
      rolldownOptions: { ...extra.rolldownOptions, input: Object.fromEntries(Object.entries(pages).map(([name, file]) => [name, resolve(root, file)])) },
    },
  };
}
