import { CustomerEvent } from '@switchboard/customer/domain';
import { EventMessage } from '@switchboard/event-store';
import { PushDelivery } from '@switchboard/gateway-kit';

/**
 * The pushes a customer gets from its own `customer-<id>` stream: the
 * greeting shown to it (`incoming_greeting`) and its answer or replacement
 * (`greeting_accepted`, `greeting_canceled`), customer-chat-api.md §8.
 */
export function greetingPushes(message: EventMessage, customerId: string): PushDelivery[] {
  const event = { type: message.type, data: message.data } as CustomerEvent;
  const to = [customerId];
  switch (event.type) {
    case 'greeting_displayed':
      return [{ action: 'incoming_greeting', payload: event.data.greeting, userIds: to }];
    case 'greeting_accepted':
      return [{ action: 'greeting_accepted', payload: { unique_id: event.data.unique_id }, userIds: to }];
    case 'greeting_canceled':
      return [{ action: 'greeting_canceled', payload: { unique_id: event.data.unique_id }, userIds: to }];
    default:
      return [];
  }
}
