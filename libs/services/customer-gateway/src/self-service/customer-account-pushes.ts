import { CustomerEvent } from '@switchboard/customer/domain';
import { EventMessage } from '@switchboard/event-store';
import { PushDelivery } from '@switchboard/gateway-kit';

/** Why a banned customer's sessions end (`customer_disconnected.reason`; the value is unconfirmed, ADR 0031). */
export const BANNED_REASON = 'customer_banned';

/**
 * Pushes to a customer from their own stream (ADR 0031): the side storage
 * their widget keeps changed; a ban ends every session they have, on every
 * replica, with `customer_disconnected`.
 */
export function customerAccountPushes(message: EventMessage): PushDelivery[] {
  const event = { type: message.type, data: message.data } as CustomerEvent;
  const to = [event.data.id];
  switch (event.type) {
    case 'customer_side_storage_set':
      return [{ action: 'customer_side_storage_updated', payload: { customer_side_storage: event.data.customer_side_storage }, userIds: to }];
    case 'customer_banned':
      return [{ action: 'customer_disconnected', payload: { reason: BANNED_REASON }, userIds: to, disconnect: true }];
    default:
      return [];
  }
}
