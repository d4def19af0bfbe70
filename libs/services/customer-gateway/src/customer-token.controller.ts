import { Controller, Inject, Post, Req, Res } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parsePayload, RateLimiter, readBody, sendError, sendJson, servedOverTls } from '@switchboard/gateway-kit';
import { Settings, SETTINGS_TOKEN } from '@switchboard/platform';
import { CustomerIdentity } from './customer-identity';

@Controller()
export class CustomerTokenController {
  constructor(
    private readonly identity: CustomerIdentity,
    private readonly limiter: RateLimiter,
    @Inject(SETTINGS_TOKEN) private readonly settings: Settings,
  ) {}

  /**
   * `POST /customer/token` {organization_id}: a customer access token for a
   * chat widget, no secret needed. The customer is re-identified by the
   * signed `__lc_cid`/`__lc_cst` cookies this endpoint sets, like LiveChat's
   * cookie grant; without them a new customer is created.
   */
  @Post(['customer/token', 'v2/customer/token'])
  async token(@Req() request: IncomingMessage, @Res() response: ServerResponse): Promise<void> {
    try {
      // No secret needed, so the tightest limit: each call may create a customer.
      this.limiter.admitWithoutToken(request);
      const body = parsePayload(await readBody(request));
      const issued = await this.identity.issue(body, request.headers.cookie, servedOverTls(request, this.settings.trustProxy));
      response.setHeader('Set-Cookie', issued.cookies);
      sendJson(response, 200, issued.body);
    } catch (error) {
      sendError(response, error);
    }
  }
}
