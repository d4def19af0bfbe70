import { Access, ChatEventRecord, ChatMember, Properties, UserRef } from './chat.types';
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
  | { type: 'event_added'; data: { thread_id: string; event: ChatEventRecord } }
  | {
      type: 'thread_deactivated';
      data: { thread_id: string; user_id?: string; created_at: string; agent_ids: string[] };
    }
  | {
      type: 'user_added';
      data: { thread_id?: string; user: ChatMember; reason: 'assigned' | 'manual'; requester_id?: string };
    }
  | SignalEvent;

export type ChatEventType = ChatEvent['type'];
export const CHAT_EVENT_TYPES: ChatEventType[] = [
  'chat_started',
  'thread_started',
  'event_added',
  'thread_deactivated',
  'user_added',
  'events_seen',
  'rich_message_postback',
];
