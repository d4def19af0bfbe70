import { All, Controller, Inject, Param, Query, Req, Res, Type } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiName } from '@switchboard/protocol';
import { ActionRegistry } from '../action-registry';
import { Authenticator } from '../authenticator';
import { RateLimiter } from '../limits/rate-limiter';
import { GatewayMetrics } from '../metrics/gateway-metrics';
import { RequestMeter } from '../metrics/request-meter';
import { serveWebApi } from './web-api';

/**
 * The controller of one API's Web endpoint, `/v3.N/<api>/action/<action>`
 * (any method: GET is allowed where the spec says so), dispatching through
 * the API's registry (provided under `registryToken`).
 */
export function webApiController(api: ApiName, registryToken: symbol): Type<unknown> {
  @Controller()
  class WebApiController {
    private readonly meter: RequestMeter;

    constructor(
      @Inject(registryToken) private readonly registry: ActionRegistry,
      @Inject(Authenticator) private readonly authenticator: Authenticator,
      @Inject(RateLimiter) private readonly limiter: RateLimiter,
      @Inject(GatewayMetrics) metrics: GatewayMetrics,
    ) {
      this.meter = metrics.requestMeter(api, 'web');
    }

    @All(`:version/${api}/action/:action`)
    handle(
      @Param('version') version: string,
      @Param('action') action: string,
      @Query() query: Record<string, unknown>,
      @Req() request: IncomingMessage,
      @Res() response: ServerResponse,
    ): Promise<void> {
      return serveWebApi({ api, version, action, request, response, query }, this.registry, this.authenticator, this.limiter, this.meter);
    }
  }
  return WebApiController;
}
