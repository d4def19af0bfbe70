import { createHash } from 'node:crypto';

/**
 * An application (OAuth client) of an organization: what LiveChat's Accounts
 * service calls a Client ID. Tokens are issued for an agent and an
 * application; bots and property namespaces belong to one (ADR 0022).
 */
export interface Application {
  client_id: string;
  name: string;
}

/** Client ids look like LiveChat's: 32 lowercase hex digits. */
export const CLIENT_ID_PATTERN = /^[0-9a-f]{32}$/;

/**
 * Every organization has a default application, which it never has to
 * register: tokens issued without naming an application are its. Its client id
 * is derived from the organization id, so organizations created before
 * applications existed have one too, and a rebuild gives the same.
 */
export function defaultClientId(organizationId: string): string {
  return createHash('sha256').update(`switchboard-default-application:${organizationId}`).digest('hex').slice(0, 32);
}

export const DEFAULT_APPLICATION_NAME = 'Switchboard';

/** Most applications an organization may register (besides its default one). */
export const MAX_APPLICATIONS = 100;
