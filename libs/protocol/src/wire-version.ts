import type { ApiName } from './catalog';
import { compareApiVersions } from './version';

/**
 * The customer wire versions Switchboard answers with their own shapes
 * (ADR 0034): v3.4, and v3.5 — what the official customer SDK 4.x speaks.
 * Newer 3.x versions are served like v3.5, older ones are refused by
 * {@link parseApiVersion}.
 */
export type WireVersion = '3.4' | '3.5';

/**
 * The wire a parsed API version (`'3.4'`, `'3.5'`, `'3.6'`, …) of `api` is
 * answered on. Only the Customer Chat API has a v3.5 wire; the Agent Chat and
 * Configuration APIs answer every accepted version the v3.4 way.
 */
export function wireVersion(api: ApiName, version: string): WireVersion {
  return api === 'customer' && compareApiVersions(version, '3.5') >= 0 ? '3.5' : '3.4';
}

/**
 * `customer_disconnected` reasons that v3.5 added (customer-chat-api
 * changelog, v3.5, 2022-11-23: `logged_out_remotely`), with the v3.4 reason a
 * v3.4 client understands and acts on the same way (its session is over; a
 * new token is needed).
 */
const CUSTOMER_REASONS_SINCE_3_5: Readonly<Record<string, string>> = {
  logged_out_remotely: 'access_token_revoked',
};

/** The `customer_disconnected` reason a connection of `version` is told. */
export function customerDisconnectReason(reason: string, version: WireVersion): string {
  return version === '3.4' ? (CUSTOMER_REASONS_SINCE_3_5[reason] ?? reason) : reason;
}

/** Customer pushes that exist from v3.5 on (changelog v3.5: `groups_status_updated`); a v3.4 connection never gets them. */
export const CUSTOMER_PUSHES_SINCE_3_5: ReadonlySet<string> = new Set(['groups_status_updated']);
