/** Chats and chat summaries (data-structures §1). */
import { Access, DateTime, Properties, Queue } from './common';
import { CustomerViewEvent, Event } from './event';
import { CustomerViewThread, Thread } from './thread';
import { CustomerViewUser, User } from './user';

/** A chat with one of its threads, agent view (`get_chat`, `incoming_chat`, `list_archives`). */
export interface Chat {
  id: string;
  users: User[];
  thread?: Thread;
  properties?: Properties;
  access?: Access;
  /** The requester follows this chat. */
  is_followed?: boolean;
}

/** A chat with one of its threads, customer view (`get_chat`). */
export interface CustomerViewChat {
  id: string;
  users: CustomerViewUser[];
  thread?: CustomerViewThread;
  properties?: Properties;
  access?: Access;
}

/** The latest thread of a chat, as summarised by agent `list_chats` and `login`. */
export interface LastThreadSummary {
  id: string;
  created_at: DateTime;
  user_ids: string[];
  properties?: Properties;
  active: boolean;
  access?: Access;
  queue?: Queue;
}

/**
 * The newest event of one type. When the requester may not read that thread,
 * `restricted_access` carries the reason instead of the event.
 */
export interface LastEventOfType<E = Event> {
  thread_id: string;
  thread_created_at: DateTime;
  event?: E;
  restricted_access?: string;
}

/** One entry of agent `list_chats` / `login.chats_summary`. */
export interface ChatSummary {
  id: string;
  users: User[];
  last_thread_summary?: LastThreadSummary;
  /** Keyed by event type. */
  last_event_per_type?: Record<string, LastEventOfType>;
  properties?: Properties;
  access?: Access;
  is_followed?: boolean;
}

/** One entry of customer `list_chats`. */
export interface CustomerViewChatSummary {
  id: string;
  last_thread_id?: string;
  last_thread_created_at?: DateTime;
  /** Keyed by event type; entries also carry the thread's `thread_order`. */
  last_event_per_type?: Record<string, LastEventOfType<CustomerViewEvent> & { thread_order?: number }>;
  users: CustomerViewUser[];
  access?: Access;
  properties?: Properties;
  /** The chat has an active thread. */
  active: boolean;
}
