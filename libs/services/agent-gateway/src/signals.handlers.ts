import { ChatQueries, ChatService, LiveSignals, SignalActions } from '@switchboard/chat/application';
import { ActionRegistry, commandOrigin, RequestContext, requireScope, SignalRelay } from '@switchboard/gateway-kit';
import { PayloadOf } from '@switchboard/protocol';
import { ReadModels } from '@switchboard/read-models';
import { READ, reader, WRITE } from './chat.handlers';


/**
 * Seen marks, rich-message postbacks, typing indicators and multicast of the
 * Agent Chat API. A bot acts through `X-Author-Id` / `author_id` like any agent.
 */
export function registerAgentSignalHandlers(
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

  registry.register('mark_events_as_seen', async (context, payload: PayloadOf<'agent', 'mark_events_as_seen'>) => {
    requireScope(context, ...READ);
    return actions.markEventsAsSeen(context.organizationId, { id: context.requester.id, type: 'agent' }, payload, commandOrigin(context), access(context));
  });

  registry.register('send_rich_message_postback', async (context, payload: PayloadOf<'agent', 'send_rich_message_postback'>) => {
    requireScope(context, ...WRITE);
    const requester = { id: context.requester.id, type: 'agent' as const };
    return actions.sendRichMessagePostback(context.organizationId, requester, payload, commandOrigin(context), access(context));
  });

  registry.register('send_typing_indicator', async (context, payload: PayloadOf<'agent', 'send_typing_indicator'>) => {
    requireScope(context, ...WRITE);
    relay.send(context.organizationId, await live.typingIndicator(context.organizationId, reader(context), payload));
    return {};
  });

  registry.register('multicast', async (context, payload: PayloadOf<'agent', 'multicast'>) => {
    requireScope(context, 'multicast:rw');
    relay.send(context.organizationId, await live.multicast(context.organizationId, context.requester.id, payload));
    return {};
  });
}
