import { CHAT_PROPERTY_ACTIONS, ChatPropertyActions, ChatPropertyPayload, ChatQueries } from '@switchboard/chat/application';
import { ActionRegistry, commandOrigin } from '@switchboard/gateway-kit';
import { CUSTOMER_PROPERTIES, reader } from './chat.handlers';

/**
 * Chat, thread and event properties of the Customer Chat API (§4): only the
 * customer's own chat, only what the definitions let the `customer` role write.
 */
export function registerCustomerChatPropertyHandlers(registry: ActionRegistry, actions: ChatPropertyActions, queries: ChatQueries): void {
  for (const action of CHAT_PROPERTY_ACTIONS) {
    registry.register(action, (context, payload: ChatPropertyPayload) =>
      actions.run(
        context.organizationId,
        { user: { id: context.requester.id, type: 'customer' }, properties: CUSTOMER_PROPERTIES },
        action,
        payload,
        commandOrigin(context),
        (record, inTransaction) => queries.checkAccess(context.organizationId, record, reader(context), inTransaction),
      ),
    );
  }
}
