import { ChatQueries, ChatService, LiveSignals, SignalActions } from '@switchboard/chat/application';
import { ActionRegistry, commandOrigin, RequestContext, SignalRelay } from '@switchboard/gateway-kit';
import { PayloadOf } from '@switchboard/protocol';
import { ReadModels } from '@switchboard/read-models';
import { reader } from './chat.handlers';


/** Seen marks, rich-message postbacks and sneak peeks of the Customer Chat API: the customer's own chat only. */
export function registerCustomerSignalHandlers(
  registry: ActionRegistry,
  chats: ChatService,
  queries: ChatQueries,
  readModels: ReadModels,
  relay: SignalRelay,
): void {
  const actions = new SignalActions(chats, readModels);
  const live = new LiveSignals(queries, readModels);
  const access = (context: RequestContext) => (record: Parameters<ChatQueries['checkAccess']>[1], inTransaction: ReadModels) =>
    queries.checkAccess(context.organizationId, record, reader(context), inTransaction);
  const customer = (context: RequestContext) => ({ id: context.requester.id, type: 'customer' as const });

  registry.register('mark_events_as_seen', async (context, payload: PayloadOf<'customer', 'mark_events_as_seen'>) =>
    actions.markEventsAsSeen(context.organizationId, customer(context), payload, commandOrigin(context), access(context)),
  );

  registry.register('send_rich_message_postback', async (context, payload: PayloadOf<'customer', 'send_rich_message_postback'>) =>
    actions.sendRichMessagePostback(context.organizationId, customer(context), payload, commandOrigin(context), access(context)),
  );

  registry.register('send_sneak_peek', async (context, payload: PayloadOf<'customer', 'send_sneak_peek'>) => {
    relay.send(context.organizationId, await live.sneakPeek(context.organizationId, reader(context), payload));
    return {};
  });
}
