import { agentCustomerView } from '@switchboard/customer/application';
import { CustomerEvent, foldCustomer } from '@switchboard/customer/domain';
import { EventMessage, parseStreamId } from '@switchboard/event-store';
import { eventSourceClientId, WebhookOccurrence } from '@switchboard/webhooks/domain';
import { chatStateWhen, occurrenceChat } from './chat-as-of';
import { OccurrenceSources } from './occurrence-sources';

/** `incoming_customer`: the new customer (agent view), its profile as of the event. */
async function incomingCustomer(message: EventMessage, sources: OccurrenceSources, customerId: string): Promise<WebhookOccurrence[]> {
  const organizationId = message.organization_id;
  const record = await sources.customers.get(organizationId, customerId);
  if (!record) return [];
  const { events } = await sources.store.readStream(message.stream_id, { organizationId, maxCount: message.stream_version });
  const data = foldCustomer(events.map((e) => ({ type: e.type, data: e.data }) as CustomerEvent)) ?? record.data;
  const customer = agentCustomerView({ ...record, data }, undefined);
  return [{ action: 'incoming_customer', payload: { customer }, sourceClientId: eventSourceClientId('customer', message.metadata) }];
}

/**
 * `customer_session_fields_updated`: one per active chat of the customer
 * (a customer has one chat here), none without one (webhooks.md §4); the
 * chat as it was when the fields changed.
 */
async function sessionFieldsUpdated(message: EventMessage, sources: OccurrenceSources, customerId: string): Promise<WebhookOccurrence[]> {
  const organizationId = message.organization_id;
  const chatId = await sources.readModels.customerChatId(organizationId, customerId);
  const state = chatId ? await chatStateWhen(message, sources, chatId) : undefined;
  const thread = state?.threads.at(-1);
  if (!state || !thread?.active) return [];
  const { session_fields } = message.data as Extract<CustomerEvent, { type: 'customer_updated' }>['data'];
  return [
    {
      action: 'customer_session_fields_updated',
      payload: { id: customerId, active_chat: { chat_id: state.id, thread_id: thread.id }, session_fields },
      chat: await occurrenceChat(sources, organizationId, state),
      sourceClientId: eventSourceClientId('customer', message.metadata),
    },
  ];
}

/** The webhook occurrences of an event of a `customer-<id>` stream. */
export async function customerOccurrences(message: EventMessage, sources: OccurrenceSources): Promise<WebhookOccurrence[]> {
  const customerId = parseStreamId(message.stream_id).id;
  if (message.type === 'customer_created') return incomingCustomer(message, sources, customerId);
  if (message.type === 'customer_updated' && (message.data as { session_fields?: unknown }).session_fields !== undefined) {
    return sessionFieldsUpdated(message, sources, customerId);
  }
  return [];
}
