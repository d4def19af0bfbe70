import { ChatActions, ChatQueries, Reader, ResumeChatInput, StartChatInput } from '@switchboard/chat/application';
import { NewChatEvent, UserRef } from '@switchboard/chat/domain';
import { PropertyRequester } from '@switchboard/configuration/domain';
import { ActionRegistry, commandOrigin, RequestContext } from '@switchboard/gateway-kit';
import { PayloadOf } from '@switchboard/protocol';
import { ReadModels } from '@switchboard/read-models';
import { AccessPreset } from './self-service/auto-access-preset';

export const reader = (context: RequestContext): Reader => ({ type: 'customer', id: context.requester.id });
/** A customer sets only what the property definitions let the customer role write (ADR 0027). */
export const CUSTOMER_PROPERTIES: PropertyRequester = { role: 'customer' };

async function customerRef(readModels: ReadModels, context: RequestContext): Promise<UserRef> {
  const customer = (await readModels.customers(context.organizationId, [context.requester.id])).get(context.requester.id);
  return { id: context.requester.id, type: 'customer', name: (customer?.name as string | undefined) ?? 'Customer' };
}

/** Chat methods of the Customer Chat API: a customer only ever reaches its own chat. */
export function registerCustomerChatHandlers(
  registry: ActionRegistry,
  actions: ChatActions,
  queries: ChatQueries,
  readModels: ReadModels,
  /** Auto access rules preset the new thread's access (ADR 0031). */
  preset: AccessPreset = async (_context, payload) => payload,
): void {
  registry.register('start_chat', async (context, payload: PayloadOf<'customer', 'start_chat'>) =>
    actions.start(context.organizationId, await customerRef(readModels, context), (await preset(context, payload)) as StartChatInput, commandOrigin(context), CUSTOMER_PROPERTIES),
  );

  registry.register('resume_chat', async (context, payload: PayloadOf<'customer', 'resume_chat'>) =>
    actions.resume(
      context.organizationId,
      await customerRef(readModels, context),
      (await preset(context, payload)) as ResumeChatInput,
      commandOrigin(context),
      (record, inTransaction) => queries.checkAccess(context.organizationId, record, reader(context), inTransaction),
      CUSTOMER_PROPERTIES,
    ),
  );

  registry.register('send_event', async (context, payload: PayloadOf<'customer', 'send_event'>) =>
    actions.send(
      context.organizationId,
      { id: context.requester.id, type: 'customer' },
      { chat_id: payload.chat_id, event: payload.event as NewChatEvent, attach_to_last_thread: payload.attach_to_last_thread },
      commandOrigin(context),
      (record, inTransaction) => queries.checkAccess(context.organizationId, record, reader(context), inTransaction),
      CUSTOMER_PROPERTIES,
    ),
  );

  registry.register('deactivate_chat', async (context, payload: PayloadOf<'customer', 'deactivate_chat'>) =>
    actions.deactivate(context.organizationId, await customerRef(readModels, context), payload, commandOrigin(context), (record, inTransaction) =>
      queries.checkAccess(context.organizationId, record, reader(context), inTransaction),
    ),
  );

  registry.register('get_chat', async (context, payload: PayloadOf<'customer', 'get_chat'>) =>
    queries.getChat(context.organizationId, payload.chat_id, payload.thread_id, reader(context)),
  );

  registry.register('list_chats', async (context, payload: PayloadOf<'customer', 'list_chats'>) =>
    queries.listChats(context.organizationId, payload, reader(context), 25),
  );

  registry.register('list_threads', async (context, payload: PayloadOf<'customer', 'list_threads'>) =>
    queries.listThreads(context.organizationId, payload, reader(context)),
  );
}
