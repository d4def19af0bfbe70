/** One place to validate a request payload of any method, for Web and RTM alike. */
import { z } from 'zod';
import { ApiError } from '../errors';
import type { ApiName } from '../catalog';
import { AGENT_SCHEMAS } from './agent';
import { CONFIGURATION_SCHEMAS } from './configuration';
import { CUSTOMER_SCHEMAS } from './customer';
import { assertStorablePayload, describePath } from './input-limits';

const SCHEMAS = {
  agent: AGENT_SCHEMAS,
  customer: CUSTOMER_SCHEMAS,
  configuration: CONFIGURATION_SCHEMAS,
};

type Schemas = typeof SCHEMAS;

/** Actions of `api` that have a payload schema. */
export type ValidatedAction<A extends ApiName> = keyof Schemas[A] & string;

/** The parsed, defaulted payload of `action` in `api`. */
export type PayloadOf<A extends ApiName, K extends ValidatedAction<A>> = Schemas[A][K] extends z.ZodType
  ? z.output<Schemas[A][K]>
  : never;

/** Request payload schemas by API and action. Methods not listed are checked only for being an object. */
export const PAYLOAD_SCHEMAS: Record<ApiName, Record<string, z.ZodType>> = SCHEMAS;

// zod words a missing field as "expected string, received undefined"; LiveChat clients are used to "Required".
const MISSING_CODES = new Set(['invalid_type', 'invalid_value', 'invalid_union']);
const errorMap = (issue: { code?: string; input?: unknown }): string | undefined =>
  issue.input === undefined && MISSING_CODES.has(issue.code ?? '') ? 'Required' : undefined;

/**
 * Validates the payload of a request: first what any payload must satisfy
 * (storable strings, finite numbers, bounded depth and size — so methods
 * without a schema are covered too), then the method's schema. Unknown
 * top-level keys are dropped (SDKs send extras), defaults are filled in,
 * server-filled event fields removed. An absent payload counts as `{}`, as on
 * the Web API.
 *
 * @returns the parsed payload
 * @throws ApiError `validation` whose message names each offending field, e.g. `chat_id: Required`
 */
export function validatePayload<A extends ApiName, K extends ValidatedAction<A>>(api: A, action: K, payload: unknown): PayloadOf<A, K>;
export function validatePayload(api: ApiName, action: string, payload: unknown): unknown;
export function validatePayload(api: ApiName, action: string, payload: unknown): unknown {
  const value = payload === undefined ? {} : payload;
  assertStorablePayload(value);
  const schema = Object.prototype.hasOwnProperty.call(PAYLOAD_SCHEMAS[api], action) ? PAYLOAD_SCHEMAS[api][action] : undefined;
  if (!schema) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new ApiError('validation', 'payload: must be an object');
    }
    return value;
  }
  const result = schema.safeParse(value, { error: errorMap });
  if (!result.success) throw new ApiError('validation', describeIssues(result.error.issues));
  return result.data;
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((issue) => `${describePath(issue.path)}: ${describeIssue(issue)}`).join('; ');
}

// zod says "Invalid key in record"; the key's own problem is what the client can fix.
function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_key' && issue.issues.length > 0) return `invalid key: ${issue.issues[0].message}`;
  return issue.message;
}
