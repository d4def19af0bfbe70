import { ApiError, ApiName, findMethod, validatePayload } from '@switchboard/protocol';
import { ActionHandler, PublicActionHandler, PublicRequestContext, RequestContext } from './context';
import { DEFAULT_REQUEST_TIMEOUT_MS, withRequestTimeout } from './request-timeout';

export interface ActionRegistryOptions {
  /** A handler that has not answered by then gets `request_timeout` (REQUEST_TIMEOUT_MS). */
  requestTimeoutMs?: number;
}

/**
 * The methods one API serves. Both transports dispatch through it, so a
 * method is validated and handled the same way on Web and RTM.
 */
export class ActionRegistry {
  private readonly handlers = new Map<string, ActionHandler>();
  private readonly publicHandlers = new Map<string, PublicActionHandler>();
  readonly requestTimeoutMs: number;

  constructor(
    readonly api: ApiName,
    options: ActionRegistryOptions = {},
  ) {
    this.requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  }

  register(action: string, handler: ActionHandler): this {
    if (!findMethod(this.api, action)) throw new Error(`${this.api} has no method ${action}`);
    this.handlers.set(action, handler);
    return this;
  }

  /** A method the catalogue marks `no auth`, served to callers without a token (they get no requester). */
  registerPublic(action: string, handler: PublicActionHandler): this {
    if (!findMethod(this.api, action)?.noAuth) throw new Error(`${this.api} ${action} is not a method served without a token`);
    this.publicHandlers.set(action, handler);
    return this;
  }

  implemented(action: string): boolean {
    return this.handlers.has(action) || this.publicHandlers.has(action);
  }

  /** A `no auth` method called without a token: the same checks as {@link dispatch}, then its public handler. */
  async dispatchPublic(context: PublicRequestContext, action: string, payload: unknown, httpMethod = 'POST'): Promise<unknown> {
    this.check({ ...context, transport: 'web' }, action, httpMethod);
    const handler = this.publicHandlers.get(action);
    if (!handler) throw new ApiError('authentication', 'Missing access token');
    return withRequestTimeout(handler(validatePayload(this.api, action, payload), context), this.requestTimeoutMs);
  }

  /**
   * Checks the method exists on this transport, validates the payload and runs
   * the handler. A method of the API that is not built yet answers
   * `service_unavailable` (HTTP 501) rather than a 404 page or a hang; one
   * that does not answer within the request timeout, `request_timeout`.
   */
  async dispatch(context: RequestContext, action: string, payload: unknown, httpMethod = 'POST'): Promise<unknown> {
    this.check(context, action, httpMethod);
    const handler = this.handlers.get(action) ?? this.publicOnes(action);
    if (!handler) throw new ApiError('service_unavailable', `${action} is not implemented by this server yet`, { reason: 'not_implemented' });
    return withRequestTimeout(handler(context, validatePayload(this.api, action, payload)), this.requestTimeoutMs);
  }

  /** A public method called with a token is served the same as without one. */
  private publicOnes(action: string): ActionHandler | undefined {
    const handler = this.publicHandlers.get(action);
    return handler && ((context, payload) => handler(payload, context));
  }

  private check(context: Pick<RequestContext, 'transport'>, action: string, httpMethod: string): void {
    const method = findMethod(this.api, action);
    if (!method) throw new ApiError('validation', `Unknown action: ${action}`);
    if (context.transport === 'web' && !method.web) throw new ApiError('validation', `${action} is available over RTM only`);
    if (context.transport === 'rtm' && !method.rtm) throw new ApiError('validation', `${action} is available over the Web API only`);
    if (context.transport === 'web' && httpMethod === 'GET' && !method.httpGet) {
      throw new ApiError('validation', `${action} must be called with POST`);
    }
  }
}
