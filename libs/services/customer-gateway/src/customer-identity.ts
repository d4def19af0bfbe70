import { randomUUID } from 'node:crypto';
import { TokenService } from '@switchboard/auth';
import { EventStore } from '@switchboard/event-store';
import { CustomerBans } from '@switchboard/gateway-kit';
import { ApiError, assertStorableString, LIMITS } from '@switchboard/protocol';
import { ReadModels } from '@switchboard/read-models';

export const CUSTOMER_TOKEN_TTL_SECONDS = 8 * 3600;
const COOKIE_MAX_AGE = 2 * 365 * 24 * 3600;

/**
 * The cookies of a `Cookie` header. A value that is not valid percent-encoding
 * is skipped, as browsers' own cookie readers do: a malformed cookie must cost
 * the customer their remembered identity at most, never the request.
 */
export function parseCookies(header: string | undefined): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of header?.split(';') ?? []) {
    const index = part.indexOf('=');
    if (index <= 0) continue;
    try {
      map.set(part.slice(0, index).trim(), decodeURIComponent(part.slice(index + 1).trim()));
    } catch {
      // URIError: not percent-encoding
    }
  }
  return map;
}

/**
 * The attributes of the re-identification cookies. A widget calls
 * `/customer/token` from the customer's own site: over TLS the cookies are
 * cross-site (`SameSite=None; Secure`) and `Partitioned` (CHIPS), so browsers
 * that block third-party cookies still keep them per embedding site. Plain
 * HTTP (development, same-site installs) cannot carry `Secure`: `Lax`.
 */
export function identityCookieAttributes(overTls: boolean): string {
  const base = `Path=/; Max-Age=${COOKIE_MAX_AGE}; HttpOnly`;
  return overTls ? `${base}; SameSite=None; Secure; Partitioned` : `${base}; SameSite=Lax`;
}

/** Creates and re-identifies customers, and gives them access tokens. */
export class CustomerIdentity {
  constructor(
    private readonly store: EventStore,
    private readonly readModels: ReadModels,
    private readonly tokens: TokenService,
    /** A banned customer gets no token while the ban lasts (ADR 0031). */
    private readonly bans?: CustomerBans,
  ) {}

  /** `overTls`: the request reached us over TLS (ADR 0034), which decides the cookies' attributes. */
  async issue(body: Record<string, unknown>, cookieHeader: string | undefined, overTls = false) {
    const organizationId = body.organization_id ?? body.license_id;
    if (typeof organizationId !== 'string' || organizationId === '') throw new ApiError('validation', 'organization_id: Required');
    assertStorableString('organization_id', organizationId, LIMITS.idLength);
    if (!(await this.readModels.organization(organizationId))) throw new ApiError('license_not_found', 'Organization not found');
    const jar = parseCookies(cookieHeader);
    const remembered = jar.get('__lc_cid');
    const signature = jar.get('__lc_cst');
    let customerId =
      remembered && signature && this.tokens.verifySignature(`${organizationId}:${remembered}`, signature) ? remembered : undefined;
    if (customerId && (await this.readModels.customers(organizationId, [customerId])).size === 0) customerId = undefined;
    if (customerId) await this.bans?.assertNotBanned(organizationId, customerId);
    if (!customerId) {
      customerId = randomUUID();
      await this.store.append(
        `customer-${customerId}`,
        // A new visitor's own doing, through no application (webhooks' source_type, ADR 0043).
        [{ type: 'customer_created', data: { id: customerId, created_at: new Date().toISOString() }, metadata: { requester_id: customerId } }],
        { organizationId, expectedVersion: 'no_stream' },
      );
    }
    const accessToken = this.tokens.issue({ typ: 'customer', org: organizationId, sub: customerId }, CUSTOMER_TOKEN_TTL_SECONDS);
    const attributes = identityCookieAttributes(overTls);
    return {
      body: {
        access_token: accessToken,
        entity_id: customerId,
        expires_in: CUSTOMER_TOKEN_TTL_SECONDS,
        token_type: 'Bearer',
        organization_id: organizationId,
      },
      cookies: [
        `__lc_cid=${customerId}; ${attributes}`,
        `__lc_cst=${this.tokens.sign(`${organizationId}:${customerId}`)}; ${attributes}`,
      ],
    };
  }
}
