import { ChatCommand } from './chat.commands';
import { decide } from './chat.decide';
import { ChatRuleError } from './chat.errors';
import { ChatEvent } from './chat.events';
import { activeThread, foldChat } from './chat.evolve';
import { UserRef } from './chat.types';
import { ReassignChat } from './reassign.decide';
import { reassignmentMessage } from './reassign.messages';

const customer: UserRef = { id: 'c-1', type: 'customer', name: 'Cate' };
const jo: UserRef = { id: 'jo@example.com', type: 'agent', name: 'Jo' };
const al: UserRef = { id: 'al@example.com', type: 'agent', name: 'Al' };
const sue: UserRef = { id: 'sue@example.com', type: 'agent', name: 'Sue' };
const T0 = '2026-11-21T10:00:00.000000Z';
const T1 = '2026-11-21T10:01:00.000000Z';
const T2 = '2026-11-21T10:05:00.000000Z';

/** Given the chat's past, when the command runs, then these events (or this refusal). */
function given(past: ChatEvent[]) {
  return {
    when: (command: ChatCommand) => ({
      then: (check: (events: ChatEvent[]) => void) => check(decide(foldChat(past), command)),
      thenFails: (type: string) => {
        let caught: unknown;
        try {
          decide(foldChat(past), command);
        } catch (error) {
          caught = error;
        }
        expect(caught).toBeInstanceOf(ChatRuleError);
        expect((caught as ChatRuleError).type).toBe(type);
      },
    }),
  };
}

/** A customer's chat in group 1, assigned to Jo by the router; the customer wrote once. */
function assignedToJo(): ChatEvent[] {
  const started = decide(undefined, {
    type: 'start_chat',
    chat_id: 'PJ0MRSHTDG',
    thread_id: 'K600PKZON8',
    requester: customer,
    now: T0,
    users: [],
    access: { group_ids: [1] },
    events: [{ type: 'message', text: 'Hello' }],
    active: true,
    continuous: false,
  });
  return [...started, ...decide(foldChat(started), { type: 'assign_agent', requester: jo, agent: jo, thread_id: 'K600PKZON8', now: T1 })];
}

const reassign = (change: Partial<ReassignChat>): ReassignChat => ({
  type: 'reassign_chat',
  requester: jo,
  now: T2,
  thread_id: 'K600PKZON8',
  from: jo,
  cause: 'disconnected',
  ...change,
});

const eventCount = (past: ChatEvent[]) => activeThread(foldChat(past)!)!.event_count;
const systemMessages = (events: ChatEvent[]) =>
  events.flatMap((e) => (e.type === 'event_added' ? [e.data.event] : [])).map((e) => ({ type: e.system_message_type, text: e.text, text_vars: e.text_vars }));

