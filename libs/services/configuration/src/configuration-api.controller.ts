import { All, Controller, Inject, Param, Query, Req, Res } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ActionRegistry, Authenticator, serveWebApi } from '@switchboard/gateway-kit';
import { CONFIGURATION_ACTIONS } from './tokens';

/** `POST /v3.N/configuration/action/<action>` (Web only; GET where the spec allows it). */
@Controller()
export class ConfigurationApiController {
  constructor(
    @Inject(CONFIGURATION_ACTIONS) private readonly registry: ActionRegistry,
    private readonly authenticator: Authenticator,
  ) {}

  @All(':version/configuration/action/:action')
  handle(
    @Param('version') version: string,
    @Param('action') action: string,
    @Query() query: Record<string, unknown>,
    @Req() request: IncomingMessage,
    @Res() response: ServerResponse,
  ): Promise<void> {
    return serveWebApi({ api: 'configuration', version, action, request, response, query }, this.registry, this.authenticator);
  }
}
