import { ROUTER_REQUESTER } from '@switchboard/chat/domain';

/** Chat commands only the router gives: what they cause is Switchboard's doing, whoever they name. */
const ROUTER_COMMANDS = new Set(['assign_agent', 'reassign_chat']);

/**
 * Who caused an event, from the metadata it was stored with (ADR 0043): the
 * client id of the application the requester acted for; `null` when
 * Switchboard did (the router and its timers, an agent's last connection
 * closing); `undefined` when a user acted for no application (a personal
 * access token, a customer).
 *
 * @param streamType the event's stream type (`chat`, `customer`, `agent`, …)
 */
export function eventSourceClientId(streamType: string, metadata: Record<string, unknown>): string | null | undefined {
  if (typeof metadata['client_id'] === 'string') return metadata['client_id'];
  if (streamType === 'chat') {
    const byRouter = metadata['requester_id'] === ROUTER_REQUESTER.id || ROUTER_COMMANDS.has(metadata['command'] as string);
    return byRouter ? null : undefined;
  }
  // Every other stream records who asked; a change nobody asked for is Switchboard's own.
  return typeof metadata['requester_id'] === 'string' ? undefined : null;
}
