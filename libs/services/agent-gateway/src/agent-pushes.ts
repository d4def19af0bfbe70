import { ChatEventMetadata, ChatQueries, eventForPush, UserDirectory } from '@switchboard/chat/application';
import { ChatEvent, MEMBERSHIP_COMMAND_TYPES } from '@switchboard/chat/domain';
import { EventMessage, parseStreamId, SqlExecutor } from '@switchboard/event-store';
import { PushDelivery, PushPlanner } from '@switchboard/gateway-kit';
import { ReadModels } from '@switchboard/read-models';
import { agentStreamPushes } from './agent-configuration-pushes';
import { chatPropertyPushes } from './chat-property-pushes';
import { autoAccessPushes } from './auto-access-pushes';
import { botStreamPushes, isBotEvent } from './bot-pushes';
import { manualRoutingPushes } from './manual-routing-pushes';
import { membershipAgentPushes } from './membership-pushes';
import { agentSignalPushes } from './signal-pushes';

/** Events written together with a new thread reach agents inside `incoming_chat`, not one by one. */
const PART_OF_INCOMING_CHAT = new Set(['start_chat', 'resume_chat']);

/** Configuration pushes of the organization stream, and the scope an agent needs to hear them. */
const GROUP_PUSHES = new Map([
  ['group_created', 'groups--all:ro'],
  ['group_updated', 'groups--all:ro'],
  ['group_deleted', 'groups--all:ro'],
]);

/**
 * Which pushes agents get for a committed event: chat members (before and
 * after it) for chat events, every agent of the organization for routing
 * statuses, agents' configuration changes, and group changes (those holding
 * the scope that reads groups).
 */
export function agentPushPlanner(queries: ChatQueries, readModels: ReadModels, db?: SqlExecutor): PushPlanner {
  return async (message: EventMessage): Promise<PushDelivery[]> => {
    const { type, id } = parseStreamId(message.stream_id);
    if (type === 'agent') return isBotEvent(message) ? botStreamPushes(message) : agentStreamPushes(message);
    if (type === 'auto_access') return autoAccessPushes(message);
    if (type === 'organization') {
      const scope = GROUP_PUSHES.get(message.type);
      // The event's data is the push's payload: the whole group, only what changed, or the id.
      return scope ? [{ action: message.type, payload: message.data, allAgents: true, scope }] : [];
    }
    if (type !== 'chat') return [];
    const meta = message.metadata as unknown as ChatEventMetadata;
    if (MEMBERSHIP_COMMAND_TYPES.has(meta.command)) return membershipAgentPushes(message, queries, readModels);
    const agents = meta.recipients?.agent_ids ?? [];
    const event = { type: message.type, data: message.data } as ChatEvent;
    const chatView = async () => {
      const record = await readModels.chat(message.organization_id, id);
      return record ? queries.chatView(message.organization_id, record.state, undefined, 'agent') : undefined;
    };
    switch (event.type) {
      case 'thread_started': {
        if (agents.length === 0) return db ? manualRoutingPushes(message, queries, readModels, db) : [];
        const chat = await chatView();
        return chat ? [{ action: 'incoming_chat', payload: { requester_id: meta.requester_id, chat }, userIds: agents }] : [];
      }
      case 'event_added': {
        if (PART_OF_INCOMING_CHAT.has(meta.command)) return [];
        // The agent a chat was just assigned to gets this system message inside incoming_chat.
        const userIds = meta.command === 'assign_agent' ? agents.filter((a) => a !== meta.requester_id) : agents;
        const shown = await eventForPush(readModels, message.organization_id, event.data.event, 'agent');
        return [{ action: 'incoming_event', payload: { chat_id: id, thread_id: event.data.thread_id, event: shown }, userIds }];
      }
      case 'thread_deactivated': {
        const payload = { chat_id: id, thread_id: event.data.thread_id, ...(event.data.user_id && { user_id: event.data.user_id }) };
        return [{ action: 'chat_deactivated', payload, userIds: agents }];
      }
      case 'user_added': {
        const added = event.data.user;
        const deliveries: PushDelivery[] = [];
        const others = agents.filter((a) => a !== added.id);
        if (others.length > 0) {
          const directory = await UserDirectory.forMembers(readModels, message.organization_id, [added]);
          deliveries.push({
            action: 'user_added_to_chat',
            payload: {
              chat_id: id,
              ...(event.data.thread_id && { thread_id: event.data.thread_id }),
              user: directory.user(added, 'agent'),
              reason: event.data.reason,
              ...(event.data.requester_id && { requester_id: event.data.requester_id }),
            },
            userIds: others,
          });
        }
        if (event.data.reason === 'assigned') {
          const chat = await chatView();
          if (chat) deliveries.push({ action: 'incoming_chat', payload: { chat }, userIds: [added.id] });
        }
        return deliveries;
      }
      case 'events_seen':
      case 'rich_message_postback':
        return agentSignalPushes(id, event, agents);
      default:
        return chatPropertyPushes(readModels, message.organization_id, id, event, agents);
    }
  };
}
