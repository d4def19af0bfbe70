import { identityCookieAttributes, parseCookies } from './customer-identity';

describe('customer identity cookies', () => {
  it('reads percent-encoded cookie values', () => {
    expect(parseCookies('__lc_cid=abc; __lc_cst=a%2Fb%3D')).toEqual(
      new Map([
        ['__lc_cid', 'abc'],
        ['__lc_cst', 'a/b='],
      ]),
    );
  });

  it('skips a value that is not valid percent-encoding instead of failing the request', () => {
    expect(parseCookies('__lc_cid=%E0%A4%A; __lc_cst=ok')).toEqual(new Map([['__lc_cst', 'ok']]));
    expect(parseCookies('a=%; b=%zz; c=%E0%A4%A8')).toEqual(new Map([['c', '\u0928']]));
  });

  it('ignores parts without a name', () => {
    expect(parseCookies('=x; novalue; ; d=1')).toEqual(new Map([['d', '1']]));
    expect(parseCookies(undefined)).toEqual(new Map());
  });
});

describe('the re-identification cookies a widget on another site keeps', () => {
  it('over TLS they are cross-site: SameSite=None; Secure, partitioned per embedding site', () => {
    expect(identityCookieAttributes(true)).toBe('Path=/; Max-Age=63072000; HttpOnly; SameSite=None; Secure; Partitioned');
  });

  it('over plain HTTP, where Secure cookies are refused, they stay SameSite=Lax', () => {
    expect(identityCookieAttributes(false)).toBe('Path=/; Max-Age=63072000; HttpOnly; SameSite=Lax');
  });
});
