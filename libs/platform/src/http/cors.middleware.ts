import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  CORS_ALLOWED_HEADERS,
  CORS_ALLOWED_METHODS,
  CORS_EXPOSED_HEADERS,
  CORS_MAX_AGE_SECONDS,
  CorsSettings,
  decideCors,
} from './cors-policy';

/**
 * Answers CORS preflights (`OPTIONS` with `Access-Control-Request-Method`)
 * of the API endpoints itself and adds `Access-Control-Allow-*` to the
 * responses of allowed origins. Runs before routing and authentication: a
 * preflight carries no token.
 */
export function corsMiddleware(settings: CorsSettings) {
  return (request: IncomingMessage, response: ServerResponse, next: () => void): void => {
    const path = (request.url ?? '/').split('?')[0];
    const origin = typeof request.headers.origin === 'string' ? request.headers.origin : undefined;
    const decision = decideCors(settings, path, origin);
    const preflight = request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined;
    if (origin) response.setHeader('Vary', 'Origin');
    if (decision) {
      response.setHeader('Access-Control-Allow-Origin', decision.allowOrigin);
      if (decision.credentials) response.setHeader('Access-Control-Allow-Credentials', 'true');
    }
    if (!preflight || !origin) {
      if (decision) response.setHeader('Access-Control-Expose-Headers', CORS_EXPOSED_HEADERS.join(', '));
      return next();
    }
    if (!decision) {
      response.writeHead(403, { 'Content-Type': 'application/json; charset=utf-8' });
      response.end(JSON.stringify({ error: { type: 'authorization', message: 'Cross-origin requests from this origin are not allowed' } }));
      return;
    }
    response.writeHead(204, {
      'Access-Control-Allow-Methods': CORS_ALLOWED_METHODS.join(', '),
      'Access-Control-Allow-Headers': CORS_ALLOWED_HEADERS.join(', '),
      'Access-Control-Max-Age': String(CORS_MAX_AGE_SECONDS),
      'Content-Length': '0',
    });
    response.end();
  };
}
