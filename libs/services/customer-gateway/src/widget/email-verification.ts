import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { CustomerCommands, CustomerCommandOrigin } from '@switchboard/customer/application';
import { CustomerState } from '@switchboard/customer/domain';
import { Mailer } from '@switchboard/platform';
import { ApiError } from '@switchboard/protocol';
import { ReadModels } from '@switchboard/read-models';
import { PageFetcher } from '../url-info/page-fetcher';

/** At most one verification e-mail a minute to a customer's address: the mailbox is someone else's until verified. */
const MAIL_INTERVAL_MS = 60_000;

/** The path of the confirmation link in the e-mail (served by {@link EmailVerificationController}). */
export const VERIFY_EMAIL_PATH = 'customer/verify_email';

/**
 * `request_email_verification` (customer-chat-api.md §7): the customer gets
 * an e-mail with a confirmation link; following it verifies the address, and
 * the server POSTs `{email, customer_id}` to the request's `callback_uri`
 * once (200 expected, no retries). The domain keeps the 10 most recent
 * requests and voids those older than 7 days; an address already verified is
 * called back at once, without an e-mail; one e-mail a minute at most (ADR 0033).
 */
export class EmailVerification {
  private readonly logger = new Logger('email-verification');

  constructor(
    private readonly customers: CustomerCommands,
    private readonly readModels: ReadModels,
    private readonly mailer: Mailer,
    private readonly callbacks: PageFetcher,
    private readonly publicUrl: string | undefined,
  ) {}

  async request(organizationId: string, customerId: string, callbackUri: string, origin: CustomerCommandOrigin & { url?: string }): Promise<void> {
    const customer = await this.customer(organizationId, customerId);
    if (customer.email && customer.email_verified) {
      this.callBack(callbackUri, customer.email, customerId);
      return;
    }
    const last = customer.email_verifications?.at(-1);
    if (last && last.email === customer.email && Date.now() - Date.parse(last.requested_at) < MAIL_INTERVAL_MS) {
      throw new ApiError('too_many_requests', 'A verification e-mail was sent to this address less than a minute ago');
    }
    // The code in the link is the only proof of reading the mailbox: 32 random bytes.
    const code = randomBytes(32).toString('base64url');
    const now = new Date().toISOString();
    await this.customers.execute(organizationId, { type: 'request_email_verification', id: customerId, now, verification_id: code, callback_uri: callbackUri }, origin);
    const link = new URL(`${this.publicUrl ?? origin.url ?? 'http://localhost'}/${VERIFY_EMAIL_PATH}`);
    link.search = new URLSearchParams({ organization_id: organizationId, customer_id: customerId, code }).toString();
    await this.mailer.send({
      organizationId,
      to: [customer.email!],
      subject: 'Confirm your e-mail address',
      text: `Please confirm that ${customer.email} is your e-mail address by opening this link:\n\n${link.href}\n\nThe link is valid for 7 days. If you did not ask for it, ignore this e-mail.\n`,
    });
  }

  /** The customer followed the link: verified, then called back. `not_found` for an unknown, superseded or expired code. */
  async confirm(organizationId: string, customerId: string, code: string): Promise<void> {
    const customer = await this.customer(organizationId, customerId);
    const pending = customer.email_verifications?.find((r) => r.verification_id === code);
    await this.customers.execute(organizationId, { type: 'verify_email', id: customerId, verification_id: code, now: new Date().toISOString() });
    if (pending) this.callBack(pending.callback_uri, pending.email, customerId);
  }

  private async customer(organizationId: string, customerId: string): Promise<CustomerState> {
    const customer = (await this.readModels.customers(organizationId, [customerId])).get(customerId) as CustomerState | undefined;
    if (!customer) throw new ApiError('not_found', 'Customer not found');
    return customer;
  }

  /** One POST, not awaited by the caller's answer; a failure is only logged (the spec says no retries). */
  private callBack(callbackUri: string, email: string, customerId: string): void {
    this.callbacks
      .postJson(callbackUri, { email, customer_id: customerId })
      .then((status) => {
        if (status !== 200) this.logger.warn(`e-mail verification callback to ${new URL(callbackUri).host} answered ${status}`);
      })
      .catch((error: Error) => this.logger.warn(`e-mail verification callback to ${new URL(callbackUri).host} failed: ${error.message}`));
  }
}
