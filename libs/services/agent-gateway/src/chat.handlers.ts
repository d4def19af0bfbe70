import { ChatActions, ChatQueries, Reader } from '@switchboard/chat/application';
import { NewChatEvent, UserRef } from '@switchboard/chat/domain';
import { PropertyRequester } from '@switchboard/configuration/domain';
import { ActionRegistry, commandOrigin, holdsScope, RequestContext, requireScope } from '@switchboard/gateway-kit';
import { PayloadOf } from '@switchboard/protocol';
import { ReadModels } from '@switchboard/read-models';

export const READ = ['chats--all:ro', 'chats--access:ro'];
export const WRITE = ['chats--all:rw', 'chats--access:rw'];

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

export const reader = (context: RequestContext): Reader => ({
  type: 'agent',
  id: context.requester.id,
  allChats: holdsScope(context, 'chats--all:ro'),
  properties: agentPropertyRequester(context),
});


/** The agent as a chat user, with the name system messages show. */
export async function agentRef(readModels: ReadModels, context: RequestContext): Promise<UserRef> {
  const agent = await readModels.agent(context.organizationId, context.requester.id);
  return { id: context.requester.id, type: 'agent', name: agent?.profile.name };
}

/** Chat methods of the Agent Chat API. Access to a chat is checked before any change. */
export function registerAgentChatHandlers(registry: ActionRegistry, actions: ChatActions, queries: ChatQueries, readModels: ReadModels): void {
  registry.register('list_chats', async (context, payload: PayloadOf<'agent', 'list_chats'>) => {
    requireScope(context, ...READ);
    return queries.listChats(context.organizationId, payload, reader(context), 100);
  });

  registry.register('list_threads', async (context, payload: PayloadOf<'agent', 'list_threads'>) => {
    requireScope(context, ...READ);
    return queries.listThreads(context.organizationId, payload, reader(context));
  });

  registry.register('get_chat', async (context, payload: PayloadOf<'agent', 'get_chat'>) => {
    requireScope(context, ...READ);
    return queries.getChat(context.organizationId, payload.chat_id, payload.thread_id, reader(context));
  });

  registry.register('send_event', async (context, payload: PayloadOf<'agent', 'send_event'>) => {
    requireScope(context, ...WRITE);
    return actions.send(
      context.organizationId,
      { id: context.requester.id, type: 'agent' },
      { chat_id: payload.chat_id, event: payload.event as NewChatEvent, attach_to_last_thread: payload.attach_to_last_thread },
      commandOrigin(context),
      (record, inTransaction) => queries.checkAccess(context.organizationId, record, reader(context), inTransaction),
      agentPropertyRequester(context),
    );
  });

  registry.register('deactivate_chat', async (context, payload: PayloadOf<'agent', 'deactivate_chat'>) => {
    requireScope(context, ...WRITE);
    return actions.deactivate(context.organizationId, await agentRef(readModels, context), payload, commandOrigin(context), (record, inTransaction) =>
      queries.checkAccess(context.organizationId, record, reader(context), inTransaction),
    );
  });

  registry.register('start_chat', async (context, payload: PayloadOf<'agent', 'start_chat'>) => {
    requireScope(context, ...WRITE);
    return actions.start(context.organizationId, await agentRef(readModels, context), payload as never, commandOrigin(context), agentPropertyRequester(context));
  });

  registry.register('resume_chat', async (context, payload: PayloadOf<'agent', 'resume_chat'>) => {
    requireScope(context, ...WRITE);
    return actions.resume(
      context.organizationId,
      await agentRef(readModels, context),
      payload as never,
      commandOrigin(context),
      (record, inTransaction) => queries.checkAccess(context.organizationId, record, reader(context), inTransaction),
      agentPropertyRequester(context),
    );
  });
}
