import { CHAT_PROPERTY_ACTIONS, ChatAuthorization, ChatPropertyActions, ChatPropertyPayload, ChatQueries, Reader } from '@switchboard/chat/application';
import { UserRef } from '@switchboard/chat/domain';
import { PropertyRequester } from '@switchboard/configuration/domain';
import { ActionRegistry, commandOrigin, holdsScope, RequestContext, requireScope } from '@switchboard/gateway-kit';
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


/** Chat, thread and event properties and thread tags of the Agent Chat API (agent-chat-api §5, §6). */
export function registerAgentChatPropertyHandlers(registry: ActionRegistry, actions: ChatPropertyActions, queries: ChatQueries): void {
  const user = (context: RequestContext): UserRef => ({ id: context.requester.id, type: 'agent' });
  const access = (context: RequestContext): ChatAuthorization => (record, inTransaction) =>
    queries.checkAccess(context.organizationId, record, reader(context), inTransaction);

  for (const action of CHAT_PROPERTY_ACTIONS) {
    registry.register(action, async (context, payload: ChatPropertyPayload) => {
      requireScope(context, ...WRITE);
      const actor = { user: user(context), properties: agentPropertyRequester(context) };
      return actions.run(context.organizationId, actor, action, payload, commandOrigin(context), access(context));
    });
  }

  for (const action of ['tag_thread', 'untag_thread'] as const) {
    registry.register(action, async (context, payload: PayloadOf<'agent', 'tag_thread'>) => {
      requireScope(context, ...WRITE);
      return actions.tag(context.organizationId, user(context), payload, action === 'untag_thread', commandOrigin(context), access(context));
    });
  }
}
