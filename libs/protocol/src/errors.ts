/**
 * The LiveChat v3.4 error model (spec README §6): every failure leaves the
 * server as `{ type, message, data? }`, on the Web API inside `{ "error": … }`
 * and on RTM as the payload of an unsuccessful response frame.
 */

/** Every error type of the v3.4 error model. */
export const ERROR_TYPES = [
  'validation',
  'authentication',
  'authorization',
  'missing_access',
  'not_allowed',
  'not_found',
  'already_exists',
  'chat_inactive',
  'chat_anonymized',
  'agent_offline',
  'customer_banned',
  'group_not_found',
  'group_offline',
  'group_unavailable',
  'groups_offline',
  'greeting_not_found',
  'entity_too_large',
  'limit_reached',
  'license_expired',
  'license_not_found',
  'wrong_product_version',
  'unsupported_version',
  'misdirected_request',
  'too_many_requests',
  'pending_requests_limit_reached',
  'request_timeout',
  'service_unavailable',
  'internal',
  'requester_already_offline',
  'requester_awaiting_approval',
  'requester_suspended',
  'seats_limit_exceeded',
  'users_limit_reached',
  'ownership_transfer',
] as const;

/** An error `type` as it appears on the wire. */
export type ErrorType = (typeof ERROR_TYPES)[number];

/** The documented default message of each error type, used when no more specific message is given. */
export const DEFAULT_MESSAGES: Record<ErrorType, string> = {
  validation: 'Wrong format of request',
  authentication: 'Authentication error',
  authorization: 'Authorization error',
  missing_access: 'Missing access',
  not_allowed: 'Not allowed',
  not_found: 'Not found',
  already_exists: 'Already exists',
  chat_inactive: 'Chat is inactive',
  chat_anonymized: 'Chat anonymized',
  agent_offline: 'Agent offline',
  customer_banned: 'Customer is banned',
  group_not_found: 'Group not found',
  group_offline: 'Group is offline',
  group_unavailable: 'No agent available for group',
  groups_offline: 'Groups offline',
  greeting_not_found: 'Greeting not found',
  entity_too_large: 'Upload limit exceeded (10MB).',
  limit_reached: 'Limit reached',
  license_expired: 'License expired',
  license_not_found: 'License not found',
  wrong_product_version: 'Wrong product version',
  unsupported_version: 'Cannot call unsupported API versions.',
  misdirected_request: 'Wrong region',
  too_many_requests: 'Too many requests',
  pending_requests_limit_reached: 'Requests limit reached',
  request_timeout: 'Request timed out',
  service_unavailable: 'Service unavailable',
  internal: 'Internal server error',
  requester_already_offline: 'Requester is already offline',
  requester_awaiting_approval: 'Requester awaiting approval',
  requester_suspended: 'Requester suspended',
  seats_limit_exceeded: 'Seats limit exceeded',
  users_limit_reached: 'Users limit reached',
  ownership_transfer: 'Invalid transfer ownership request',
};

/**
 * HTTP status of each error type on the Web API. LiveChat publishes none, so
 * this is the spec's proposed mapping (README §5); SDKs read the error object
 * from the body whatever the status, so only the 2xx/non-2xx split matters to them.
 */
export const HTTP_STATUS: Record<ErrorType, number> = {
  validation: 400,
  authentication: 401,
  authorization: 403,
  missing_access: 403,
  not_allowed: 403,
  customer_banned: 403,
  requester_already_offline: 403,
  requester_awaiting_approval: 403,
  requester_suspended: 403,
  seats_limit_exceeded: 403,
  users_limit_reached: 403,
  not_found: 404,
  group_not_found: 404,
  greeting_not_found: 404,
  license_not_found: 404,
  already_exists: 409,
  entity_too_large: 413,
  misdirected_request: 421,
  chat_inactive: 422,
  chat_anonymized: 422,
  agent_offline: 422,
  group_offline: 422,
  group_unavailable: 422,
  groups_offline: 422,
  limit_reached: 422,
  license_expired: 422,
  wrong_product_version: 422,
  ownership_transfer: 422,
  unsupported_version: 400,
  too_many_requests: 429,
  pending_requests_limit_reached: 429,
  internal: 500,
  service_unavailable: 503,
  request_timeout: 504,
};

/** The error object sent to clients. */
export interface ErrorObject {
  type: ErrorType;
  message: string;
  data?: Record<string, unknown>;
}

/** A failure meant for the client: its type, message and data go on the wire unchanged. */
export class ApiError extends Error {
  readonly data?: Record<string, unknown>;

  /**
   * @param type error type from the v3.4 error model
   * @param message client-facing message; defaults to the documented one
   * @param data extra details for the client, e.g. `{ region: 'fra' }` for `misdirected_request`
   */
  constructor(
    readonly type: ErrorType,
    message?: string,
    data?: Record<string, unknown>,
  ) {
    super(message ?? DEFAULT_MESSAGES[type]);
    this.name = 'ApiError';
    if (data !== undefined) this.data = data;
  }
}

/**
 * True for an {@link ApiError}. Deliberately not duck-typed: an unrelated
 * error that happens to carry a `type` field must not reach the client.
 */
export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** True when `value` is one of {@link ERROR_TYPES}. */
export function isErrorType(value: unknown): value is ErrorType {
  return typeof value === 'string' && (ERROR_TYPES as readonly string[]).includes(value);
}

/**
 * The wire error object for anything thrown while handling a request. Only an
 * {@link ApiError} is shown as is; anything else is a bug or an infrastructure
 * failure whose message may reveal internals, so the client sees `internal`.
 */
export function toErrorObject(error: unknown): ErrorObject {
  if (!isApiError(error)) return { type: 'internal', message: DEFAULT_MESSAGES.internal };
  const object: ErrorObject = { type: error.type, message: error.message };
  if (error.data !== undefined) object.data = error.data;
  return object;
}
