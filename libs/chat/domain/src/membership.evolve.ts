import { ChatMember, ChatState } from './chat.types';
import { MembershipEvent } from './membership.events';

/** Folds a membership fact into the chat's state. */
export function evolveMembership(state: ChatState | undefined, event: MembershipEvent): ChatState | undefined {
  if (!state) return state;
  switch (event.type) {
    case 'chat_followed':
      return { ...state, followers: { ...state.followers, [event.data.agent_id]: event.data.thread_id } };
    case 'chat_unfollowed': {
      const { [event.data.agent_id]: _gone, ...rest } = state.followers ?? {};
      return { ...state, followers: rest };
    }
    case 'user_removed':
      return {
        ...state,
        users: state.users.map((u): ChatMember => (u.id === event.data.user_id ? { ...u, present: false } : u)),
      };
    case 'chat_access_updated': {
      const last = state.threads.length - 1;
      const threads = state.threads.map((t, i) => (i === last && t.active ? { ...t, access: event.data.access } : t));
      return { ...state, access: event.data.access, threads };
    }
    case 'chat_transferred':
      return state;
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

/**
 * Agents following the chat now: those who followed it during its latest
 * thread (or before its first). Following ends when a new thread starts.
 */
export function followerIds(state: ChatState | undefined): string[] {
  if (!state?.followers) return [];
  const current = state.threads.at(-1)?.id ?? null;
  const present = new Set(state.users.filter((u) => u.present).map((u) => u.id));
  return Object.entries(state.followers)
    .filter(([id, thread]) => thread === current && !present.has(id))
    .map(([id]) => id);
}
