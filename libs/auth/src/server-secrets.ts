import { randomBytes } from 'node:crypto';
import { SqlExecutor } from '@switchboard/event-store';

export interface ServerSecrets {
  /** Signs access tokens and customer identity cookies. */
  tokenKey: Buffer;
  /** Authorizes the operator endpoints (`/admin/...`) and the CLI. */
  adminToken: string;
}

async function secret(db: SqlExecutor, name: string, generate: () => string): Promise<string> {
  // The first process to start creates it; every other one (every replica) reads the same.
  await db.query('INSERT INTO server_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [name, generate()]);
  const { rows } = await db.query<{ value: string }>('SELECT value FROM server_secrets WHERE name = $1', [name]);
  return rows[0].value;
}

/**
 * The server's secrets: from the settings when given (TOKEN_SECRET,
 * ADMIN_TOKEN), otherwise generated once and kept in the database, so a
 * fresh install needs no configuration and all replicas agree. Loaded once
 * at start-up.
 */
export async function loadServerSecrets(
  db: SqlExecutor,
  configured: { tokenSecret?: string; adminToken?: string },
): Promise<ServerSecrets> {
  const tokenKey = configured.tokenSecret
    ? Buffer.from(configured.tokenSecret, 'utf8')
    : Buffer.from(await secret(db, 'token_key', () => randomBytes(32).toString('base64')), 'base64');
  const adminToken = configured.adminToken ?? (await secret(db, 'admin_token', () => randomBytes(24).toString('base64url')));
  return { tokenKey, adminToken };
}
