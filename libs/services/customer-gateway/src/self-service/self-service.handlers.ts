import { ActionRegistry, RequestContext } from '@switchboard/gateway-kit';
import { ApiError, PayloadOf } from '@switchboard/protocol';
import { CustomerSelfService } from './customer-self-service';
import { customerState, customerView } from './customer-view';

/** The customer's methods about itself (ADR 0031): who they are, and the page they are on. */
export function registerSelfServiceHandlers(registry: ActionRegistry, self: CustomerSelfService): void {
  registry.register('get_customer', async (context: RequestContext) =>
    customerView(await customerState(self.readModels, context.organizationId, context.requester.id)),
  );

  registry.register('update_customer_page', async (context: RequestContext, payload: PayloadOf<'customer', 'update_customer_page'>) => {
    const connection = context.connectionId === undefined ? undefined : self.connections.get(context.connectionId);
    if (!connection) throw new ApiError('authentication', 'Log in first');
    const origin = { requesterId: context.requester.id, connectionId: context.connectionId, requestId: context.requestId };
    await self.visits.viewPage(connection, context.organizationId, context.requester.id, payload, origin);
    return {};
  });
}
