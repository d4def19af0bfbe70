import { ApiError, ApiName, findMethod, validatePayload } from '@switchboard/protocol';
import { ActionHandler, RequestContext } from './context';
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

  implemented(action: string): boolean {
    return this.handlers.has(action);
  }

  /**
   * Checks the method exists on this transport, validates the payload and runs
   * the handler. A method of the API that is not built yet answers
   * `service_unavailable` (HTTP 501) rather than a 404 page or a hang; one
   * that does not answer within the request timeout, `request_timeout`.
   */
  async dispatch(context: RequestContext, action: string, payload: unknown, httpMethod = 'POST'): Promise<unknown> {
    const method = findMethod(this.api, action);
    if (!method) throw new ApiError('validation', `Unknown action: ${action}`);
    if (context.transport === 'web' && !method.web) throw new ApiError('validation', `${action} is available over RTM only`);
    if (context.transport === 'rtm' && !method.rtm) throw new ApiError('validation', `${action} is available over the Web API only`);
    if (context.transport === 'web' && httpMethod === 'GET' && !method.httpGet) {
      throw new ApiError('validation', `${action} must be called with POST`);
    }
    const handler = this.handlers.get(action);
    if (!handler) throw new ApiError('service_unavailable', `${action} is not implemented by this server yet`, { reason: 'not_implemented' });
    return withRequestTimeout(handler(context, validatePayload(this.api, action, payload)), this.requestTimeoutMs);
  }
}
