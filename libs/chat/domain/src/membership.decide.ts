import { ChatRuleError } from './chat.errors';
import { ChatEvent } from './chat.events';
import { activeThread, lastThread } from './chat.evolve';
import { recordEvent } from './chat.decide';
import { ChatMember, ChatState, ThreadState, UserRef, Visibility } from './chat.types';
import { AddUserToChat, MembershipCommand, RemoveUserFromChat, TransferChat } from './membership.commands';
import { followerIds } from './membership.evolve';

const nameOf = (user: UserRef) => user.name ?? user.id;

function presentMember(state: ChatState, userId: string): ChatMember | undefined {
  return state.users.find((u) => u.id === userId && u.present);
}

function requireActive(state: ChatState): ThreadState {
  const thread = activeThread(state);
  if (!thread) throw new ChatRuleError('chat_inactive', 'Chat is inactive');
  return thread;
}

/** The requester must be a member unless an agent asks to ignore that (`ignore_requester_presence`). */
function requirePresence(state: ChatState, requester: UserRef, ignore?: boolean): void {
  if (ignore && requester.type === 'agent') return;
  if (!presentMember(state, requester.id)) throw new ChatRuleError('missing_access', 'Requester is not a user of this chat');
}

interface SystemMessage {
  type: string;
  text: string;
  vars: Record<string, string>;
  visibility: Visibility;
}

function systemMessage(thread: ThreadState, message: SystemMessage, command: MembershipCommand, joined?: UserRef): ChatEvent {
  const event = recordEvent(
    thread,
    0,
    { type: 'system_message', system_message_type: message.type, text: message.text, text_vars: message.vars, visibility: message.visibility },
    command.requester,
    command.now,
  );
  // Server messages keep the visibility chosen here, even when a customer's request caused them.
  event.visibility = message.visibility;
  const joinedAgent = joined?.type === 'agent' ? { joined_agent_id: joined.id } : {};
  return { type: 'event_added', data: { thread_id: thread.id, event, ...joinedAgent } };
}

function followChat(state: ChatState, command: MembershipCommand): ChatEvent[] {
  const agentId = command.requester.id;
  // Members hear everything anyway; following twice changes nothing.
  if (presentMember(state, agentId) || followerIds(state).includes(agentId)) return [];
  return [{ type: 'chat_followed', data: { agent_id: agentId, thread_id: lastThread(state)?.id ?? null } }];
}

function unfollowChat(state: ChatState, command: MembershipCommand): ChatEvent[] {
  const agentId = command.requester.id;
  if (presentMember(state, agentId)) throw new ChatRuleError('validation', 'Chat members cannot unfollow the chat');
  if (!state.followers || !(agentId in state.followers)) return [];
  return [{ type: 'chat_unfollowed', data: { agent_id: agentId } }];
}

function addUser(state: ChatState, command: AddUserToChat): ChatEvent[] {
  const thread = requireActive(state);
  requirePresence(state, command.requester, command.ignore_requester_presence);
  const { user, visibility } = command;
  if (user.type === 'customer') {
    if (visibility !== 'all') throw new ChatRuleError('validation', 'A customer can only be added with visibility all');
    if (state.customer_id && state.customer_id !== user.id) throw new ChatRuleError('validation', 'A chat has at most one customer');
  }
  if (presentMember(state, user.id)) throw new ChatRuleError('validation', 'User is already a user of this chat');
  const by = nameOf(command.requester);
  const message: SystemMessage =
    user.type === 'customer'
      ? { type: 'customer_added', text: `${by} added ${nameOf(user)} to the chat`, vars: { initiator: by, customer: nameOf(user) }, visibility: 'all' }
      : user.id === command.requester.id
        ? { type: 'agent_joined', text: `${nameOf(user)} joined the chat`, vars: { agent: nameOf(user) }, visibility }
        : { type: 'agent_added', text: `${by} added ${nameOf(user)} to the chat`, vars: { initiator: by, agent: nameOf(user) }, visibility };
  return [
    {
      type: 'user_added',
      data: { thread_id: thread.id, user: { id: user.id, type: user.type, present: true, visibility }, reason: 'manual', requester_id: command.requester.id },
    },
    systemMessage(thread, message, command, user),
  ];
}

