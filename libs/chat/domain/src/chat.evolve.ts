import { ChatEvent } from './chat.events';
import { ChatMember, ChatState, ThreadState } from './chat.types';
import { evolveMembership } from './membership.evolve';
import { evolveProperties } from './properties.decide';
import { evolveTags } from './tags.decide';
import { evolveSignal } from './signals.decide';

function upsertMember(users: ChatMember[], member: ChatMember): ChatMember[] {
  const index = users.findIndex((u) => u.id === member.id);
  if (index === -1) return [...users, member];
  const next = [...users];
  next[index] = { ...users[index], ...member };
  return next;
}

function updateLastThread(state: ChatState, threadId: string, change: (t: ThreadState) => ThreadState): ChatState {
  return { ...state, threads: state.threads.map((t) => (t.id === threadId ? change(t) : t)) };
}

function seen(users: ChatMember[], userId: string | undefined, at: string): ChatMember[] {
  if (!userId) return users;
  return users.map((u) => (u.id === userId && (!u.events_seen_up_to || u.events_seen_up_to < at) ? { ...u, events_seen_up_to: at } : u));
}

/** Folds one fact into the chat's state. */
export function evolve(state: ChatState | undefined, event: ChatEvent): ChatState | undefined {
  switch (event.type) {
    case 'chat_started': {
      const { chat_id, users, access, properties, continuous } = event.data;
      return {
        id: chat_id,
        users,
        customer_id: users.find((u) => u.type === 'customer')?.id,
        access,
        properties,
        threads: [],
        continuous,
      };
    }
    case 'thread_started': {
      if (!state) return state;
      const { thread_id, created_at, active, access, properties, continuous, requester } = event.data;
      const present = state.users.filter((u) => u.present).map((u) => u.id);
      const thread: ThreadState = {
        id: thread_id,
        active,
        created_at,
        user_ids: present,
        event_count: 0,
        properties,
        access,
      };
      return {
        ...state,
        access,
        continuous,
        users: seen(state.users, requester.id, created_at),
        threads: [...state.threads, thread],
      };
    }
    case 'event_added': {
      if (!state) return state;
      const { thread_id, event: added } = event.data;
      const next = updateLastThread(state, thread_id, (t) => ({
        ...t,
        event_count: t.event_count + 1,
        user_ids: added.author_id && !t.user_ids.includes(added.author_id) ? [...t.user_ids, added.author_id] : t.user_ids,
      }));
      return { ...next, users: seen(next.users, added.author_id, added.created_at) };
    }
    case 'thread_deactivated': {
      if (!state) return state;
      const next = updateLastThread(state, event.data.thread_id, (t) => ({ ...t, active: false }));
      // Agents leave with the thread; the customer stays with the chat.
      return { ...next, users: next.users.map((u) => (u.type === 'agent' ? { ...u, present: false } : u)) };
    }
    case 'user_added': {
      if (!state) return state;
      const { user, thread_id } = event.data;
      const customer_id = state.customer_id ?? (user.type === 'customer' ? user.id : undefined);
      const next = { ...state, users: upsertMember(state.users, user), customer_id };
      if (!thread_id) return next;
      return updateLastThread(next, thread_id, (t) =>
        t.user_ids.includes(user.id) ? t : { ...t, user_ids: [...t.user_ids, user.id] },
      );
    }
    case 'chat_followed':
    case 'chat_unfollowed':
    case 'user_removed':
    case 'chat_access_updated':
    case 'chat_transferred':
      return evolveMembership(state, event);
    case 'chat_properties_updated':
    case 'chat_properties_deleted':
    case 'thread_properties_updated':
    case 'thread_properties_deleted':
    case 'event_properties_updated':
    case 'event_properties_deleted':
      return state && evolveProperties(state, event);
    case 'thread_tagged':
    case 'thread_untagged':
      return state && evolveTags(state, event);
    case 'events_seen':
    case 'rich_message_postback':
      return state && evolveSignal(state, event);
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

export function foldChat(events: readonly ChatEvent[]): ChatState | undefined {
  return events.reduce<ChatState | undefined>(evolve, undefined);
}

export const activeThread = (state: ChatState): ThreadState | undefined => {
  const last = state.threads[state.threads.length - 1];
  return last?.active ? last : undefined;
};

export const lastThread = (state: ChatState): ThreadState | undefined => state.threads[state.threads.length - 1];

/** Agents currently members of the chat. */
export const presentAgentIds = (state: ChatState): string[] =>
  state.users.filter((u) => u.type === 'agent' && u.present).map((u) => u.id);
