import { ChatPropertyActions, ChatQueries, PropertyTarget, Reader } from '@switchboard/chat/application';
import { UserRef } from '@switchboard/chat/domain';
import { PropertyRequester } from '@switchboard/configuration/domain';
import { ActionRegistry, holdsScope, RequestContext, requireScope } from '@switchboard/gateway-kit';
import { PayloadOf } from '@switchboard/protocol';

const WRITE = ['chats--all:rw', 'chats--access:rw'];

/**
 * An agent (or the bot it acts as) reaches the properties of the application
 * its token was issued for, and those other applications of the organization
 * published. A personal access token acts for the organization: every
 * application's namespace is its own (definitions are per organization, so
 * none of another's can be named). ADR 0027.
 */
export function agentPropertyRequester(context: RequestContext): PropertyRequester {
  const { credential, clientId } = context.requester;
  if (credential === 'pat') return { role: 'agent', owns: () => true, reachesOthers: true };
  return { role: 'agent', owns: (namespace) => namespace === clientId, reachesOthers: true };
}

const reader = (context: RequestContext): Reader => ({
  type: 'agent',
  id: context.requester.id,
  allChats: holdsScope(context, 'chats--all:ro'),
  properties: agentPropertyRequester(context),
});

const origin = (context: RequestContext) => ({
  connectionId: context.connectionId,
  requestId: context.requestId,
  correlationId: context.correlationId,
});

/** Chat, thread and event properties and thread tags of the Agent Chat API (agent-chat-api §5, §6). */
export function registerAgentChatPropertyHandlers(registry: ActionRegistry, actions: ChatPropertyActions, queries: ChatQueries): void {
  const actor = (context: RequestContext) => ({ user: { id: context.requester.id, type: 'agent' } as UserRef, properties: agentPropertyRequester(context) });
  const access = (context: RequestContext) => (record: Parameters<ChatQueries['checkAccess']>[1], inTransaction: Parameters<ChatQueries['checkAccess']>[3]) =>
    queries.checkAccess(context.organizationId, record, reader(context), inTransaction);

  const update = (context: RequestContext, target: PropertyTarget, properties: PayloadOf<'agent', 'update_chat_properties'>['properties']) => {
    requireScope(context, ...WRITE);
    return actions.update(context.organizationId, actor(context), target, properties, origin(context), access(context));
  };
  const remove = (context: RequestContext, target: PropertyTarget, properties: PayloadOf<'agent', 'delete_chat_properties'>['properties']) => {
    requireScope(context, ...WRITE);
    return actions.delete(context.organizationId, actor(context), target, properties, origin(context), access(context));
  };

  registry.register('update_chat_properties', (context, p: PayloadOf<'agent', 'update_chat_properties'>) =>
    update(context, { location: 'chat', chat_id: p.id }, p.properties),
  );
  registry.register('delete_chat_properties', (context, p: PayloadOf<'agent', 'delete_chat_properties'>) =>
    remove(context, { location: 'chat', chat_id: p.id }, p.properties),
  );
  registry.register('update_thread_properties', (context, p: PayloadOf<'agent', 'update_thread_properties'>) =>
    update(context, { location: 'thread', chat_id: p.chat_id, thread_id: p.thread_id }, p.properties),
  );
  registry.register('delete_thread_properties', (context, p: PayloadOf<'agent', 'delete_thread_properties'>) =>
    remove(context, { location: 'thread', chat_id: p.chat_id, thread_id: p.thread_id }, p.properties),
  );
  registry.register('update_event_properties', (context, p: PayloadOf<'agent', 'update_event_properties'>) =>
    update(context, { location: 'event', chat_id: p.chat_id, thread_id: p.thread_id, event_id: p.event_id }, p.properties),
  );
  registry.register('delete_event_properties', (context, p: PayloadOf<'agent', 'delete_event_properties'>) =>
    remove(context, { location: 'event', chat_id: p.chat_id, thread_id: p.thread_id, event_id: p.event_id }, p.properties),
  );

  for (const action of ['tag_thread', 'untag_thread'] as const) {
    registry.register(action, async (context, p: PayloadOf<'agent', 'tag_thread'>) => {
      requireScope(context, ...WRITE);
      return actions.tag(context.organizationId, actor(context).user, p, action === 'untag_thread', origin(context), access(context));
    });
  }
}
