import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

/**
 * Whether the client reached Switchboard over TLS: the socket itself, or —
 * behind `trustedProxies` proxies (TRUST_PROXY, the ingress that terminates
 * TLS) — the scheme the outermost trusted proxy saw, read from the right of
 * `X-Forwarded-Proto` like `X-Forwarded-For`. Without a trusted proxy the
 * header is the client's own word and is ignored.
 */
export function servedOverTls(request: IncomingMessage, trustedProxies: number): boolean {
  if ((request.socket as TLSSocket).encrypted) return true;
  if (trustedProxies <= 0) return false;
  const header = request.headers['x-forwarded-proto'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((hop) => hop.trim().toLowerCase())
    .filter(Boolean);
  const index = Math.max(0, hops.length - trustedProxies);
  return hops[index] === 'https';
}
