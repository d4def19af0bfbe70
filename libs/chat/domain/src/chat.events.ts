import { Access, ChatEventRecord, ChatMember, Properties, UserRef } from './chat.types';
import { MEMBERSHIP_EVENT_TYPES, MembershipEvent } from './membership.events';
import { PROPERTY_EVENT_TYPES, PropertyEvent } from './properties.decide';
import { TAG_EVENT_TYPES, TagEvent } from './tags.decide';
import { SignalEvent } from './signals.types';

/** The facts of a chat's stream (`chat-<id>`), oldest first. */
export type ChatEvent =
  | {
      type: 'chat_started';
      data: { chat_id: string; users: ChatMember[]; access: Access; properties: Properties; continuous: boolean; requester: UserRef };
    }
  | {
      type: 'thread_started';
      data: {
        thread_id: string;
        created_at: string;
        active: boolean;
        access: Access;
        properties: Properties;
        continuous: boolean;
        requester: UserRef;
      };
    }
  | {
      type: 'event_added';
      /** `joined_agent_id`: the agent whose joining this system message announces; it arrives inside their `incoming_chat` (ADR 0025). */
      data: { thread_id: string; event: ChatEventRecord; joined_agent_id?: string };
    }
  | {
      type: 'thread_deactivated';
      data: { thread_id: string; user_id?: string; created_at: string; agent_ids: string[] };
    }
  | {
      type: 'user_added';
      data: { thread_id?: string; user: ChatMember; reason: 'assigned' | 'manual'; requester_id?: string };
    }
  | MembershipEvent
  | PropertyEvent
  | TagEvent
  | SignalEvent;

export type ChatEventType = ChatEvent['type'];
export const CHAT_EVENT_TYPES: ChatEventType[] = [
  'chat_started',
  'thread_started',
  'event_added',
  'thread_deactivated',
  'user_added',
  ...MEMBERSHIP_EVENT_TYPES,
  ...PROPERTY_EVENT_TYPES,
  ...TAG_EVENT_TYPES,
  'events_seen',
  'rich_message_postback',
];
