import { Controller, Get, Query, Res } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { isApiError } from '@switchboard/protocol';
import { logUnexpected } from '@switchboard/gateway-kit';
import { EmailVerification, VERIFY_EMAIL_PATH } from './email-verification';

const page = (response: ServerResponse, status: number, message: string) => {
  const html = `<!doctype html><meta charset="utf-8"><title>E-mail verification</title><p>${message}</p>`;
  response.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(html), 'Cache-Control': 'no-store' });
  response.end(html);
};

const isId = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= 256 && /^[A-Za-z0-9_.@:-]+$/.test(value);

/** The link of the verification e-mail: a person opens it in a browser, so it answers a short page. */
@Controller()
export class EmailVerificationController {
  constructor(private readonly verification: EmailVerification) {}

  @Get(VERIFY_EMAIL_PATH)
  async confirm(@Query() query: Record<string, unknown>, @Res() response: ServerResponse): Promise<void> {
    const { organization_id: organizationId, customer_id: customerId, code } = query;
    if (!isId(organizationId) || !isId(customerId) || !isId(code)) return page(response, 400, 'This link is not valid.');
    try {
      await this.verification.confirm(organizationId, customerId, code);
      page(response, 200, 'Thank you: your e-mail address is confirmed.');
    } catch (error) {
      if (isApiError(error) && error.type === 'not_found') return page(response, 404, 'This link is not valid any more: it was replaced by a newer one or has expired.');
      logUnexpected('verify_email', error);
      page(response, 500, 'Something went wrong; please try again later.');
    }
  }
}
