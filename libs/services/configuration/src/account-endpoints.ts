import type { IncomingMessage } from 'node:http';
import { Authenticated, Authenticator, RateLimiter } from '@switchboard/gateway-kit';
import { ApiError } from '@switchboard/protocol';
import { z } from 'zod';

/** An agent id as the account endpoints take it. */
export const email = z.string().min(3).max(254).regex(/^[^\s@]+@[^\s@]+$/, 'must be an e-mail address');

/** Validates an account endpoint's body, with the Web API's `validation` wording. */
export function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new ApiError('validation', result.error.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`).join('; '));
  }
  return result.data;
}

/** An agent's call to an account endpoint (`/auth/…`): the address's budget, the credentials, then the token's budget. */
export async function authenticateAgent(authenticator: Authenticator, limiter: RateLimiter, request: IncomingMessage): Promise<Authenticated> {
  limiter.admitAddress(limiter.address(request));
  const auth = await authenticator.authenticate('configuration', request.headers.authorization);
  limiter.admitToken(auth.claims);
  return auth;
}