function removeUser(state: ChatState, command: RemoveUserFromChat): ChatEvent[] {
  const thread = requireActive(state);
  requirePresence(state, command.requester, command.ignore_requester_presence);
  const { user } = command;
  if (user.type === 'customer') throw new ChatRuleError('validation', 'The customer cannot be removed from the chat');
  const removed = presentMember(state, user.id);
  if (!removed || removed.type !== 'agent') throw new ChatRuleError('validation', 'User is not a user of this chat');
  const by = nameOf(command.requester);
  const message: SystemMessage =
    user.id === command.requester.id
      ? { type: 'agent_left', text: `${nameOf(user)} left the chat`, vars: { agent: nameOf(user) }, visibility: removed.visibility }
      : {
          type: 'agent_removed',
          text: `${by} removed ${nameOf(user)} from the chat`,
          vars: { initiator: by, agent: nameOf(user) },
          visibility: removed.visibility,
        };
  return [
    {
      type: 'user_removed',
      data: {
        thread_id: thread.id,
        user_id: user.id,
        user_type: 'agent',
        visibility: removed.visibility,
        reason: 'manual',
        requester_id: command.requester.id,
      },
    },
    systemMessage(thread, message, command),
  ];
}

const sameGroups = (a: number[], b: number[]) => a.length === b.length && a.every((g) => b.includes(g));

/**
 * The chat changes hands: its agents (supervisors, added with visibility
 * `agents`, stay) leave, the access changes to the target groups, the
 * assignee (if anyone could take the chat) joins, and a `chat_transferred`
 * system message says who moved it where.
 */
function transferChat(state: ChatState, command: TransferChat): ChatEvent[] {
  const thread = requireActive(state);
  requirePresence(state, command.requester, command.ignore_requester_presence);
  const assignee = command.assignee?.user;
  const leaving = state.users.filter((u) => u.type === 'agent' && u.present && u.visibility === 'all' && u.id !== assignee?.id);
  const events: ChatEvent[] = leaving.map((u) => ({
    type: 'user_removed',
    data: { thread_id: thread.id, user_id: u.id, user_type: 'agent', visibility: u.visibility, reason: 'manual', requester_id: command.requester.id },
  }));
  if (!sameGroups(state.access.group_ids, command.access.group_ids)) {
    events.push({ type: 'chat_access_updated', data: { access: command.access } });
  }
  if (assignee && !presentMember(state, assignee.id)) {
    events.push({
      type: 'user_added',
      data: {
        thread_id: thread.id,
        user: { id: assignee.id, type: 'agent', present: true, visibility: 'all' },
        // `assigned` takes the seat only within max_chats_count (see the chats projection).
        reason: command.assignee!.capped ? 'assigned' : 'manual',
        requester_id: command.requester.id,
      },
    });
  }
  const by = nameOf(command.requester);
  const targets = command.target_names.join(', ');
  events.push(
    systemMessage(
      thread,
      { type: 'chat_transferred', text: `${by} transferred the chat to ${targets}`, vars: { initiator: by, targets }, visibility: 'all' },
      command,
      assignee && !presentMember(state, assignee.id) ? assignee : undefined,
    ),
  );
  const target = command.target;
  events.push({
    type: 'chat_transferred',
    data: {
      thread_id: thread.id,
      requester_id: command.requester.id,
      reason: 'manual',
      transferred_to:
        target?.type === 'agent'
          ? { agent_ids: target.ids as string[] }
          : { group_ids: command.access.group_ids, ...(assignee && { agent_ids: [assignee.id] }) },
      transferred_from: { group_ids: state.access.group_ids, agent_ids: leaving.map((u) => u.id) },
      queued: !assignee,
      ...(assignee && !presentMember(state, assignee.id) && { assignee_id: assignee.id }),
    },
  });
  return events;
}

/** Decides following, membership and transfer commands (agent-chat-api.md §1–3). */
export function decideMembership(state: ChatState, command: MembershipCommand): ChatEvent[] {
  switch (command.type) {
    case 'follow_chat':
      return followChat(state, command);
    case 'unfollow_chat':
      return unfollowChat(state, command);
    case 'add_user_to_chat':
      return addUser(state, command);
    case 'remove_user_from_chat':
      return removeUser(state, command);
    case 'transfer_chat':
      return transferChat(state, command);
    default: {
      const unknown: never = command;
      throw new ChatRuleError('validation', `Unknown command ${(unknown as { type: string }).type}`);
    }
  }
}
