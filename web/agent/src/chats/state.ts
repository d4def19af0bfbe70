/**
 * The chats the agent can see, kept up to date from `list_chats`, `get_chat`
 * and the pushes: a reducer of plain data, so the list, the unread counts
 * and the open chat all read one truth.
 */
import type { Access, Chat, ChatEvent, ChatSummary, Queue, User } from './types';
import { isAfter } from './time';

export interface Typing {
  authorId: string;
  /** The sneak peek: what the customer is typing, not sent yet. */
  text?: string;
  at: number;
}

export interface ChatEntry {
  id: string;
  users: User[];
  threadId?: string;
  /** There are earlier threads (`list_threads` reads them). */
  previousThreadId?: string;
  active: boolean;
  queue?: Queue;
  tags: string[];
  access?: Access;
  /** Events of the latest thread, once known (`get_chat`, `incoming_chat`). */
  events?: ChatEvent[];
  /** The latest message-like event, the list's preview. */
  preview?: ChatEvent;
  /** Unread count read from the summary, until the events are known. */
  summaryUnread: number;
  typing?: Typing;
}

export type ChatsState = Record<string, ChatEntry>;

export type ChatsAction =
  | { type: 'listed'; summaries: ChatSummary[]; me: string }
  | { type: 'chat'; chat: Chat }
  | { type: 'event'; chatId: string; threadId: string; event: ChatEvent; updated?: boolean }
  | { type: 'deactivated'; chatId: string; threadId: string }
  | { type: 'deleted'; chatId: string }
  | { type: 'user-added'; chatId: string; user: User }
  | { type: 'user-removed'; chatId: string; userId: string }
  | { type: 'seen'; chatId: string; userId: string; seenUpTo: string }
  | { type: 'tagged'; chatId: string; threadId: string; tag: string; tagged: boolean }
  | { type: 'queue'; positions: Array<{ chat_id: string; thread_id: string; queue: Queue }> }
  /** `chat_transferred`: queued again (with `queue`) or given to someone (without). */
  | { type: 'transferred'; chatId: string; queue: Queue | undefined }
  | { type: 'access'; chatId: string; access: Access }
  | { type: 'customer-updated'; customer: Partial<User> & { id: string } }
  | { type: 'typing'; chatId: string; typing: Typing | undefined }
  /** Typing nobody confirmed for a while is over: clears the one that started `at`, not a newer one. */
  | { type: 'typing-stale'; chatId: string; at: number };

/** Event types a person reads (system messages are not "unread"). */
const MESSAGE_LIKE = new Set(['message', 'file', 'filled_form', 'rich_message']);

export function chatsReducer(state: ChatsState, action: ChatsAction): ChatsState {
  switch (action.type) {
    case 'listed': {
      const listed: ChatsState = Object.fromEntries(action.summaries.map((summary) => [summary.id, fromSummary(summary, action.me)]));
      // An active chat missing from the list may have come by push while the list was read: kept until checked.
      for (const entry of Object.values(state)) if (entry.active && !listed[entry.id]) listed[entry.id] = entry;
      return listed;
    }
    case 'chat':
      return { ...state, [action.chat.id]: fromChat(action.chat, state[action.chat.id]) };
    case 'event':
      return update(state, action.chatId, (entry) =>
        action.updated ? { ...entry, events: entry.events?.map((event) => (event.id === action.event.id ? action.event : event)) } : withEvent(entry, action.threadId, action.event),
      );
    case 'deactivated':
      return update(state, action.chatId, (entry) => (entry.threadId === action.threadId ? { ...entry, active: false, queue: undefined, typing: undefined } : entry));
    case 'deleted': {
      const { [action.chatId]: _deleted, ...rest } = state;
      return rest;
    }
    case 'user-added':
      return update(state, action.chatId, (entry) => ({
        ...entry,
        users: upsertUser(entry.users, { ...action.user, present: action.user.present ?? true }),
        // An agent in the chat takes it out of the queue (the queue pushes nothing when a chat leaves it).
        queue: action.user.type === 'agent' && action.user.present !== false ? undefined : entry.queue,
      }));
    case 'user-removed':
      return update(state, action.chatId, (entry) => ({ ...entry, users: entry.users.map((user) => (user.id === action.userId ? { ...user, present: false } : user)) }));
    case 'seen':
      return update(state, action.chatId, (entry) => ({
        ...entry,
        users: entry.users.map((user) => (user.id === action.userId && isAfter(action.seenUpTo, user.events_seen_up_to) ? { ...user, events_seen_up_to: action.seenUpTo } : user)),
      }));
    case 'tagged':
      return update(state, action.chatId, (entry) => {
        if (entry.threadId !== action.threadId) return entry;
        const tags = entry.tags.filter((tag) => tag !== action.tag);
        return { ...entry, tags: action.tagged ? [...tags, action.tag] : tags };
      });
    case 'queue':
      return action.positions.reduce(
        (next, position) => update(next, position.chat_id, (entry) => (entry.threadId === position.thread_id ? { ...entry, queue: position.queue } : entry)),
        state,
      );
    case 'transferred':
      return update(state, action.chatId, (entry) => ({ ...entry, queue: action.queue }));
    case 'access':
      return update(state, action.chatId, (entry) => ({ ...entry, access: action.access }));
    case 'customer-updated':
      return Object.fromEntries(
        Object.entries(state).map(([id, entry]) => [
          id,
          entry.users.some((user) => user.id === action.customer.id)
            ? { ...entry, users: entry.users.map((user) => (user.id === action.customer.id ? { ...user, ...action.customer } : user)) }
            : entry,
        ]),
      );
    case 'typing':
      return update(state, action.chatId, (entry) => ({ ...entry, typing: action.typing }));
    case 'typing-stale':
      return update(state, action.chatId, (entry) => (entry.typing?.at === action.at ? { ...entry, typing: undefined } : entry));
  }
}

