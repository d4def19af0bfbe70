import { ChatPropertyActions, ChatQueries, PropertyTarget } from '@switchboard/chat/application';
import { ActionRegistry, RequestContext } from '@switchboard/gateway-kit';
import { PayloadOf } from '@switchboard/protocol';

const origin = (context: RequestContext) => ({
  connectionId: context.connectionId,
  requestId: context.requestId,
  correlationId: context.correlationId,
});

/**
 * Chat, thread and event properties of the Customer Chat API (§4): only the
 * customer's own chat, only what the definitions let the `customer` role write.
 */
export function registerCustomerChatPropertyHandlers(registry: ActionRegistry, actions: ChatPropertyActions, queries: ChatQueries): void {
  const actor = (context: RequestContext) => ({ user: { id: context.requester.id, type: 'customer' as const }, properties: { role: 'customer' as const } });
  const access = (context: RequestContext) => (record: Parameters<ChatQueries['checkAccess']>[1], inTransaction: Parameters<ChatQueries['checkAccess']>[3]) =>
    queries.checkAccess(context.organizationId, record, { type: 'customer', id: context.requester.id }, inTransaction);
  const update = (context: RequestContext, target: PropertyTarget, properties: PayloadOf<'customer', 'update_chat_properties'>['properties']) =>
    actions.update(context.organizationId, actor(context), target, properties, origin(context), access(context));
  const remove = (context: RequestContext, target: PropertyTarget, properties: PayloadOf<'customer', 'delete_chat_properties'>['properties']) =>
    actions.delete(context.organizationId, actor(context), target, properties, origin(context), access(context));

  registry.register('update_chat_properties', (context, p: PayloadOf<'customer', 'update_chat_properties'>) =>
    update(context, { location: 'chat', chat_id: p.id }, p.properties),
  );
  registry.register('delete_chat_properties', (context, p: PayloadOf<'customer', 'delete_chat_properties'>) =>
    remove(context, { location: 'chat', chat_id: p.id }, p.properties),
  );
  registry.register('update_thread_properties', (context, p: PayloadOf<'customer', 'update_thread_properties'>) =>
    update(context, { location: 'thread', chat_id: p.chat_id, thread_id: p.thread_id }, p.properties),
  );
  registry.register('delete_thread_properties', (context, p: PayloadOf<'customer', 'delete_thread_properties'>) =>
    remove(context, { location: 'thread', chat_id: p.chat_id, thread_id: p.thread_id }, p.properties),
  );
  registry.register('update_event_properties', (context, p: PayloadOf<'customer', 'update_event_properties'>) =>
    update(context, { location: 'event', chat_id: p.chat_id, thread_id: p.thread_id, event_id: p.event_id }, p.properties),
  );
  registry.register('delete_event_properties', (context, p: PayloadOf<'customer', 'delete_event_properties'>) =>
    remove(context, { location: 'event', chat_id: p.chat_id, thread_id: p.thread_id, event_id: p.event_id }, p.properties),
  );
}
