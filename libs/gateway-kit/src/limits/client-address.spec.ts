import type { IncomingMessage } from 'node:http';
import { clientAddress } from './client-address';

const request = (peer: string, forwardedFor?: string) =>
  ({ socket: { remoteAddress: peer }, headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } }) as unknown as IncomingMessage;

describe('client address', () => {
  it('is the peer when no proxy is trusted, whatever X-Forwarded-For claims', () => {
    expect(clientAddress(request('::ffff:10.0.0.7', '1.2.3.4'), 0)).toBe('10.0.0.7');
  });

  it('is what the trusted proxy saw, never what the client wrote further left', () => {
    expect(clientAddress(request('10.0.0.2', 'spoofed, 203.0.113.9'), 1)).toBe('203.0.113.9');
    expect(clientAddress(request('10.0.0.2', '203.0.113.9, 10.0.0.5'), 2)).toBe('203.0.113.9');
  });

  it('falls back to the peer when the header has fewer hops than trusted proxies', () => {
    expect(clientAddress(request('10.0.0.2'), 1)).toBe('10.0.0.2');
  });
});
