import { ChatService } from '@switchboard/chat/application';
import { CustomerCommands, CustomerProfileActions } from '@switchboard/customer/application';
import { ActionRegistry, commandOrigin } from '@switchboard/gateway-kit';
import { Infrastructure } from '@switchboard/platform';
import { PayloadOf } from '@switchboard/protocol';
import { CustomerRecords } from '@switchboard/read-models';

/** The profile methods, wired to the infrastructure (one line in the module). */
export function registerCustomerProfile(registry: ActionRegistry, { store, db }: Infrastructure): void {
  registerCustomerProfileHandlers(registry, new CustomerProfileActions(new CustomerCommands(store), new CustomerRecords(db), new ChatService(store)));
}

/** The customer's own profile (customer-chat-api §5): `update_customer` and `set_customer_session_fields`. */
export function registerCustomerProfileHandlers(registry: ActionRegistry, actions: CustomerProfileActions): void {
  registry.register('update_customer', async (context, payload: PayloadOf<'customer', 'update_customer'>) =>
    actions.updateOwn(context.organizationId, context.requester.id, payload, commandOrigin(context)),
  );

  registry.register('set_customer_session_fields', async (context, payload: PayloadOf<'customer', 'set_customer_session_fields'>) =>
    actions.updateOwn(context.organizationId, context.requester.id, { session_fields: payload.session_fields }, commandOrigin(context)),
  );
}
