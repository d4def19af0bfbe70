import { fullAgent } from '@switchboard/configuration/application';
import { AgentEvent } from '@switchboard/configuration/domain';
import { EventMessage } from '@switchboard/event-store';
import { PushDelivery } from '@switchboard/gateway-kit';

/**
 * What every logged-in agent of the organization hears of an event on an
 * agent's stream: its routing status, and the configuration pushes
 * (`agent_created`, `agent_updated` with the changed fields, `agent_deleted`,
 * `agent_suspended`, `agent_unsuspended`, `agent_approved`).
 */
export function agentStreamPushes(message: EventMessage): PushDelivery[] {
  const event = { type: message.type, data: message.data } as AgentEvent | { type: 'routing_status_set'; data: unknown };
  const toAll = (payload: unknown): PushDelivery[] => [{ action: event.type, payload, allAgents: true }];
  switch (event.type) {
    case 'routing_status_set':
      return toAll(event.data);
    case 'agent_created':
      return toAll(fullAgent(event.data));
    case 'agent_updated':
    case 'agent_deleted':
    case 'agent_suspended':
    case 'agent_unsuspended':
    case 'agent_approved':
      return toAll(event.data);
    default:
      return [];
  }
}
