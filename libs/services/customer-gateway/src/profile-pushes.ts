import { EventMessage, parseStreamId } from '@switchboard/event-store';
import { PushDelivery } from '@switchboard/gateway-kit';

/**
 * The customer's own pushes from its `customer-<id>` stream: `customer_updated`
 * with the changed fields (customer-chat-api §8), whoever changed them —
 * the customer on another connection, or an agent.
 */
export function customerProfilePushes(message: EventMessage): PushDelivery[] {
  if (message.type !== 'customer_updated') return [];
  const customerId = parseStreamId(message.stream_id).id;
  const { id: _id, ...changed } = message.data as { id: string } & Record<string, unknown>;
  return [{ action: 'customer_updated', payload: { id: customerId, ...changed }, userIds: [customerId] }];
}