describe('the router moves a chat on (routing.md §4, §7)', () => {
  it('an assignee silent too long: the chat goes to the next agent, with routing.assigned_inactive and chat_transferred reason inactive', () => {
    const past = assignedToJo();
    given(past)
      .when(reassign({ cause: 'inactive', to: al, duration_min: 3, thread_event_count: eventCount(past) }))
      .then((events) => {
        expect(events.map((e) => e.type)).toEqual(['user_removed', 'user_added', 'event_added', 'chat_transferred']);
        expect(events[0].data).toEqual({ thread_id: 'K600PKZON8', user_id: jo.id, user_type: 'agent', visibility: 'all', reason: 'inactive' });
        // The seat is taken like the router's own assignments: within max_chats_count, while Al accepts chats.
        expect(events[1].data).toEqual({ thread_id: 'K600PKZON8', user: { id: al.id, type: 'agent', present: true, visibility: 'all' }, reason: 'assigned' });
        expect(systemMessages(events)).toEqual([
          { type: 'routing.assigned_inactive', text: "Chat assigned to Al because Jo hasn't replied in 3 minutes", text_vars: { agent_added: 'Al', agent_removed: 'Jo', duration: '3' } },
        ]);
        expect(events[2].data).toMatchObject({ joined_agent_id: al.id });
        expect(events[3].data).toEqual({
          thread_id: 'K600PKZON8',
          reason: 'inactive',
          transferred_to: { group_ids: [1], agent_ids: [al.id] },
          transferred_from: { group_ids: [1], agent_ids: [jo.id] },
          queued: false,
          assignee_id: al.id,
        });
        const after = foldChat([...past, ...events])!;
        expect(after.users.filter((u) => u.present && u.type === 'agent').map((u) => u.id)).toEqual([al.id]);
      });
  });

  it('an inactive chat is not moved once someone wrote since the router looked, nor without anyone to take it', () => {
    const past = assignedToJo();
    const seen = eventCount(past);
    const replied = [...past, ...decide(foldChat(past), { type: 'send_event', requester: jo, now: T2, event: { type: 'message', text: 'On it' } })];
    given(replied).when(reassign({ cause: 'inactive', to: al, duration_min: 3, thread_event_count: seen })).thenFails('validation');
    given(past).when(reassign({ cause: 'inactive', duration_min: 3, thread_event_count: seen })).thenFails('validation');
  });

  it.each([
    ['disconnected', 'Chat assigned to Al because Jo had lost internet connection'],
    ['signed_out', 'Chat assigned to Al because Jo had signed out'],
    ['remotely_signed_out', 'Chat assigned to Al because Jo had been remotely signed out'],
    ['deleted', 'Chat assigned to Al because Jo account had been deleted'],
  ] as const)('an agent gone (%s) hands the chat to the next agent: chat_transferred reason assigned', (cause, text) => {
    given(assignedToJo())
      .when(reassign({ cause, to: al }))
      .then((events) => {
        expect(systemMessages(events)).toEqual([{ type: `routing.assigned_${cause}`, text, text_vars: { agent_added: 'Al', agent_removed: 'Jo' } }]);
        expect(events[0].data).toMatchObject({ reason: 'assigned' });
        expect(events[3].data).toMatchObject({ reason: 'assigned', transferred_to: { agent_ids: [al.id] }, assignee_id: al.id });
      });
  });

  it.each([
    ['disconnected', 'Customer was queued because Jo had lost internet connection'],
    ['signed_out', 'Customer was queued because Jo had signed out'],
    ['remotely_signed_out', 'Customer was queued because Jo had been remotely signed out'],
    ['deleted', 'Customer was queued because Jo account has been deleted'],
  ] as const)('with nobody to take it (%s) the chat waits in the queue: routing.unassigned_*, chat_transferred reason unassigned with the queue', (cause, text) => {
    const queue = { position: 2, wait_time: 120, queued_at: T2 };
    given(assignedToJo())
      .when(reassign({ cause, queue }))
      .then((events) => {
        expect(events.map((e) => e.type)).toEqual(['user_removed', 'event_added', 'chat_transferred']);
        expect(systemMessages(events)).toEqual([{ type: `routing.unassigned_${cause}`, text, text_vars: { agent: 'Jo' } }]);
        expect(events[2].data).toEqual({
          thread_id: 'K600PKZON8',
          reason: 'unassigned',
          transferred_to: { group_ids: [1] },
          transferred_from: { group_ids: [1], agent_ids: [jo.id] },
          queued: true,
          queue,
        });
        // Nobody holds the chat now: it waits for the router.
        expect(foldChat([...assignedToJo(), ...events])!.users.some((u) => u.type === 'agent' && u.present)).toBe(false);
      });
  });

  it('an agent gone from a chat someone else still holds only leaves it', () => {
    const past = assignedToJo();
    const withSue = [...past, ...decide(foldChat(past), { type: 'add_user_to_chat', requester: jo, now: T1, user: sue, visibility: 'all' })];
    given(withSue)
      .when(reassign({ cause: 'signed_out' }))
      .then((events) => expect(events).toEqual([{ type: 'user_removed', data: { thread_id: 'K600PKZON8', user_id: jo.id, user_type: 'agent', visibility: 'all', reason: 'unassigned' } }]));
  });

  it('a stale command changes nothing: the thread is over, the agent already left, or the next agent is already in the chat (two routers move a chat once)', () => {
    const past = assignedToJo();
    const closed = [...past, ...decide(foldChat(past), { type: 'deactivate_chat', requester: jo, now: T2 })];
    given(closed).when(reassign({ to: al })).thenFails('chat_inactive');
    given(past).when(reassign({ to: al, thread_id: 'OLDTHREAD' })).thenFails('chat_inactive');
    const moved = [...past, ...decide(foldChat(past), reassign({ to: al }))];
    given(moved).when(reassign({ to: sue })).thenFails('validation');
    given(past).when(reassign({ from: al, to: sue })).thenFails('validation');
    given(moved).when(reassign({ from: al, to: al })).thenFails('validation');
  });

  it('the archive messages for a router that closes the chat instead (queues off) read as documented', () => {
    expect(reassignmentMessage('archived', 'disconnected', { removed: 'Jo' })).toEqual({
      system_message_type: 'routing.archived_disconnected',
      text: 'The chat was closed because Jo had lost internet connection',
      text_vars: { agent: 'Jo' },
    });
    expect(reassignmentMessage('archived', 'deleted', { removed: 'Jo' }).text).toBe('The chat was closed because Jo account had been deleted');
    expect(reassignmentMessage('archived', 'signed_out', { removed: 'Jo' }).text).toBe('The chat was closed because Jo had signed out');
    expect(reassignmentMessage('archived', 'remotely_signed_out', { removed: 'Jo' }).text).toBe('The chat was closed because Jo had been remotely signed out');
  });
});
