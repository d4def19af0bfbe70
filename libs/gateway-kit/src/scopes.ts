import { hasScope } from '@switchboard/auth';
import { ApiError } from '@switchboard/protocol';
import { RequestContext } from './context';

/** Throws `authorization` unless the requester holds one of the scopes. */
export function requireScope(context: RequestContext, ...anyOf: string[]): void {
  if (!anyOf.some((scope) => hasScope(context.requester.scopes, scope))) {
    throw new ApiError('authorization', `Missing scope: ${anyOf.join(' or ')}`);
  }
}

export function holdsScope(context: RequestContext, scope: string): boolean {
  return hasScope(context.requester.scopes, scope);
}
