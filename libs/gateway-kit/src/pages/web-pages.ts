import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import compression from 'compression';
import serveStatic from 'serve-static';
import { REPOSITORY_ROOT } from '@switchboard/platform';

/** Where `npm run build` puts the browser projects (web/build.mjs). */
export const WEB_PAGES_DIR = join(REPOSITORY_ROOT, 'dist/web');

/** The paths of the pages and their files: nothing else is looked up on disk, and only these are compressed (not the APIs). */
const PAGE_PATH = /^\/(?:$|(?:agent|widget|demo|docs)(?:\/|$)|assets\/|favicon\.svg$)/;

/** Only the widget is meant to be framed by other sites; every other page only by Switchboard's own. */
const WIDGET_PATH = /^\/widget\//;

/**
 * Serves the pages of dist/web (ADR 0045): `/` (first run, then the
 * organization's links), `/agent/`, `/widget/` with `/widget/embed.js`,
 * `/demo/`, `/docs/`. Hashed assets are cached for a year, pages revalidated,
 * both compressed. Any other path, or one without a file, goes on to the APIs.
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
  const compress = compression();
  return (request: IncomingMessage & { originalUrl?: string }, response, next) => {
    // Mounted through Nest, the request's url is relative to the mount point: serve the whole path.
    const path = request.originalUrl ?? request.url ?? '/';
    if ((request.method !== 'GET' && request.method !== 'HEAD') || !PAGE_PATH.test(path.split('?')[0])) return next();
    const mounted = request.url;
    request.url = path;
    compress(request as never, response as never, () =>
      serve(request, response, () => {
        request.url = mounted;
        next();
      }),
    );
  };
}
