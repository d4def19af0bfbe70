import { AgentEvent, AgentProfile } from '@switchboard/configuration/domain';
import { EventMessage } from '@switchboard/event-store';
import { PushDelivery } from '@switchboard/gateway-kit';

/** `agent_created`'s payload: the full agent, as agent-chat-api.md's configuration pushes list it. */
function fullAgent(profile: AgentProfile): Record<string, unknown> {
  return {
    id: profile.id,
    name: profile.name,
    role: profile.role,
    awaiting_approval: profile.awaiting_approval,
    ...(profile.avatar && { avatar: profile.avatar }),
    ...(profile.job_title && { job_title: profile.job_title }),
    ...(profile.mobile && { mobile: profile.mobile }),
    max_chats_count: profile.max_chats_count,
    groups: profile.groups,
    notifications: profile.notifications ?? [],
    email_subscriptions: profile.email_subscriptions ?? [],
    work_scheduler: profile.work_scheduler ?? {},
  };
}

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
