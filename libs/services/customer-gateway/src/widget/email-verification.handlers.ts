import { ActionRegistry, commandOrigin } from '@switchboard/gateway-kit';
import { PayloadOf } from '@switchboard/protocol';
import { EmailVerification } from './email-verification';

/** `request_email_verification` (web): the customer's own address only. */
export function registerEmailVerificationHandlers(registry: ActionRegistry, verification: EmailVerification): void {
  registry.register('request_email_verification', async (context, payload: PayloadOf<'customer', 'request_email_verification'>) => {
    await verification.request(context.organizationId, context.requester.id, payload.callback_uri, {
      ...commandOrigin(context),
      url: context.origin,
    });
    return {};
  });
}
