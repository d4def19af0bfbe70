import { createHash, randomBytes } from 'node:crypto';

/**
 * Personal access tokens (ADR 0022): a random secret shown once; the server
 * keeps only its SHA-256. The prefix tells them apart from access tokens in
 * logs and secret scanners.
 */
export function newPersonalAccessToken(): { secret: string; hash: string } {
  const secret = `sbpat_${randomBytes(32).toString('base64url')}`;
  return { secret, hash: hashPersonalAccessToken(secret) };
}

export function hashPersonalAccessToken(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** `Basic base64(account_id:token)` → its two parts; anything else → undefined. */
export function basicCredentials(authorization: string | undefined): { accountId: string; secret: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(authorization?.trim() ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0 || colon === decoded.length - 1) return undefined;
  return { accountId: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}
