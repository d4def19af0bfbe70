import { Inject, Injectable, Optional } from '@nestjs/common';
import { basicCredentials, bearerToken, hashPersonalAccessToken, hasScope, InvalidTokenError, scopesForRole, TokenClaims, TokenService } from '@switchboard/auth';
import { BOT_ID_PATTERN, defaultClientId } from '@switchboard/configuration/domain';
import { ApiError, ApiName } from '@switchboard/protocol';
import { Requester } from './context';
import { actAsBot } from './identity/acting-as-bot';
import { AgentDirectory, AgentIdentity } from './identity/agent-directory';
import { CustomerBans } from './identity/customer-bans';

export const TOKEN_SERVICE = Symbol('TOKEN_SERVICE');

export interface Authenticated {
  organizationId: string;
  requester: Requester;
  /** A personal access token's are made up from it: the agent, never expiring. */
  claims: TokenClaims;
  /** Authenticated with a personal access token: its hash, checked again on every RTM request. */
  personalAccessTokenHash?: string;
}

/**
 * Turns an `Authorization` value into the requester. The token's signature
 * says who it was issued to; the agent directory (in memory) says whether that
 * still holds — the agent exists, is not suspended, and the token was issued
 * at its current token generation — and which role, hence scopes, it has now.
 * Agent tokens serve the Agent Chat and Configuration APIs, customer tokens
 * the Customer Chat API — never the other.
 */
/** The one method a suspended agent may call. */
const SUSPENDED_MAY_CALL = 'request_agent_unsuspension';

@Injectable()
export class Authenticator {
  constructor(
    @Inject(TOKEN_SERVICE) private readonly tokens: TokenService,
    private readonly directory: AgentDirectory,
    @Optional() private readonly bans?: CustomerBans,
  ) {}

  /**
   * `action`: the method asked for — a suspended agent may call only
   * `request_agent_unsuspension` (configuration-api.md), every other call of
   * its is refused with `requester_suspended`.
   */
  async authenticate(api: ApiName, authorization: string | undefined, organizationId?: string, action?: string): Promise<Authenticated> {
    const token = bearerToken(authorization);
    if (!token) {
      const isBasic = /^basic\b/i.test(authorization?.trim() ?? '');
      if (isBasic && api === 'customer') throw new ApiError('authentication', 'Personal access tokens cannot be used on the customer API');
      const basic = basicCredentials(authorization);
      if (!basic) throw new ApiError('authentication', isBasic ? 'Invalid personal access token' : 'Missing access token');
      return this.authenticatePersonalAccessToken(basic, organizationId, action);
    }
    let claims: TokenClaims;
    try {
      claims = this.tokens.verify(token);
    } catch (error) {
      if (error instanceof InvalidTokenError) throw new ApiError('authentication', 'Invalid access token');
      throw error;
    }
    const expected = api === 'customer' ? 'customer' : 'agent';
    if (claims.typ !== expected) throw new ApiError('authentication', `An ${claims.typ} token cannot be used on the ${api} API`);
    if (organizationId !== undefined && organizationId !== claims.org) {
      throw new ApiError('authorization', 'The token belongs to another organization');
    }
    if (claims.typ === 'customer') {
      await this.bans?.assertNotBanned(claims.org, claims.sub);
      return { organizationId: claims.org, requester: { id: claims.sub, type: 'customer', scopes: [] }, claims };
    }
    let identity = this.directory.get(claims.sub);
    // Unknown here, or issued after a revocation this replica has not heard of yet: ask the database.
    if (!identity || (claims.gen ?? 0) > identity.tokenGeneration) identity = await this.directory.refresh(claims.sub);
    return { organizationId: claims.org, requester: this.agentRequester(claims, identity, action === SUSPENDED_MAY_CALL), claims };
  }

  /**
   * `Basic base64(account_id:token)`: the agent (`account_id`, its e-mail)
   * and one of its personal access tokens, known by its hash. It acts for no
   * application (ADR 0022); suspension, deletion and approval apply as to tokens.
   */
  private async authenticatePersonalAccessToken(
    basic: { accountId: string; secret: string },
    organizationId: string | undefined,
    action: string | undefined,
  ): Promise<Authenticated> {
    const hash = hashPersonalAccessToken(basic.secret);
    const owner = await this.directory.personalAccessToken(hash);
    if (!owner || owner.agent_id !== basic.accountId) throw new ApiError('authentication', 'Invalid personal access token');
    if (organizationId !== undefined && organizationId !== owner.organization_id) {
      throw new ApiError('authorization', 'The token belongs to another organization');
    }
    let identity = this.directory.get(owner.agent_id);
    if (!identity) identity = await this.directory.refresh(owner.agent_id);
    const claims: TokenClaims = { typ: 'agent', org: owner.organization_id, sub: owner.agent_id, gen: identity?.tokenGeneration, iat: 0, exp: Number.MAX_SAFE_INTEGER };
    const requester = this.agentRequester(claims, identity, action === SUSPENDED_MAY_CALL, hash);
    // `iat` 0: the agent's personal access tokens share one rate-limit budget.
    return { organizationId: owner.organization_id, requester, claims, personalAccessTokenHash: hash };
  }

  /**
   * Checks again, from memory, that an authenticated agent still has access
   * (an RTM session, before each request) and returns its current requester.
   */
  recheck(auth: Authenticated): Requester {
    if (auth.claims.typ === 'customer') return auth.requester;
    return this.agentRequester(auth.claims, this.directory.get(auth.claims.sub), false, auth.personalAccessTokenHash);
  }

  /**
   * The requester an Agent Chat API request runs as: the bot it names as its
   * author (`X-Author-Id`, RTM `author_id`), or the authenticated one (ADR 0024).
   * A bot this replica has not heard of yet is read from the database, like a
   * new agent's token — only for ids shaped like a bot's.
   */
  async author(api: ApiName, auth: Pick<Authenticated, 'organizationId' | 'requester'>, authorId: string | undefined): Promise<Requester> {
    if (api !== 'agent' || authorId === undefined || authorId === auth.requester.id) return auth.requester;
    const bot = this.directory.get(authorId) ?? (BOT_ID_PATTERN.test(authorId) ? await this.directory.refresh(authorId) : undefined);
    return actAsBot(auth.requester, auth.organizationId, authorId, bot);
  }

  private agentRequester(claims: TokenClaims, identity: AgentIdentity | undefined, suspendedMayCall = false, personalAccessTokenHash?: string): Requester {
    if (!identity || identity.deleted || identity.organizationId !== claims.org || identity.ownerClientId) {
      throw new ApiError('authentication', 'Invalid access token');
    }
    if (personalAccessTokenHash !== undefined) {
      if (!this.directory.holdsPersonalAccessToken(personalAccessTokenHash)) throw new ApiError('authentication', 'Personal access token revoked');
    } else if ((claims.gen ?? 0) !== identity.tokenGeneration) throw new ApiError('authentication', 'Access token revoked');
    if (identity.suspended && !suspendedMayCall) throw new ApiError('requester_suspended', 'Requester suspended');
    if (identity.awaitingApproval) throw new ApiError('requester_awaiting_approval', 'Requester awaiting approval');
    const granted = scopesForRole(identity.role);
    const scopes = claims.scp ? claims.scp.filter((scope) => hasScope(granted, scope)) : granted;
    if (personalAccessTokenHash !== undefined) return { id: claims.sub, type: 'agent', role: identity.role, scopes, credential: 'pat' };
    return { id: claims.sub, type: 'agent', role: identity.role, scopes, clientId: claims.cid ?? defaultClientId(claims.org), credential: 'bearer' };
  }
}
