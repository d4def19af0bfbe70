import { randomBytes } from 'node:crypto';
import { hasScope, scopesForRole } from './scopes';
import { bearerToken, InvalidTokenError, TokenService } from './tokens';

describe('access tokens', () => {
  const service = new TokenService(randomBytes(32));
  const claims = { typ: 'agent' as const, org: 'org-1', sub: 'jo@example.com', scp: ['chats--access:rw'] };

  it('verify what they were issued with, and look like LiveChat tokens', () => {
    const token = service.issue(claims, 3600);
    expect(token).toMatch(/^dal:/);
    expect(service.verify(token)).toMatchObject(claims);
  });

  it('reject a tampered, foreign-key, expired or malformed token', () => {
    const token = service.issue(claims, 3600);
    const [, body, signature] = /^dal:(.*)\.(.*)$/.exec(token)!;
    const forged = Buffer.from(JSON.stringify({ ...claims, org: 'org-2', exp: 9e9 })).toString('base64url');
    expect(() => service.verify(`dal:${forged}.${signature}`)).toThrow(InvalidTokenError);
    expect(() => new TokenService(randomBytes(32)).verify(token)).toThrow(InvalidTokenError);
    expect(() => service.verify(service.issue(claims, 10, Date.now() - 60_000))).toThrow('Token expired');
    expect(() => service.verify(`dal:${body}`)).toThrow(InvalidTokenError);
    expect(() => service.verify('')).toThrow(InvalidTokenError);
  });

  it('are read from Bearer authorization only', () => {
    expect(bearerToken('Bearer dal:abc.def')).toBe('dal:abc.def');
    expect(bearerToken('Basic Zm9vOmJhcg==')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});

describe('scopes', () => {
  it('rw includes ro; all includes access and my', () => {
    expect(hasScope(['chats--all:rw'], 'chats--access:ro')).toBe(true);
    expect(hasScope(['chats--access:rw'], 'chats--all:ro')).toBe(false);
    expect(hasScope(['agents--all:ro'], 'agents--my:ro')).toBe(true);
    expect(hasScope(['agents--all:ro'], 'agents--all:rw')).toBe(false);
    expect(hasScope(['customers:rw'], 'customers:ro')).toBe(true);
    expect(hasScope(['accounts--all:rw'], 'accounts--all:rc')).toBe(true);
  });

  it('owners manage agents; normal agents do not', () => {
    expect(hasScope(scopesForRole('owner'), 'accounts--all:rc')).toBe(true);
    expect(hasScope(scopesForRole('normal'), 'accounts--all:rc')).toBe(false);
    expect(hasScope(scopesForRole('normal'), 'chats--access:rw')).toBe(true);
  });
});
