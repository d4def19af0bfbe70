import { ChatRuleError } from './chat.errors';
import { ChatEvent } from './chat.events';
import { activeThread } from './chat.evolve';
import { recordEvent } from './chat.decide';
import { ChatMember, ChatState, UserRef } from './chat.types';
import { ReassignCause, reassignmentMessage } from './reassign.messages';

/** Where a queued chat stands (agent-chat-api.md `chat_transferred.queue`). */
export interface QueueInfo {
  position: number;
  /** Seconds, an estimate. */
  wait_time: number;
  queued_at: string;
}

/**
 * The router takes the active thread from an agent who stopped answering or
 * is gone (routing.md §4): to another agent (`to`, whose seat is taken within
 * `max_chats_count` while they accept chats, like `assign_agent`), or, with
 * nobody to take it, to the queue. A chat the router closes instead is closed
 * with `add_system_message` (`deactivate`, `thread_id`).
 *
 * Each command says what the router saw, and is refused once that no longer
 * holds — the thread is over, the agent already left, or (inactivity) someone
 * wrote since — so two routers acting on the same chat move it once.
 */
export interface ReassignChat {
  type: 'reassign_chat';
  /** Stands in for the router in the events' metadata: the agent losing the chat. The events name no requester. */
  requester: UserRef;
  now: string;
  thread_id: string;
  /** The agent losing the chat. */
  from: UserRef;
  cause: ReassignCause;
  /** The next agent; absent: nobody can take the chat now. */
  to?: UserRef;
  /** inactive: the minutes the agent stayed silent (`%duration%`). */
  duration_min?: number;
  /** inactive: the thread's event count when the router looked; any event since makes the command stale. */
  thread_event_count?: number;
  /** Queued: where the chat stands, for `chat_transferred.queue`. */
  queue?: QueueInfo;
}

const nameOf = (user: UserRef) => user.name ?? user.id;
const present = (state: ChatState, userId: string): ChatMember | undefined => state.users.find((u) => u.id === userId && u.present);

export function reassignChat(state: ChatState, command: ReassignChat): ChatEvent[] {
  const thread = activeThread(state);
  if (!thread || thread.id !== command.thread_id) throw new ChatRuleError('chat_inactive', 'The thread is no longer active');
  const from = present(state, command.from.id);
  if (!from || from.type !== 'agent') throw new ChatRuleError('validation', 'The agent is no longer in the chat');
  if (command.thread_event_count !== undefined && command.thread_event_count !== thread.event_count) {
    throw new ChatRuleError('validation', 'The chat changed since the router looked at it');
  }
  if (command.to && present(state, command.to.id)) throw new ChatRuleError('validation', 'The agent is already in the chat');
  if (command.cause === 'inactive' && !command.to) throw new ChatRuleError('validation', 'An inactive chat only moves to another agent');
  const removed: ChatEvent = {
    type: 'user_removed',
    data: {
      thread_id: thread.id,
      user_id: from.id,
      user_type: 'agent',
      visibility: from.visibility,
      reason: command.cause === 'inactive' ? 'inactive' : command.to ? 'assigned' : 'unassigned',
    },
  };
  const others = state.users.filter((u) => u.type === 'agent' && u.present && u.visibility === 'all' && u.id !== from.id);
  // Someone else still holds the chat: the agent who is gone only leaves it.
  if (!command.to && others.length > 0) return [removed];
  const transferredFrom = { group_ids: state.access.group_ids, agent_ids: [from.id] };
  if (command.to) {
    const to = command.to;
    const message = reassignmentMessage('assigned', command.cause, { removed: nameOf(command.from), added: nameOf(to), durationMin: command.duration_min });
    return [
      removed,
      // `assigned`: the seat is taken only within max_chats_count, while the agent accepts chats (the chats projection).
      { type: 'user_added', data: { thread_id: thread.id, user: { id: to.id, type: 'agent', present: true, visibility: 'all' }, reason: 'assigned' } },
      { type: 'event_added', data: { thread_id: thread.id, event: recordEvent(thread, 0, { type: 'system_message', ...message }, to, command.now), joined_agent_id: to.id } },
      {
        type: 'chat_transferred',
        data: {
          thread_id: thread.id,
          reason: command.cause === 'inactive' ? 'inactive' : 'assigned',
          transferred_to: { group_ids: state.access.group_ids, agent_ids: [to.id] },
          transferred_from: transferredFrom,
          queued: false,
          assignee_id: to.id,
        },
      },
    ];
  }
  const message = reassignmentMessage('unassigned', command.cause, { removed: nameOf(command.from) });
  return [
    removed,
    { type: 'event_added', data: { thread_id: thread.id, event: recordEvent(thread, 0, { type: 'system_message', ...message }, command.from, command.now) } },
    {
      type: 'chat_transferred',
      data: {
        thread_id: thread.id,
        reason: 'unassigned',
        transferred_to: { group_ids: state.access.group_ids },
        transferred_from: transferredFrom,
        queued: true,
        ...(command.queue && { queue: command.queue }),
      },
    },
  ];
}
