/** Build-time entry (web/site/docs-prerender.mjs): the API reference as HTML. */
import { DocsPage } from './docs-page';
import type { DocsSource } from './model';
import { renderToHtml } from './render-html';

export const renderDocs = (source: DocsSource): string => renderToHtml(<DocsPage source={source} />);
