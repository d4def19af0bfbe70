import { ChatCommand } from './chat.commands';
import { decide } from './chat.decide';
import { ChatRuleError } from './chat.errors';
import { ChatEvent } from './chat.events';
import { foldChat } from './chat.evolve';
import { ChatState, UserRef } from './chat.types';
import { followerIds } from './membership.evolve';

const customer: UserRef = { id: 'c-1', type: 'customer', name: 'Cate' };
const jo: UserRef = { id: 'jo@example.com', type: 'agent', name: 'Jo' };
const al: UserRef = { id: 'al@example.com', type: 'agent', name: 'Al' };
const sue: UserRef = { id: 'sue@example.com', type: 'agent', name: 'Sue' };
const T0 = '2026-11-21T10:00:00.000000Z';
const T1 = '2026-11-21T10:01:00.000000Z';
const T2 = '2026-11-21T10:02:00.000000Z';

const run = (past: ChatEvent[], command: ChatCommand) => decide(foldChat(past), command);
const after = (past: ChatEvent[], command: ChatCommand): ChatState => foldChat([...past, ...run(past, command)])!;
const fails = (past: ChatEvent[], command: ChatCommand, type: string) => {
  try {
    run(past, command);
  } catch (error) {
    expect(error).toBeInstanceOf(ChatRuleError);
    expect((error as ChatRuleError).type).toBe(type);
    return;
  }
  throw new Error(`expected ${type}`);
};

/** A customer's chat, assigned to Jo by the router. */
function assignedChat(): ChatEvent[] {
  const started = decide(undefined, {
    type: 'start_chat',
    chat_id: 'PJ0MRSHTDG',
    thread_id: 'K600PKZON8',
    requester: customer,
    now: T0,
    users: [],
    events: [{ type: 'message', text: 'Hello' }],
    active: true,
    continuous: false,
  });
  const assigned = decide(foldChat(started), { type: 'assign_agent', requester: jo, agent: jo, thread_id: 'K600PKZON8', now: T1 });
  return [...started, ...assigned];
}

const messages = (events: ChatEvent[]) =>
  events.flatMap((e) => (e.type === 'event_added' ? [e.data.event] : [])).map((e) => [e.system_message_type, e.text, e.visibility]);
const deactivated = (): ChatEvent[] => [
  ...assignedChat(),
  ...run(assignedChat(), { type: 'deactivate_chat', requester: jo, now: T2 }),
];

describe('following (agent-chat-api.md §1)', () => {
  it('a non-member follows until it unfollows; members neither follow nor unfollow', () => {
    const past = assignedChat();
    const followed = run(past, { type: 'follow_chat', requester: al, now: T2 });
    expect(followed).toEqual([{ type: 'chat_followed', data: { agent_id: al.id, thread_id: 'K600PKZON8' } }]);
    expect(followerIds(foldChat([...past, ...followed]))).toEqual([al.id]);
    expect(run([...past, ...followed], { type: 'follow_chat', requester: al, now: T2 })).toEqual([]);
    expect(run(past, { type: 'follow_chat', requester: jo, now: T2 })).toEqual([]);
    fails(past, { type: 'unfollow_chat', requester: jo, now: T2 }, 'validation');
    const unfollowed = run([...past, ...followed], { type: 'unfollow_chat', requester: al, now: T2 });
    expect(unfollowed).toEqual([{ type: 'chat_unfollowed', data: { agent_id: al.id } }]);
    expect(followerIds(foldChat([...past, ...followed, ...unfollowed]))).toEqual([]);
  });

  it('following ends when the chat gets a new thread', () => {
    const past = [...deactivated(), ...run(deactivated(), { type: 'follow_chat', requester: al, now: T2 })];
    expect(followerIds(foldChat(past))).toEqual([al.id]);
    const resumed = run(past, { type: 'resume_chat', requester: customer, thread_id: 'T2', users: [], events: [], active: true, now: T2 });
    expect(followerIds(foldChat([...past, ...resumed]))).toEqual([]);
  });
});

