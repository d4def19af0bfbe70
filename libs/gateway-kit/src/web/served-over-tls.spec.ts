import type { IncomingMessage } from 'node:http';
import { servedOverTls } from './served-over-tls';

const request = (headers: Record<string, string>, encrypted = false) => ({ headers, socket: { encrypted } }) as unknown as IncomingMessage;

describe('whether a request came over TLS', () => {
  it('a TLS socket is TLS whatever the headers say', () => {
    expect(servedOverTls(request({}, true), 0)).toBe(true);
  });

  it('behind a trusted ingress, its X-Forwarded-Proto decides', () => {
    expect(servedOverTls(request({ 'x-forwarded-proto': 'https' }), 1)).toBe(true);
    expect(servedOverTls(request({ 'x-forwarded-proto': 'http' }), 1)).toBe(false);
    // A client's own "https" to the left of what the ingress wrote is not believed.
    expect(servedOverTls(request({ 'x-forwarded-proto': 'https, http' }), 1)).toBe(false);
  });

  it('without a trusted proxy the header is the client talking: plain HTTP', () => {
    expect(servedOverTls(request({ 'x-forwarded-proto': 'https' }), 0)).toBe(false);
    expect(servedOverTls(request({}), 1)).toBe(false);
  });
});
