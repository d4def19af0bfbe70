import { EventMessage } from '@switchboard/event-store';
import { PushDelivery } from '@switchboard/gateway-kit';

const AUTO_ACCESS_PUSHES = new Set(['auto_access_added', 'auto_access_updated', 'auto_access_deleted']);

/**
 * What the organization's logged-in agents holding `access_rules:ro` hear of
 * an event on its auto access stream. The event's data is the push's payload:
 * the whole rule, only what changed, or the id (ADR 0019).
 */
export function autoAccessPushes(message: EventMessage): PushDelivery[] {
  if (!AUTO_ACCESS_PUSHES.has(message.type)) return [];
  return [{ action: message.type, payload: message.data, allAgents: true, scope: 'access_rules:ro' }];
}
