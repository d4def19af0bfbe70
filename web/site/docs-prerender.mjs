/**
 * Prerenders the API reference into docs/index.html at build time, from the
 * repository's own sources read afresh on every build: the method catalogue,
 * the extensions, pushes, webhook actions and error types (libs/), and each
 * method's status (docs/method-index.md). The page's script only filters.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runnerImport } from 'vite';
import { WEB_ROOT } from '../vite.shared.mjs';

const REPOSITORY = resolve(WEB_ROOT, '..');
const MARKER = '<!-- prerendered API reference -->';

/** Imports a TypeScript module of the repository in Node, through Vite (Preact's JSX for the page's own). */
async function load(file) {
  const { module } = await runnerImport(resolve(REPOSITORY, file), {
    configFile: false,
    logLevel: 'warn',
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  });
  return module;
}

async function docsSource() {
  const [catalog, pushes, errors, webhooks] = await Promise.all([
    load('libs/protocol/src/catalog.ts'),
    load('libs/protocol/src/pushes.ts'),
    load('libs/protocol/src/errors.ts'),
    load('libs/webhooks/domain/src/actions.ts'),
  ]);
  const { SWITCHBOARD_EXTENSIONS } = await load('libs/protocol/src/extensions.ts');
  return {
    methods: catalog.METHOD_CATALOG,
    extensions: SWITCHBOARD_EXTENSIONS,
    methodIndex: readFileSync(resolve(REPOSITORY, 'docs/method-index.md'), 'utf8'),
    agentPushes: pushes.AGENT_PUSHES,
    webhookActions: webhooks.WEBHOOK_ACTIONS,
    errors: errors.ERROR_TYPES.map((type) => ({ type, message: errors.DEFAULT_MESSAGES[type], status: errors.HTTP_STATUS[type] })),
  };
}

export function docsPrerender() {
  let page;
  return {
    name: 'switchboard-docs-prerender',
    // Rendered before bundling starts (a Vite hook, outside Rolldown's plugin timings); the HTML hook only inserts it.
    async configResolved() {
      const [{ renderDocs }, source] = await Promise.all([load('web/site/src/docs/render.tsx'), docsSource()]);
      page = renderDocs(source);
    },
    transformIndexHtml: {
      order: 'pre',
      handler: (html) => html.replace(MARKER, () => page),
    },
  };
}
