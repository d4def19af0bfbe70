import { AssignAgent, ChatCommand, DEFAULT_ACCESS, DeactivateChat, ResumeChat, SendEvent, StartChat } from './chat.commands';
import { ChatRuleError } from './chat.errors';
import { ChatEvent } from './chat.events';
import { activeThread, evolve, lastThread } from './chat.evolve';
import { ChatEventRecord, ChatMember, ChatState, NewChatEvent, Properties, ThreadState, UserRef } from './chat.types';
import { decideMembership } from './membership.decide';
import { decideProperties } from './properties.decide';
import { decideTags } from './tags.decide';
import { markEventsAsSeen, sendRichMessagePostback } from './signals.decide';
import { addSystemMessage } from './system-message.decide';
import { reassignChat } from './reassign.decide';

const SERVER_FIELDS = ['id', 'created_at', 'author_id', 'thread_id', 'chat_id'];

/** The stored event: the client's fields, then the server's (which always win). */
export function recordEvent(thread: ThreadState, index: number, input: NewChatEvent, author: UserRef, now: string): ChatEventRecord {
  const clientFields = Object.fromEntries(Object.entries(input).filter(([key]) => !SERVER_FIELDS.includes(key)));
  const record: ChatEventRecord = {
    ...clientFields,
    id: `${thread.id}_${thread.event_count + index + 1}`,
    type: input.type,
    created_at: now,
    visibility: author.type === 'customer' ? 'all' : (input.visibility ?? 'all'),
  };
  // System messages have no author.
  if (input.type !== 'system_message') record.author_id = author.id;
  return record;
}

/** The request's properties with `source.client_id`, the application it came from, when it came from one. */
function withSource(properties: Properties | undefined, clientId: string | undefined): Properties {
  if (!clientId) return properties ?? {};
  return { ...properties, source: { ...properties?.['source'], client_id: clientId } };
}

function member(user: UserRef, present = true): ChatMember {
  return { id: user.id, type: user.type, present, visibility: 'all' };
}

function requireMember(state: ChatState, requester: UserRef): ChatMember {
  const found = state.users.find((u) => u.id === requester.id);
  if (!found || (requester.type === 'agent' && !found.present)) {
    throw new ChatRuleError('missing_access', 'Requester is not a user of this chat');
  }
  return found;
}

function threadWithEvents(
  threadId: string,
  command: StartChat | ResumeChat,
  state: ChatState,
): ChatEvent[] {
  const started: ChatEvent = {
    type: 'thread_started',
    data: {
      thread_id: threadId,
      created_at: command.now,
      active: command.active,
      access: command.access ?? (command.type === 'resume_chat' ? state.access : DEFAULT_ACCESS),
      properties: withSource(command.thread_properties, command.client_id),
      continuous: command.continuous ?? state.continuous,
      requester: command.requester,
    },
  };
  const thread = (evolve(state, started) as ChatState).threads.at(-1)!;
  const events: ChatEvent[] = command.events.map((input, i) => ({
    type: 'event_added',
    data: { thread_id: threadId, event: recordEvent(thread, i, input, command.requester, command.now) },
  }));
  return [started, ...events];
}

function checkUsers(command: StartChat | ResumeChat): void {
  const others = command.users.filter((u) => u.id !== command.requester.id);
  if (others.filter((u) => u.type === 'agent').length > 4) throw new ChatRuleError('validation', 'At most 4 agents besides the requester');
  const customers = [command.requester, ...others].filter((u) => u.type === 'customer');
  if (customers.length > 1) throw new ChatRuleError('validation', 'A chat has at most one customer');
}

function startChat(state: ChatState | undefined, command: StartChat): ChatEvent[] {
  if (state) throw new ChatRuleError('already_exists', `Chat ${command.chat_id} already exists`);
  checkUsers(command);
  const others = command.users.filter((u) => u.id !== command.requester.id);
  const users = [member(command.requester), ...others.map((u) => member(u))];
  const created: ChatEvent = {
    type: 'chat_started',
    data: {
      chat_id: command.chat_id,
      users,
      access: command.access ?? DEFAULT_ACCESS,
      properties: withSource(command.properties, command.client_id),
      continuous: command.continuous,
      requester: command.requester,
    },
  };
  return [created, ...threadWithEvents(command.thread_id, command, evolve(undefined, created)!)];
}

function resumeChat(state: ChatState, command: ResumeChat): ChatEvent[] {
  if (activeThread(state)) throw new ChatRuleError('validation', 'Chat is already active');
  checkUsers(command);
  if (command.requester.type === 'customer') requireMember(state, command.requester);
  const joining = [command.requester, ...command.users]
    .filter((u) => u.type === 'agent')
    .filter((u, i, all) => all.findIndex((o) => o.id === u.id) === i)
    .map<ChatEvent>((u) => ({ type: 'user_added', data: { user: member(u), reason: 'manual', requester_id: command.requester.id } }));
  const afterJoin = joining.reduce<ChatState>((s, e) => evolve(s, e)!, state);
  return [...joining, ...threadWithEvents(command.thread_id, command, afterJoin)];
}

