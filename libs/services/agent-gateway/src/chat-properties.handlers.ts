import { CHAT_PROPERTY_ACTIONS, ChatAuthorization, ChatPropertyActions, ChatPropertyPayload, ChatQueries } from '@switchboard/chat/application';
import { UserRef } from '@switchboard/chat/domain';
import { ActionRegistry, commandOrigin, RequestContext, requireScope } from '@switchboard/gateway-kit';
import { PayloadOf } from '@switchboard/protocol';
import { agentPropertyRequester, reader, WRITE } from './chat.handlers';

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
