import { webConfig } from '../vite.shared.mjs';
import { docsPrerender } from './docs-prerender.mjs';

/** `/` (first run, then the organization's links), `/demo/` (a page that embeds the widget) and `/docs/` (the API reference, prerendered). */
export default {
  ...webConfig('site', '/', { home: 'index.html', demo: 'demo/index.html', docs: 'docs/index.html' }),
  // The favicon every page links to (`/favicon.svg`), copied as is.
  publicDir: 'public',
  plugins: [docsPrerender()],
};
