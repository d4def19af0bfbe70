import { ChatRuleError } from './chat.errors';
import { ChatMember, ChatState, ThreadState } from './chat.types';
import { ButtonUsers, MarkEventsAsSeen, SendRichMessagePostback, SignalEvent } from './signals.types';

/**
 * The requester as a user of the chat: its customer, or one of its agents
 * (present ones only, unless `evenPast`: having seen events outlives leaving).
 */
export function chatUser(state: ChatState, requester: { id: string; type: string }, evenPast = false): ChatMember {
  const found = state.users.find((u) => u.id === requester.id && u.type === requester.type);
  if (!found || (requester.type === 'agent' && !found.present && !evenPast)) {
    throw new ChatRuleError('missing_access', 'Requester is not a user of this chat');
  }
  return found;
}

const activeThreadOf = (state: ChatState): ThreadState | undefined => {
  const last = state.threads.at(-1);
  return last?.active ? last : undefined;
};

/** The thread a live signal belongs to: the chat's active one. */
export function liveThread(state: ChatState): ThreadState {
  const thread = activeThreadOf(state);
  if (!thread) throw new ChatRuleError('chat_inactive', 'Chat is inactive');
  return thread;
}

/**
 * Marks events as seen up to a moment — never one in the future (nothing
 * there to have seen), never moving a user's mark back.
 */
export function markEventsAsSeen(state: ChatState, command: MarkEventsAsSeen): SignalEvent[] {
  const user = chatUser(state, command.requester, true);
  const requested = command.seen_up_to < command.now ? command.seen_up_to : command.now;
  const seenUpTo = user.events_seen_up_to && user.events_seen_up_to > requested ? user.events_seen_up_to : requested;
  const hidden = user.visibility === 'agents' ? { visibility: 'agents' as const } : {};
  return [{ type: 'events_seen', data: { user_id: user.id, seen_up_to: seenUpTo, ...hidden } }];
}

const buttonsOf = (event: Record<string, unknown>): Array<Record<string, unknown>> =>
  ((event.elements as Array<{ buttons?: Array<Record<string, unknown>> }> | undefined) ?? []).flatMap((e) => e.buttons ?? []);

/** Toggles a rich message's button for the requester, in the chat's active thread only. */
export function sendRichMessagePostback(state: ChatState, command: SendRichMessagePostback): SignalEvent[] {
  const user = chatUser(state, command.requester);
  const thread = state.threads.find((t) => t.id === command.thread_id);
  if (!thread) throw new ChatRuleError('not_found', 'Thread not found');
  if (!thread.active) throw new ChatRuleError('chat_inactive', 'Thread is inactive');
  const event = command.event;
  const visible = event && (user.type === 'agent' || event.visibility === 'all');
  if (!event || !visible || event.id !== command.event_id || event.type !== 'rich_message' || !event.id.startsWith(`${thread.id}_`)) {
    throw new ChatRuleError('not_found', 'Rich message not found');
  }
  if (!buttonsOf(event).some((b) => b.postback_id === command.postback.id)) {
    throw new ChatRuleError('not_found', 'Postback button not found');
  }
  return [
    {
      type: 'rich_message_postback',
      data: { thread_id: thread.id, event_id: event.id, user_id: user.id, postback: command.postback, visibility: event.visibility },
    },
  ];
}

/** Folds a signal fact into the chat's state. */
export function evolveSignal(state: ChatState, event: SignalEvent): ChatState {
  if (event.type === 'events_seen') {
    const { user_id, seen_up_to } = event.data;
    const users = state.users.map((u) =>
      u.id === user_id && (!u.events_seen_up_to || u.events_seen_up_to < seen_up_to) ? { ...u, events_seen_up_to: seen_up_to } : u,
    );
    return { ...state, users };
  }
  const { event_id, user_id, postback } = event.data;
  const buttons: ButtonUsers = state.button_users ?? {};
  const before = buttons[event_id]?.[postback.id] ?? [];
  const after = postback.toggled ? [...before.filter((id) => id !== user_id), user_id] : before.filter((id) => id !== user_id);
  return { ...state, button_users: { ...buttons, [event_id]: { ...buttons[event_id], [postback.id]: after } } };
}

/**
 * A rich message as readers get it: each button with a postback id carries
 * the users who have it toggled on. Other events are returned as they are.
 */
export function withButtonUsers<E extends Record<string, unknown>>(state: ChatState, event: E): E {
  if (event.type !== 'rich_message' || !Array.isArray(event.elements)) return event;
  const toggled = state.button_users?.[event.id as string] ?? {};
  const elements = (event.elements as Array<{ buttons?: Array<Record<string, unknown>> }>).map((element) =>
    element.buttons
      ? {
          ...element,
          buttons: element.buttons.map((b) =>
            typeof b.postback_id === 'string' ? { ...b, user_ids: toggled[b.postback_id] ?? [] } : b,
          ),
        }
      : element,
  );
  return { ...event, elements };
}
