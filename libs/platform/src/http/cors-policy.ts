/**
 * Cross-origin access to the APIs from browsers (ADR 0034): a chat widget on
 * a customer's own site calls the Customer Chat API and `/customer/token`;
 * an agent app hosted elsewhere calls the Agent Chat and Configuration APIs.
 */

/** Who may call one family of endpoints from a browser page: `any` origin, or those listed. */
export type OriginAllowList = 'any' | ReadonlySet<string>;

export interface CorsSettings {
  /** CORS_CUSTOMER_ORIGINS: Customer Chat API, `/customer/token` (default any origin). */
  customer: OriginAllowList;
  /** CORS_AGENT_ORIGINS: Agent Chat API, Configuration API, `/auth/*` (default none). */
  agent: OriginAllowList;
}

export interface CorsDecision {
  /** The origin to answer with in `Access-Control-Allow-Origin`. */
  allowOrigin: string;
  /** `Access-Control-Allow-Credentials: true`: the endpoint re-identifies its caller by cookies. */
  credentials: boolean;
}

/** Request headers the APIs read; a preflight asking for others is answered without them (the browser then refuses). */
export const CORS_ALLOWED_HEADERS = ['Authorization', 'Content-Type', 'X-API-Version', 'X-Author-Id', 'X-Region', 'X-Request-Id', 'X-Correlation-Id'];
/** Response headers a page may read. */
export const CORS_EXPOSED_HEADERS = ['Retry-After', 'X-Request-Id'];
export const CORS_ALLOWED_METHODS = ['GET', 'POST', 'OPTIONS'];
/** How long a browser may cache a preflight answer (seconds). */
export const CORS_MAX_AGE_SECONDS = 600;

const CUSTOMER_PATH = /^\/(v\d+\.\d+\/customer\/action\/|customer\/token$|v2\/customer\/token$)/;
const COOKIE_PATH = /^\/(v2\/)?customer\/token$/;
const AGENT_PATH = /^\/(v\d+\.\d+\/(agent|configuration)\/action\/|auth\/)/;

/**
 * The origins of a setting: `*` = any; otherwise a comma-separated list of
 * `scheme://host[:port]` origins; empty = none.
 *
 * @throws Error naming the bad entry
 */
export function parseOriginAllowList(name: string, raw: string | undefined, fallback: OriginAllowList): OriginAllowList {
  if (raw === undefined) return fallback;
  const entries = raw.split(',').map((entry) => entry.trim()).filter(Boolean);
  if (entries.includes('*')) return 'any';
  for (const entry of entries) {
    let origin: string | undefined;
    try {
      origin = new URL(entry).origin;
    } catch {
      origin = undefined;
    }
    if (origin !== entry || !/^https?:/.test(entry)) throw new Error(`${name}: "${entry}" is not an origin like https://shop.example (scheme, host, optional port; no path)`);
  }
  return new Set(entries);
}

/** What to answer a request from `origin` to `path` with; undefined: no cross-origin access (no CORS headers). */
export function decideCors(settings: CorsSettings, path: string, origin: string | undefined): CorsDecision | undefined {
  if (!origin) return undefined;
  const allowList = CUSTOMER_PATH.test(path) ? settings.customer : AGENT_PATH.test(path) ? settings.agent : undefined;
  if (allowList === undefined) return undefined;
  if (allowList !== 'any' && !allowList.has(origin)) return undefined;
  return { allowOrigin: origin, credentials: COOKIE_PATH.test(path) };
}