describe('chat users (agent-chat-api.md §3, routing.md §7)', () => {
  const add = (user: UserRef, visibility: 'all' | 'agents' = 'all', requester = jo): ChatCommand => ({
    type: 'add_user_to_chat',
    requester,
    now: T2,
    user,
    visibility,
  });

  it('an agent added by a member joins with agent_added; one adding itself (ignoring presence) with agent_joined', () => {
    const events = run(assignedChat(), add(al));
    expect(events[0]).toEqual({
      type: 'user_added',
      data: { thread_id: 'K600PKZON8', user: { id: al.id, type: 'agent', present: true, visibility: 'all' }, reason: 'manual', requester_id: jo.id },
    });
    expect(messages(events)).toEqual([['agent_added', 'Jo added Al to the chat', 'all']]);
    expect((events[1] as Extract<ChatEvent, { type: 'event_added' }>).data.joined_agent_id).toBe(al.id);
    const joined = run(assignedChat(), { ...add(al, 'all', al), ignore_requester_presence: true } as ChatCommand);
    expect(messages(joined)).toEqual([['agent_joined', 'Al joined the chat', 'all']]);
  });

  it('a supervisor (visibility agents) is announced to agents only', () => {
    const events = run(assignedChat(), add(sue, 'agents'));
    expect(messages(events)).toEqual([['agent_added', 'Jo added Sue to the chat', 'agents']]);
  });

  it('refuses: an inactive chat, a requester outside the chat, a member twice, a second customer, a customer for agents only', () => {
    fails(deactivated(), add(al), 'chat_inactive');
    fails(assignedChat(), add(sue, 'all', al), 'missing_access');
    fails(assignedChat(), add(jo), 'validation');
    fails(assignedChat(), add({ id: 'c-2', type: 'customer', name: 'Other' }), 'validation');
    fails(assignedChat(), add(customer, 'agents'), 'validation');
  });

  it('a customer can be added to an agent-started chat', () => {
    const started = decide(undefined, {
      type: 'start_chat',
      chat_id: 'C2',
      thread_id: 'T1',
      requester: jo,
      now: T0,
      users: [],
      events: [],
      active: true,
      continuous: false,
    });
    const events = run(started, add(customer));
    expect(messages(events)).toEqual([['customer_added', 'Jo added Cate to the chat', 'all']]);
    expect(foldChat([...started, ...events])!.customer_id).toBe(customer.id);
  });

  it('an agent leaves (agent_left) or is removed (agent_removed); the customer cannot be removed', () => {
    const withAl = [...assignedChat(), ...run(assignedChat(), add(al))];
    const removed = run(withAl, { type: 'remove_user_from_chat', requester: jo, now: T2, user: al });
    expect(removed[0]).toMatchObject({ type: 'user_removed', data: { user_id: al.id, user_type: 'agent', visibility: 'all', reason: 'manual' } });
    expect(messages(removed)).toEqual([['agent_removed', 'Jo removed Al from the chat', 'all']]);
    const left = run(withAl, { type: 'remove_user_from_chat', requester: al, now: T2, user: al });
    expect(messages(left)).toEqual([['agent_left', 'Al left the chat', 'all']]);
    expect(foldChat([...withAl, ...left])!.users.find((u) => u.id === al.id)!.present).toBe(false);
    fails(withAl, { type: 'remove_user_from_chat', requester: jo, now: T2, user: customer }, 'validation');
    fails(withAl, { type: 'remove_user_from_chat', requester: jo, now: T2, user: sue }, 'validation');
  });
});

describe('transfers (agent-chat-api.md §2, routing.md §6)', () => {
  const transfer = (over: Partial<Extract<ChatCommand, { type: 'transfer_chat' }>>): ChatCommand => ({
    type: 'transfer_chat',
    requester: jo,
    now: T2,
    access: { group_ids: [0] },
    target_names: ['Al'],
    ...over,
  });

  it('to an agent: the agents leave, the target joins, and the chat_transferred message and fact say where from and to', () => {
    const events = run(assignedChat(), transfer({ target: { type: 'agent', ids: [al.id] }, assignee: { user: al, capped: true } }));
    expect(events.map((e) => e.type)).toEqual(['user_removed', 'user_added', 'event_added', 'chat_transferred']);
    expect(events[1]).toMatchObject({ data: { user: { id: al.id }, reason: 'assigned' } });
    expect(messages(events)).toEqual([['chat_transferred', 'Jo transferred the chat to Al', 'all']]);
    expect(events[3]).toEqual({
      type: 'chat_transferred',
      data: {
        thread_id: 'K600PKZON8',
        requester_id: jo.id,
        reason: 'manual',
        transferred_to: { agent_ids: [al.id] },
        transferred_from: { group_ids: [0], agent_ids: [jo.id] },
        queued: false,
        assignee_id: al.id,
      },
    });
  });

  it('to an agent not accepting chats: the seat is taken without the capacity check', () => {
    const events = run(assignedChat(), transfer({ target: { type: 'agent', ids: [al.id] }, assignee: { user: al, capped: false } }));
    expect(events[1]).toMatchObject({ type: 'user_added', data: { reason: 'manual' } });
  });

  it('to a group nobody can take now: the access changes and the chat waits without agents', () => {
    const command = transfer({ target: { type: 'group', ids: [3] }, access: { group_ids: [3] }, target_names: ['Sales'] });
    const events = run(assignedChat(), command);
    expect(events.map((e) => e.type)).toEqual(['user_removed', 'chat_access_updated', 'event_added', 'chat_transferred']);
    expect(events[3]).toMatchObject({ data: { transferred_to: { group_ids: [3] }, queued: true } });
    const state = after(assignedChat(), command);
    expect(state.access).toEqual({ group_ids: [3] });
    expect(state.threads[0].access).toEqual({ group_ids: [3] });
    expect(state.users.filter((u) => u.type === 'agent' && u.present)).toEqual([]);
  });

  it('supervisors stay; an inactive chat or a requester outside it (without ignore_requester_presence) is refused', () => {
    const withSue = [...assignedChat(), ...run(assignedChat(), { type: 'add_user_to_chat', requester: jo, now: T2, user: sue, visibility: 'agents' })];
    const events = run(withSue, transfer({ target: { type: 'agent', ids: [al.id] }, assignee: { user: al, capped: true } }));
    expect(events.filter((e) => e.type === 'user_removed').map((e) => (e.data as { user_id: string }).user_id)).toEqual([jo.id]);
    fails(deactivated(), transfer({ assignee: { user: al, capped: true } }), 'chat_inactive');
    fails(assignedChat(), transfer({ requester: al, assignee: { user: sue, capped: true } }), 'missing_access');
    expect(run(assignedChat(), transfer({ requester: al, ignore_requester_presence: true, assignee: { user: sue, capped: true } }))).toHaveLength(4);
  });
});
