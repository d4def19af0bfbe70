import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import serveStatic from 'serve-static';
import { REPOSITORY_ROOT } from '@switchboard/platform';

/** Where `npm run build` puts the browser projects (web/build.mjs). */
export const WEB_PAGES_DIR = join(REPOSITORY_ROOT, 'dist/web');

/** Only the widget is meant to be framed by other sites; every other page only by Switchboard's own. */
const WIDGET_PATH = /^\/widget\//;

/**
 * Serves the pages of dist/web (ADR 0045): `/` (first run, then the
 * organization's links), `/agent/`, `/widget/` with `/widget/embed.js`,
 * `/demo/`, `/docs/`. Hashed assets are cached for a year, pages revalidated.
 * A path without a file falls through to the APIs.
 */
export function webPagesMiddleware(root: string = WEB_PAGES_DIR): (request: IncomingMessage, response: ServerResponse, next: () => void) => void {
  const serve = serveStatic(root, {
    index: ['index.html'],
    fallthrough: true,
    redirect: true,
    setHeaders(response, path) {
      response.setHeader('X-Content-Type-Options', 'nosniff');
      response.setHeader('Referrer-Policy', 'same-origin');
      const relative = path.slice(root.length);
      if (/\/assets\//.test(relative)) response.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      else response.setHeader('Cache-Control', 'no-cache');
      if (path.endsWith('.html') && !WIDGET_PATH.test(relative)) response.setHeader('Content-Security-Policy', "frame-ancestors 'self'");
    },
  });
  return (request: IncomingMessage & { originalUrl?: string }, response, next) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    // Mounted through Nest, the request's url is relative to the mount point: serve the whole path.
    const mounted = request.url;
    request.url = request.originalUrl ?? mounted;
    serve(request, response, () => {
      request.url = mounted;
      next();
    });
  };
}
