import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a Switchboard access token says about its holder. */
export interface TokenClaims {
  /** agent or customer token: never interchangeable. */
  typ: 'agent' | 'customer';
  /** Organization id. */
  org: string;
  /** Agent id (e-mail) or customer id. */
  sub: string;
  /**
   * Agent tokens: the agent's token generation when the token was issued. The
   * token works only while the agent is still at that generation (revoking an
   * agent's tokens moves it on).
   */
  gen?: number;
  /**
   * Agent tokens: the client id of the application the token was issued for.
   * Absent from tokens issued before applications existed: those are the
   * organization's default application's (ADR 0022).
   */
  cid?: string;
  /** Explicit scopes, narrowing what the agent's role grants. */
  scp?: string[];
  /** Expiry, seconds since the epoch. */
  exp: number;
  iat: number;
}

export class InvalidTokenError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'InvalidTokenError';
  }
}

const REGION = 'dal';
const b64 = (buffer: Buffer | string) => Buffer.from(buffer).toString('base64url');

/**
 * Signed, self-contained tokens (`dal:<claims>.<signature>`, HMAC-SHA256):
 * verifying one needs the key only — no database round trip per request.
 * The `dal:` prefix keeps the shape clients expect of LiveChat tokens.
 */
export class TokenService {
  constructor(private readonly key: Buffer) {
    if (key.length < 32) throw new Error('The token key must have at least 32 bytes');
  }

  issue(claims: Omit<TokenClaims, 'iat' | 'exp'>, ttlSeconds: number, now = Date.now()): string {
    const iat = Math.floor(now / 1000);
    const body = b64(JSON.stringify({ ...claims, iat, exp: iat + ttlSeconds }));
    return `${REGION}:${body}.${this.sign(body)}`;
  }

  verify(token: string, now = Date.now()): TokenClaims {
    const match = /^(?:dal|fra):([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(token);
    if (!match) throw new InvalidTokenError('Malformed token');
    const [, body, signature] = match;
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw new InvalidTokenError('Bad signature');
    let claims: TokenClaims;
    try {
      claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as TokenClaims;
    } catch {
      throw new InvalidTokenError('Malformed token');
    }
    if (typeof claims.exp !== 'number' || claims.exp * 1000 <= now) throw new InvalidTokenError('Token expired');
    if ((claims.typ !== 'agent' && claims.typ !== 'customer') || !claims.org || !claims.sub) {
      throw new InvalidTokenError('Malformed token');
    }
    return claims;
  }

  /** A signature for any value (customer identity cookies). */
  sign(value: string): string {
    return createHmac('sha256', this.key).update(value).digest('base64url');
  }

  verifySignature(value: string, signature: string): boolean {
    const expected = Buffer.from(this.sign(value));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}

/** `Bearer <token>` → the token; anything else (Basic/PAT included) → undefined. */
export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? '');
  return match?.[1];
}
