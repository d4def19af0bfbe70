import { All, Controller, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ActionRegistry, Authenticator, parsePayload, readBody, sendError, sendJson, serveWebApi } from '@switchboard/gateway-kit';
import { CustomerIdentity } from './customer-identity';
import { CUSTOMER_ACTIONS } from './tokens';

@Controller()
export class CustomerApiController {
  constructor(
    @Inject(CUSTOMER_ACTIONS) private readonly registry: ActionRegistry,
    private readonly authenticator: Authenticator,
    private readonly identity: CustomerIdentity,
  ) {}

  /** `POST /v3.N/customer/action/<action>?organization_id=…`: the Customer Chat Web API. */
  @All(':version/customer/action/:action')
  handle(
    @Param('version') version: string,
    @Param('action') action: string,
    @Query() query: Record<string, unknown>,
    @Req() request: IncomingMessage,
    @Res() response: ServerResponse,
  ): Promise<void> {
    return serveWebApi({ api: 'customer', version, action, request, response, query }, this.registry, this.authenticator);
  }

  /**
   * `POST /customer/token` {organization_id}: a customer access token for a
   * chat widget, no secret needed. The customer is re-identified by the
   * signed `__lc_cid`/`__lc_cst` cookies this endpoint sets, like LiveChat's
   * cookie grant; without them a new customer is created.
   */
  @Post(['customer/token', 'v2/customer/token'])
  async token(@Req() request: IncomingMessage, @Res() response: ServerResponse): Promise<void> {
    try {
      const body = parsePayload(await readBody(request));
      const issued = await this.identity.issue(body, request.headers.cookie);
      response.setHeader('Set-Cookie', issued.cookies);
      sendJson(response, 200, issued.body);
    } catch (error) {
      sendError(response, error);
    }
  }
}
