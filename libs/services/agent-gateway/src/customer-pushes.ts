import { ChatEventMetadata } from '@switchboard/chat/application';
import { ChatEvent } from '@switchboard/chat/domain';
import { agentCustomerView } from '@switchboard/customer/application';
import { CustomerEvent } from '@switchboard/customer/domain';
import { EventMessage, parseStreamId, SqlExecutor } from '@switchboard/event-store';
import { PushDelivery, PushPlanner } from '@switchboard/gateway-kit';
import { CustomerRecords, ReadModels } from '@switchboard/read-models';
import { customerAudience } from './customer-audience';

/** Customer pushes reach only sessions holding the scope that reads customers (agent-chat-api §8 `login`). */
const SCOPE = 'customers:ro';

/**
 * Agents' pushes about customers (agent-chat-api §10 "Customers"), from the
 * events of `customer-<id>` streams, each to the agents who may see that
 * customer at their monitoring level ({@link customerAudience}).
 */
export async function customerAgentPushes(message: EventMessage, readModels: ReadModels, records: CustomerRecords): Promise<PushDelivery[]> {
  const organizationId = message.organization_id;
  const customerId = parseStreamId(message.stream_id).id;
  const event = { type: message.type, data: message.data } as CustomerEvent;
  if (event.type === 'customer_unfollowed') {
    // To the requester's other connections only (agent-chat-api §7).
    return [{ action: 'customer_unfollowed', payload: { id: customerId }, userIds: [event.data.agent_id], notToOrigin: true, scope: SCOPE }];
  }
  const record = await records.get(organizationId, customerId);
  if (!record) return [];
  const to = (options: { online?: boolean } = {}, seen = record) => customerAudience(organizationId, seen, readModels, records, options);
  switch (event.type) {
    case 'customer_created':
      // A new customer appears to the agents watching every visitor of its groups.
      return [{ action: 'incoming_customer', payload: agentCustomerView(record, undefined), userIds: await to({ online: true }), scope: SCOPE }];
    case 'customer_visit_started':
      // A visitor arrives (a returning one, or a new one whose creation was announced while not on the website yet):
      // now online, in the visit's group.
      return [{ action: 'incoming_customer', payload: agentCustomerView(record, undefined), userIds: await to(), scope: SCOPE }];
    case 'customer_updated': {
      const { id: _id, ...changed } = event.data;
      return [{ action: 'customer_updated', payload: { id: customerId, ...changed }, userIds: await to(), scope: SCOPE }];
    }
    case 'customer_page_viewed': {
      const { id: _id, ...page } = event.data;
      return [{ action: 'customer_page_updated', payload: { customer_id: customerId, ...page }, userIds: await to(), scope: SCOPE }];
    }
    case 'customer_banned': {
      // The ban archives the customer's chat, maybe before this is planned: heard as by a customer still chatting.
      const chatting = { ...record, chat_active: record.chat_active || record.chat_id !== null };
      return [{ action: 'customer_banned', payload: { customer_id: customerId, ban: { days: event.data.days } }, userIds: await to({ online: true }, chatting), scope: SCOPE }];
    }
    case 'customer_visit_ended':
      return [{ action: 'customer_left', payload: { id: customerId, left_at: event.data.ended_at }, userIds: await to({ online: true }), scope: SCOPE }];
    default:
      return [];
  }
}

/**
 * A transfer of the customer's chat to other groups (agent-chat-api §10):
 * the agents who saw the customer through the old groups only — and are not
 * in the chat — hear `customer_transferred`; those who see it only through
 * the new groups (followers whose pushes paused, agents watching those
 * groups) hear `incoming_customer` (§7 `follow_customer`).
 */
export async function customerTransferredPushes(message: EventMessage, readModels: ReadModels, records: CustomerRecords): Promise<PushDelivery[]> {
  const { transferred_to, transferred_from } = (message.data as Extract<ChatEvent, { type: 'chat_transferred' }>['data']);
  const customerId = (message.metadata as unknown as ChatEventMetadata).recipients?.customer_id;
  if (!customerId || !transferred_to.group_ids || transferred_from.group_ids.length === 0) return [];
  const organizationId = message.organization_id;
  const record = await records.get(organizationId, customerId);
  if (!record) return [];
  const [before, after] = await Promise.all([
    customerAudience(organizationId, { ...record, chat_group_ids: transferred_from.group_ids }, readModels, records),
    customerAudience(organizationId, record, readModels, records),
  ]);
  const gone = before.filter((agentId) => !after.includes(agentId));
  const come = after.filter((agentId) => !before.includes(agentId));
  return [
    ...gone.map((agentId) => ({
      action: 'customer_transferred',
      payload: { id: customerId, transferred_to: { group_ids: transferred_to.group_ids }, followed: record.data.followers.includes(agentId) },
      userIds: [agentId],
      scope: SCOPE,
    })),
    ...come.map((agentId) => ({ action: 'incoming_customer', payload: agentCustomerView(record, agentId), userIds: [agentId], scope: SCOPE })),
  ];
}

/** The agent push planner, with the customers' pushes added (one line in the module). */
export function withCustomerPushes(planner: PushPlanner, db: SqlExecutor, readModels: ReadModels): PushPlanner {
  const records = new CustomerRecords(db);
  return async (message) => {
    if (parseStreamId(message.stream_id).type === 'customer') return customerAgentPushes(message, readModels, records);
    const pushes = await planner(message);
    return message.type === 'chat_transferred' ? [...pushes, ...(await customerTransferredPushes(message, readModels, records))] : pushes;
  };
}
