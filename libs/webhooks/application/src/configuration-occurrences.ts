import { fullAgent, fullBot } from '@switchboard/configuration/application';
import { AgentProfile, BotProfile } from '@switchboard/configuration/domain';
import { EventMessage, parseStreamId } from '@switchboard/event-store';
import { eventSourceClientId, WebhookOccurrence } from '@switchboard/webhooks/domain';

/** Facts whose data is their webhook's payload as stored: only what changed, or the id (the pushes send the same). */
const DATA_IS_PAYLOAD = new Set([
  'agent_updated',
  'agent_deleted',
  'agent_suspended',
  'agent_unsuspended',
  'agent_approved',
  'bot_updated',
  'bot_deleted',
  'group_created',
  'group_updated',
  'group_deleted',
  'auto_access_added',
  'auto_access_updated',
  'auto_access_deleted',
]);

/** Streams that hold configuration: agents and bots, an organization's groups, its auto access rules. */
const CONFIGURATION_STREAMS = new Set(['agent', 'organization', 'auto_access']);

function payloadOf(message: EventMessage): unknown {
  if (message.type === 'agent_created') return fullAgent(message.data as AgentProfile);
  if (message.type === 'bot_created') return fullBot(message.data as BotProfile);
  if (message.type === 'routing_status_set' || DATA_IS_PAYLOAD.has(message.type)) return message.data;
  return undefined;
}

/**
 * The webhook occurrences of a configuration event (webhooks.md §4
 * "Configuration" and `routing_status_set`): the action is the fact's name,
 * the payload the push's; no chat, so no additional data.
 */
export function configurationOccurrences(message: EventMessage): WebhookOccurrence[] {
  const streamType = parseStreamId(message.stream_id).type;
  if (!CONFIGURATION_STREAMS.has(streamType)) return [];
  const payload = payloadOf(message);
  if (payload === undefined) return [];
  const agentId = message.type === 'routing_status_set' ? (message.data as { agent_id: string }).agent_id : undefined;
  return [{ action: message.type, payload, ...(agentId && { agentId }), sourceClientId: eventSourceClientId(streamType, message.metadata) }];
}
