import type { ButtonUsers } from './signals.types';

/** Who acts on a chat. Bots are agents. */
export interface UserRef {
  id: string;
  type: 'agent' | 'customer';
  /** Display name, used in system message texts. */
  name?: string;
}

export type Visibility = 'all' | 'agents';

/** A user of a chat; `present` while currently a member. */
export interface ChatMember {
  id: string;
  type: 'agent' | 'customer';
  present: boolean;
  visibility: Visibility;
  /** RFC 3339: everything up to this moment has been seen by the user. */
  events_seen_up_to?: string;
}

export interface Access {
  group_ids: number[];
}

/** `{ "<namespace>": { "<name>": value } }` */
export type Properties = Record<string, Record<string, unknown>>;

/**
 * An event of a thread as stored and as sent to agents (wire shape, agent
 * view). Type-specific fields (`text`, `url`, `content`, …) sit beside the
 * common ones.
 */
export interface ChatEventRecord {
  id: string;
  type: string;
  created_at: string;
  visibility: Visibility;
  author_id?: string;
  custom_id?: string;
  properties?: Properties;
  [field: string]: unknown;
}

/** An event as a client sends it: server-filled fields are not part of it. */
export interface NewChatEvent {
  type: string;
  visibility?: Visibility;
  custom_id?: string;
  properties?: Properties;
  [field: string]: unknown;
}

export interface ThreadState {
  id: string;
  active: boolean;
  created_at: string;
  user_ids: string[];
  /** Events in the thread; their bodies live in the stream, not in the state. */
  event_count: number;
  properties: Properties;
  access: Access;
  /** Present once the thread was tagged (data-structures §7). */
  tags?: string[];
}

export interface ChatState {
  id: string;
  users: ChatMember[];
  customer_id?: string;
  access: Access;
  properties: Properties;
  threads: ThreadState[];
  continuous: boolean;
  /** Agents following the chat (not members): agent id → the thread they followed it in (ADR 0025). */
  followers?: Record<string, string | null>;
  /** Users who toggled rich-message buttons on, by event and postback id. */
  button_users?: ButtonUsers;
}