function sendEvent(state: ChatState, command: SendEvent): ChatEvent[] {
  const author = requireMember(state, command.requester);
  if (author.visibility === 'agents' && command.event.visibility !== 'agents') {
    throw new ChatRuleError('validation', 'A user added with visibility agents can only send events visible to agents');
  }
  let thread = activeThread(state);
  if (!thread) {
    const last = lastThread(state);
    const attachable =
      command.attach_to_last_thread && last && (command.requester.type === 'customer' || command.event.type === 'system_message');
    if (!attachable) throw new ChatRuleError('chat_inactive', 'Chat is inactive');
    thread = last;
  }
  return [{ type: 'event_added', data: { thread_id: thread.id, event: recordEvent(thread, 0, command.event, command.requester, command.now) } }];
}

function deactivateChat(state: ChatState, command: DeactivateChat): ChatEvent[] {
  const thread = activeThread(state);
  if (!thread) throw new ChatRuleError('chat_inactive', 'Chat is inactive');
  if (!(command.requester.type === 'agent' && command.ignore_requester_presence)) requireMember(state, command.requester);
  const byAgent = command.requester.type === 'agent';
  const name = command.requester.name ?? command.requester.id;
  const message = recordEvent(
    thread,
    0,
    {
      type: 'system_message',
      system_message_type: byAgent ? 'manual_archived_agent' : 'manual_archived_customer',
      text: `${name} archived the chat`,
      text_vars: byAgent ? { agent: name } : { customer: name },
    },
    command.requester,
    command.now,
  );
  const agentIds = state.users.filter((u) => u.type === 'agent' && u.present).map((u) => u.id);
  return [
    { type: 'event_added', data: { thread_id: thread.id, event: message } },
    { type: 'thread_deactivated', data: { thread_id: thread.id, user_id: command.requester.id, created_at: command.now, agent_ids: agentIds } },
  ];
}

function assignAgent(state: ChatState, command: AssignAgent): ChatEvent[] {
  const thread = activeThread(state);
  if (!thread || thread.id !== command.thread_id) throw new ChatRuleError('chat_inactive', 'The thread is no longer active');
  // The router only fills an empty seat: a chat that already has an agent is not routed again.
  if (state.users.some((u) => u.type === 'agent' && u.present)) {
    throw new ChatRuleError('validation', 'The chat already has an agent');
  }
  const name = command.agent.name ?? command.agent.id;
  const message = recordEvent(
    thread,
    0,
    { type: 'system_message', system_message_type: 'routing.assigned', text: `Chat assigned to ${name}`, text_vars: { agent: name } },
    command.requester,
    command.now,
  );
  return [
    { type: 'user_added', data: { thread_id: thread.id, user: member(command.agent), reason: 'assigned' } },
    { type: 'event_added', data: { thread_id: thread.id, event: message } },
  ];
}

/**
 * Decides what a command on a chat results in, or throws {@link ChatRuleError}.
 * `state` is undefined for a chat that does not exist yet.
 */
export function decide(state: ChatState | undefined, command: ChatCommand): ChatEvent[] {
  if (command.type === 'start_chat') return startChat(state, command);
  if (!state) throw new ChatRuleError('not_found', 'Chat not found');
  switch (command.type) {
    case 'resume_chat':
      return resumeChat(state, command);
    case 'send_event':
      return sendEvent(state, command);
    case 'deactivate_chat':
      return deactivateChat(state, command);
    case 'assign_agent':
      return assignAgent(state, command);
    case 'follow_chat':
    case 'unfollow_chat':
    case 'add_user_to_chat':
    case 'remove_user_from_chat':
    case 'transfer_chat':
      return decideMembership(state, command);
    case 'update_chat_properties':
    case 'delete_chat_properties':
    case 'update_thread_properties':
    case 'delete_thread_properties':
    case 'update_event_properties':
    case 'delete_event_properties':
      return decideProperties(state, command);
    case 'tag_thread':
    case 'untag_thread':
      return decideTags(state, command);
    case 'mark_events_as_seen':
      return markEventsAsSeen(state, command);
    case 'send_rich_message_postback':
      return sendRichMessagePostback(state, command);
    case 'add_system_message':
      return addSystemMessage(state, command);
    case 'reassign_chat':
      return reassignChat(state, command);
    default: {
      const unknown: never = command;
      throw new ChatRuleError('validation', `Unknown command ${(unknown as { type: string }).type}`);
    }
  }
}
