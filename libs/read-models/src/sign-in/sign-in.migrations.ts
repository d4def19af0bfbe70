import { Migration } from '@switchboard/event-store';

/**
 * Agent sign-in links (ADR 0046): credentials, not state rebuilt from events —
 * like `server_secrets`, kept only here. A link is its code's SHA-256 (the code
 * itself is never stored), single use, valid until `expires_at`, and only for
 * the agent's token generation it was issued under (a revocation voids it).
 * `first_run` records the one first-run setup of an install (`/setup`).
 */
export const SIGN_IN_MIGRATIONS: Migration[] = [
  {
    id: 136,
    name: 'sign-in-links',
    up: `
      CREATE TABLE sign_in_links (
        code_hash text PRIMARY KEY,
        organization_id text NOT NULL,
        agent_id text NOT NULL,
        token_generation integer NOT NULL,
        issued_by text NOT NULL,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX sign_in_links_expiry ON sign_in_links (expires_at);
      CREATE TABLE first_run (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        organization_id text,
        done_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
];
