import { ChatAuthorization, ChatQueries, MembershipActions } from '@switchboard/chat/application';
import { ActionRegistry, commandOrigin, RequestContext, requireScope } from '@switchboard/gateway-kit';
import { PayloadOf } from '@switchboard/protocol';
import { ReadModels } from '@switchboard/read-models';
import { agentRef, READ, reader, WRITE } from './chat.handlers';

const canReach =
  (queries: ChatQueries, context: RequestContext): ChatAuthorization =>
  (record, inTransaction) =>
    queries.checkAccess(context.organizationId, record, reader(context), inTransaction);

/** Following, chat users and transfers of the Agent Chat API (ADR 0025). */
export function registerMembershipHandlers(
  registry: ActionRegistry,
  actions: MembershipActions,
  queries: ChatQueries,
  readModels: ReadModels,
): void {
  registry.register('follow_chat', async (context, payload: PayloadOf<'agent', 'follow_chat'>) => {
    requireScope(context, ...READ);
    return actions.follow(context.organizationId, await agentRef(readModels, context), payload.id, commandOrigin(context), canReach(queries, context));
  });

  registry.register('unfollow_chat', async (context, payload: PayloadOf<'agent', 'unfollow_chat'>) => {
    return actions.unfollow(context.organizationId, await agentRef(readModels, context), payload.id, commandOrigin(context), canReach(queries, context));
  });

  registry.register('add_user_to_chat', async (context, payload: PayloadOf<'agent', 'add_user_to_chat'>) => {
    requireScope(context, ...WRITE);
    return actions.addUser(context.organizationId, await agentRef(readModels, context), payload, commandOrigin(context), canReach(queries, context));
  });

  registry.register('remove_user_from_chat', async (context, payload: PayloadOf<'agent', 'remove_user_from_chat'>) => {
    requireScope(context, ...WRITE);
    return actions.removeUser(context.organizationId, await agentRef(readModels, context), payload, commandOrigin(context), canReach(queries, context));
  });

  registry.register('transfer_chat', async (context, payload: PayloadOf<'agent', 'transfer_chat'>) => {
    requireScope(context, ...WRITE);
    return actions.transfer(context.organizationId, await agentRef(readModels, context), payload, commandOrigin(context), canReach(queries, context));
  });

  registry.register('list_agents_for_transfer', async (context, payload: PayloadOf<'agent', 'list_agents_for_transfer'>) => {
    const record = await queries.readable(context.organizationId, payload.chat_id, reader(context));
    return actions.agentsForTransfer(context.organizationId, record);
  });
}
