/**
 * The customer's chat as the widget shows it, and how each Customer Chat API
 * push changes it (customer-chat-api.md §8). Pure: the hook keeps the state,
 * this file only computes the next one. Every step is idempotent (events by
 * id, users by id), so a push applied twice — once before a resync's answer
 * and once after — changes nothing.
 */
export interface FilledField {
  type: string;
  id: string;
  label: string;
  answer?: string | { id: string; label: string; group_id?: number };
  answers?: Array<{ id: string; label: string }>;
}

export interface ChatEvent {
  id: string;
  type: string;
  author_id?: string;
  created_at: string;
  text?: string;
  /** file */
  url?: string;
  name?: string;
  content_type?: string;
  size?: number;
  width?: number;
  height?: number;
  thumbnail_url?: string;
  alternative_text?: string;
  /** filled_form */
  fields?: FilledField[];
}

export interface Queue {
  position: number;
  wait_time: number;
}

export interface Thread {
  id: string;
  active: boolean;
  events: ChatEvent[];
  queue?: Queue;
}

export interface ChatUser {
  id: string;
  type: string;
  name?: string;
  present?: boolean;
  events_seen_up_to?: string;
}

export interface ChatView {
  id: string;
  users: ChatUser[];
  /** Oldest first; the last one is the only one that may be active. */
  threads: Thread[];
}

export interface PushFrame {
  action: string;
  payload: Record<string, unknown>;
}

export const latestThread = (chat: ChatView | undefined): Thread | undefined => chat?.threads.at(-1);
export const isActive = (chat: ChatView | undefined): boolean => Boolean(latestThread(chat)?.active);
export const agentPresent = (chat: ChatView | undefined): boolean => Boolean(chat?.users.some((u) => u.type === 'agent' && u.present !== false));

/** An agent's name as the customer may see it. */
export function nameOf(chat: ChatView | undefined, userId: string | undefined): string {
  return chat?.users.find((u) => u.id === userId)?.name ?? 'Agent';
}

/** A thread as the API answers it (`get_chat`, `list_threads`, `incoming_chat`). */
export function toThread(raw: Record<string, unknown>): Thread {
  return { id: String(raw.id), active: Boolean(raw.active), events: (raw.events as ChatEvent[] | undefined) ?? [], queue: raw.queue as Queue | undefined };
}

const upsertThread = (threads: Thread[], thread: Thread): Thread[] =>
  threads.some((t) => t.id === thread.id)
    ? threads.map((t) => (t.id === thread.id ? { ...thread, events: mergeEvents(t.events, thread.events) } : t))
    : // A new thread closes every earlier one (only the latest may be active).
      [...threads.map((t) => ({ ...t, active: false, queue: undefined })), thread];

function mergeEvents(known: ChatEvent[], more: ChatEvent[]): ChatEvent[] {
  const byId = new Map(known.map((e) => [e.id, e]));
  for (const event of more) byId.set(event.id, event);
  return [...byId.values()].sort((a, b) => a.created_at.localeCompare(b.created_at));
}

const upsertUser = (users: ChatUser[], user: ChatUser): ChatUser[] =>
  users.some((u) => u.id === user.id) ? users.map((u) => (u.id === user.id ? { ...u, ...user } : u)) : [...users, user];

const changeThread = (chat: ChatView, threadId: unknown, change: (thread: Thread) => Thread): ChatView => ({
  ...chat,
  threads: chat.threads.map((t) => (t.id === threadId ? change(t) : t)),
});

/** The chat after one push; pushes about another chat (or before any chat is known) change nothing but `incoming_chat`. */
export function applyPush(chat: ChatView | undefined, frame: PushFrame): ChatView | undefined {
  const p = frame.payload;
  if (frame.action === 'incoming_chat') {
    const raw = p.chat as { id: string; users?: ChatUser[]; thread: Record<string, unknown> };
    const base: ChatView = chat?.id === raw.id ? chat : { id: raw.id, users: [], threads: [] };
    return { ...base, users: (raw.users ?? []).reduce(upsertUser, base.users), threads: upsertThread(base.threads, toThread(raw.thread)) };
  }
  if (!chat || p.chat_id !== chat.id) return chat;
  switch (frame.action) {
    case 'incoming_event':
    case 'event_updated':
      return changeThread(chat, p.thread_id, (t) => ({ ...t, events: mergeEvents(t.events, [p.event as ChatEvent]) }));
    case 'chat_deactivated':
      return changeThread(chat, p.thread_id, (t) => ({ ...t, active: false, queue: undefined }));
    case 'queue_position_updated':
      return changeThread(chat, p.thread_id, (t) => ({ ...t, queue: p.queue as Queue }));
    case 'chat_transferred':
      // Transferred to a group nobody can take at once: the chat waits again.
      return p.queue ? changeThread(chat, p.thread_id ?? latestThread(chat)?.id, (t) => ({ ...t, queue: p.queue as Queue })) : chat;
    case 'user_added_to_chat': {
      const user: ChatUser = { present: true, ...(p.user as ChatUser) };
      const added = { ...chat, users: upsertUser(chat.users, user) };
      // An agent in the chat means it no longer waits: the assignment says so, no queue push follows.
      return user.type === 'agent' ? changeThread(added, latestThread(chat)?.id, (t) => ({ ...t, queue: undefined })) : added;
    }
    case 'user_removed_from_chat':
      return { ...chat, users: chat.users.map((u) => (u.id === p.user_id ? { ...u, present: false } : u)) };
    default:
      return chat;
  }
}

/** Messages and files from others after `seenUpTo`: what the launcher's badge counts. */
export function unreadCount(chat: ChatView | undefined, customerId: string | undefined, seenUpTo: string | undefined): number {
  const events = chat?.threads.flatMap((t) => t.events) ?? [];
  return events.filter((e) => (e.type === 'message' || e.type === 'file') && e.author_id !== customerId && (!seenUpTo || e.created_at > seenUpTo)).length;
}
