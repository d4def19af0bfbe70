import type { IncomingMessage } from 'node:http';

/**
 * The client's address: the socket's peer, or — behind `trustedProxies`
 * proxies (an ingress) — the address the outermost trusted proxy saw, read
 * from the right of X-Forwarded-For. Entries further left were written by the
 * client itself and are never trusted.
 */
export function clientAddress(request: IncomingMessage, trustedProxies: number): string {
  const peer = normalize(request.socket.remoteAddress ?? 'unknown');
  if (trustedProxies <= 0) return peer;
  const header = request.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  const index = hops.length - trustedProxies;
  return index >= 0 ? normalize(hops[index]).slice(0, 64) : peer;
}

/** `::ffff:127.0.0.1` and `127.0.0.1` are one client. */
function normalize(address: string): string {
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}