function update(state: ChatsState, chatId: string, change: (entry: ChatEntry) => ChatEntry): ChatsState {
  const entry = state[chatId];
  return entry ? { ...state, [chatId]: change(entry) } : state;
}

function upsertUser(users: User[], user: User): User[] {
  return users.some((known) => known.id === user.id) ? users.map((known) => (known.id === user.id ? { ...known, ...user } : known)) : [...users, user];
}

function fromSummary(summary: ChatSummary, me: string): ChatEntry {
  const seen = summary.users.find((user) => user.id === me)?.events_seen_up_to;
  const lastEvents = Object.values(summary.last_event_per_type ?? {})
    .filter((entry) => entry.thread_id === summary.last_thread_summary?.id)
    .map((entry) => entry.event)
    .filter((event): event is ChatEvent => !!event && MESSAGE_LIKE.has(event.type));
  return {
    id: summary.id,
    users: summary.users,
    threadId: summary.last_thread_summary?.id,
    active: summary.last_thread_summary?.active ?? false,
    queue: summary.last_thread_summary?.queue,
    tags: summary.last_thread_summary?.tags ?? [],
    access: summary.access,
    preview: lastEvents.sort((a, b) => (isAfter(a.created_at, b.created_at) ? -1 : 1))[0],
    summaryUnread: lastEvents.filter((event) => event.author_id !== me && isAfter(event.created_at, seen)).length,
  };
}

function fromChat(chat: Chat, known: ChatEntry | undefined): ChatEntry {
  const events = chat.thread?.events ?? [];
  return {
    id: chat.id,
    users: chat.users,
    threadId: chat.thread?.id,
    previousThreadId: chat.thread?.previous_thread_id,
    active: chat.thread?.active ?? false,
    queue: chat.thread?.queue,
    tags: chat.thread?.tags ?? [],
    access: chat.access,
    events,
    preview: lastMessage(events),
    summaryUnread: 0,
    typing: known?.typing,
  };
}

function withEvent(entry: ChatEntry, threadId: string, event: ChatEvent): ChatEntry {
  if (threadId !== entry.threadId || entry.events?.some((known) => known.id === event.id)) return entry;
  const typingDone = entry.typing?.authorId === event.author_id;
  return {
    ...entry,
    events: entry.events && [...entry.events, event],
    preview: MESSAGE_LIKE.has(event.type) ? event : entry.preview,
    // Without the events, the summary's count goes on counting.
    summaryUnread: entry.events ? 0 : entry.summaryUnread + (MESSAGE_LIKE.has(event.type) ? 1 : 0),
    typing: typingDone ? undefined : entry.typing,
  };
}

function lastMessage(events: ChatEvent[]): ChatEvent | undefined {
  for (let index = events.length - 1; index >= 0; index--) if (MESSAGE_LIKE.has(events[index].type)) return events[index];
  return undefined;
}

/** Unread events of a chat the agent is in: messages of others after the agent's `events_seen_up_to`. */
export function unreadCount(entry: ChatEntry, me: string): number {
  const mine = entry.users.find((user) => user.id === me);
  if (!mine?.present) return 0;
  if (!entry.events) return entry.summaryUnread;
  return entry.events.filter((event) => MESSAGE_LIKE.has(event.type) && event.author_id !== me && isAfter(event.created_at, mine.events_seen_up_to)).length;
}

export type Section = 'mine' | 'queue' | 'others';

/** Where a chat goes in the list: the agent's own, waiting in the queue, or others the agent may see. Closed chats go nowhere. */
export function sectionOf(entry: ChatEntry, me: string): Section | undefined {
  if (!entry.active) return undefined;
  if (entry.users.some((user) => user.id === me && user.present)) return 'mine';
  if (entry.queue) return 'queue';
  return 'others';
}

export function customerOf(entry: { users: User[] }): User | undefined {
  return entry.users.find((user) => user.type === 'customer');
}

/** A user's name as the app shows it. */
export function displayName(user: User | undefined): string {
  return user?.name || user?.email || (user?.type === 'customer' ? 'Customer' : (user?.id ?? 'Someone'));
}
