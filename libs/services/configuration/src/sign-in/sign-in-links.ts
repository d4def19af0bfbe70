import { createHash, randomBytes } from 'node:crypto';
import type { SqlExecutor } from '@switchboard/event-store';

/** How long a sign-in link works (ADR 0046). */
export const SIGN_IN_LINK_TTL_SECONDS = 24 * 3600;

/** Where the Agent App takes a link's code. */
export const signInPath = (code: string) => `/agent/#sign-in=${code}`;

export interface IssuedLink {
  code: string;
  path: string;
  expires_in: number;
}

export interface RedeemedLink {
  organizationId: string;
  agentId: string;
  tokenGeneration: number;
}

const hash = (code: string) => createHash('sha256').update(code).digest('hex');

/**
 * Single-use agent sign-in links (ADR 0046): a random code given once to the
 * issuer, kept only as its hash, redeemed at most once before it expires.
 */
export class SignInLinks {
  constructor(private readonly db: SqlExecutor) {}

  async issue(organizationId: string, agentId: string, tokenGeneration: number, issuedBy: string): Promise<IssuedLink> {
    const code = randomBytes(24).toString('base64url');
    // Expired links are never redeemed; they go whenever a new one is issued.
    await this.db.query('DELETE FROM sign_in_links WHERE expires_at < now()');
    await this.db.query(
      `INSERT INTO sign_in_links (code_hash, organization_id, agent_id, token_generation, issued_by, expires_at)
       VALUES ($1, $2, $3, $4, $5, now() + $6 * interval '1 second')`,
      [hash(code), organizationId, agentId, tokenGeneration, issuedBy, SIGN_IN_LINK_TTL_SECONDS],
    );
    return { code, path: signInPath(code), expires_in: SIGN_IN_LINK_TTL_SECONDS };
  }

  /** Uses the link up: its agent, or undefined when the code is unknown, used or expired. */
  async redeem(code: string): Promise<RedeemedLink | undefined> {
    const { rows } = await this.db.query<{ organization_id: string; agent_id: string; token_generation: number; live: boolean }>(
      'DELETE FROM sign_in_links WHERE code_hash = $1 RETURNING organization_id, agent_id, token_generation, expires_at > now() AS live',
      [hash(code)],
    );
    const row = rows[0];
    if (!row?.live) return undefined;
    return { organizationId: row.organization_id, agentId: row.agent_id, tokenGeneration: Number(row.token_generation) };
  }
}
