import { ChatService } from '@switchboard/chat/application';
import { CustomerCommands, CustomerProfileActions, CustomerQueries, ListCustomersParams } from '@switchboard/customer/application';
import { ActionRegistry, commandOrigin, requireScope } from '@switchboard/gateway-kit';
import { Infrastructure } from '@switchboard/platform';
import { PageIdCodec, PayloadOf } from '@switchboard/protocol';
import { CustomerRecords, ReadModels } from '@switchboard/read-models';
import { agentRef } from './chat.handlers';

const READ = 'customers:ro';
const WRITE = 'customers:rw';
const BAN = 'customers.ban:rw';

/** The customer methods, wired to the infrastructure (one line in the module). */
export function registerAgentCustomers(registry: ActionRegistry, { store, readModels, db, secrets }: Infrastructure): void {
  const records = new CustomerRecords(db);
  const actions = new CustomerProfileActions(new CustomerCommands(store), records, new ChatService(store));
  registerAgentCustomerHandlers(registry, new CustomerQueries(records, PageIdCodec.fromServerKey(secrets.tokenKey)), actions, readModels);
}

/** Customers of the Agent Chat API (agent-chat-api §7): every customer of the organization, for agents holding the scopes. */
export function registerAgentCustomerHandlers(registry: ActionRegistry, queries: CustomerQueries, actions: CustomerProfileActions, readModels: ReadModels): void {
  registry.register('get_customer', async (context, payload: PayloadOf<'agent', 'get_customer'>) => {
    requireScope(context, READ);
    return queries.get(context.organizationId, payload.id, context.requester.id);
  });

  registry.register('list_customers', async (context, payload: PayloadOf<'agent', 'list_customers'>) => {
    requireScope(context, READ);
    return queries.list(context.organizationId, payload as ListCustomersParams, context.requester.id);
  });

  registry.register('create_customer', async (context, payload: PayloadOf<'agent', 'create_customer'>) => {
    requireScope(context, WRITE);
    return actions.create(context.organizationId, payload, { ...commandOrigin(context), requesterId: context.requester.id });
  });

  registry.register('update_customer', async (context, payload: PayloadOf<'agent', 'update_customer'>) => {
    requireScope(context, WRITE);
    const { id, ...profile } = payload;
    return actions.updateByAgent(context.organizationId, id, profile, await agentRef(readModels, context), commandOrigin(context));
  });

  registry.register('ban_customer', async (context, payload: PayloadOf<'agent', 'ban_customer'>) => {
    requireScope(context, BAN);
    return actions.ban(context.organizationId, payload.id, payload.ban.days, await agentRef(readModels, context), commandOrigin(context));
  });

  registry.register('follow_customer', async (context, payload: PayloadOf<'agent', 'follow_customer'>) => {
    requireScope(context, READ);
    return actions.follow(context.organizationId, payload.id, context.requester.id, commandOrigin(context), true);
  });

  // No scope (agent-chat-api §7): an agent may always stop following.
  registry.register('unfollow_customer', async (context, payload: PayloadOf<'agent', 'unfollow_customer'>) =>
    actions.follow(context.organizationId, payload.id, context.requester.id, commandOrigin(context), false),
  );
}
