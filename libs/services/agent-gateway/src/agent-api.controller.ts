import { All, Controller, Inject, Param, Query, Req, Res } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ActionRegistry, Authenticator, serveWebApi } from '@switchboard/gateway-kit';
import { AGENT_ACTIONS } from './tokens';

/** `POST /v3.N/agent/action/<action>`: the Agent Chat Web API. */
@Controller()
export class AgentApiController {
  constructor(
    @Inject(AGENT_ACTIONS) private readonly registry: ActionRegistry,
    private readonly authenticator: Authenticator,
  ) {}

  @All(':version/agent/action/:action')
  handle(
    @Param('version') version: string,
    @Param('action') action: string,
    @Query() query: Record<string, unknown>,
    @Req() request: IncomingMessage,
    @Res() response: ServerResponse,
  ): Promise<void> {
    return serveWebApi({ api: 'agent', version, action, request, response, query }, this.registry, this.authenticator);
  }
}
