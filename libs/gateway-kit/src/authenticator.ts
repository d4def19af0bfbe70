import { Inject, Injectable } from '@nestjs/common';
import { bearerToken, InvalidTokenError, scopesForRole, TokenClaims, TokenService } from '@switchboard/auth';
import { ApiError, ApiName } from '@switchboard/protocol';
import { Requester } from './context';

export const TOKEN_SERVICE = Symbol('TOKEN_SERVICE');

export interface Authenticated {
  organizationId: string;
  requester: Requester;
  claims: TokenClaims;
}

/**
 * Turns an `Authorization` value into the requester, from the token alone
 * (no database round trip). Agent tokens serve the Agent Chat and
 * Configuration APIs, customer tokens the Customer Chat API — never the other.
 */
@Injectable()
export class Authenticator {
  constructor(@Inject(TOKEN_SERVICE) private readonly tokens: TokenService) {}

  authenticate(api: ApiName, authorization: string | undefined, organizationId?: string): Authenticated {
    const token = bearerToken(authorization);
    if (!token) {
      const message = authorization?.trim().toLowerCase().startsWith('basic')
        ? 'Personal access tokens are not supported; use a Bearer token'
        : 'Missing access token';
      throw new ApiError('authentication', message);
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
    return {
      organizationId: claims.org,
      requester: { id: claims.sub, type: claims.typ, scopes: claims.scp ?? (claims.rol ? scopesForRole(claims.rol) : []) },
      claims,
    };
  }
}
