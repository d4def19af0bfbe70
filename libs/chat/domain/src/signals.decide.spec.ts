import { ChatCommand } from './chat.commands';
import { decide } from './chat.decide';
import { ChatRuleError } from './chat.errors';
import { ChatEvent } from './chat.events';
import { foldChat } from './chat.evolve';
import { ChatEventRecord, ChatState, UserRef } from './chat.types';
import { sneakPeekTarget, typingIndicatorTarget } from './live-signals';
import { withButtonUsers } from './signals.decide';

const customer: UserRef = { id: 'c-1', type: 'customer', name: 'Cate' };
const agent: UserRef = { id: 'jo@example.com', type: 'agent', name: 'Jo' };
const stranger: UserRef = { id: 'al@example.com', type: 'agent', name: 'Al' };
const T0 = '2026-11-21T10:00:00.000000Z';
const T1 = '2026-11-21T10:01:00.000000Z';
const T2 = '2026-11-21T10:02:00.000000Z';
const T3 = '2026-11-21T10:03:00.000000Z';

const started = (): ChatEvent[] =>
  decide(undefined, {
    type: 'start_chat',
    chat_id: 'CHAT',
    thread_id: 'THREAD',
    requester: customer,
    now: T0,
    users: [],
    events: [],
    active: true,
    continuous: false,
  });
const assigned = (past: ChatEvent[]) => decide(foldChat(past), { type: 'assign_agent', requester: agent, agent, thread_id: 'THREAD', now: T0 });
const richMessage = (past: ChatEvent[], visibility: 'all' | 'agents' = 'all') =>
  decide(foldChat(past), {
    type: 'send_event',
    requester: agent,
    now: T1,
    event: {
      type: 'rich_message',
      template_id: 'quick_replies',
      visibility,
      elements: [{ title: 'Pick', buttons: [{ text: 'Yes', type: 'message', value: 'yes', postback_id: 'yes' }, { text: 'Docs', type: 'url', value: 'https://x.example' }] }],
    },
  });
const chat = () => {
  const past = [...started()];
  past.push(...assigned(past));
  past.push(...richMessage(past));
  return past;
};
const recordOf = (past: ChatEvent[]): ChatEventRecord =>
  (past.filter((e) => e.type === 'event_added').at(-1) as Extract<ChatEvent, { type: 'event_added' }>).data.event;

function fails(run: () => unknown, type: string): void {
  expect(run).toThrow(ChatRuleError);
  try {
    run();
  } catch (error) {
    expect((error as ChatRuleError).type).toBe(type);
  }
}

const seen = (requester: UserRef, seen_up_to: string, now = T2): ChatCommand => ({ type: 'mark_events_as_seen', requester, now, seen_up_to });
const postback = (past: ChatEvent[], requester: UserRef, over: Partial<Extract<ChatCommand, { type: 'send_rich_message_postback' }>> = {}): ChatCommand => ({
  type: 'send_rich_message_postback',
  requester,
  now: T2,
  thread_id: 'THREAD',
  event_id: recordOf(past).id,
  postback: { id: 'yes', toggled: true },
  event: recordOf(past),
  ...over,
});

describe('seen marks (mark_events_as_seen)', () => {
  it("moves the user's events_seen_up_to forward, never back, never into the future", () => {
    const past = chat();
    const first = decide(foldChat(past), seen(customer, T1));
    expect(first).toEqual([{ type: 'events_seen', data: { user_id: 'c-1', seen_up_to: T1 } }]);
    const state = foldChat([...past, ...first])!;
    expect(state.users.find((u) => u.id === 'c-1')?.events_seen_up_to).toBe(T1);
    // Earlier than the mark: the mark stays.
    expect(decide(state, seen(customer, T0))).toEqual([{ type: 'events_seen', data: { user_id: 'c-1', seen_up_to: T1 } }]);
    // Later than now: nothing there has been seen yet.
    expect(decide(state, seen(customer, T3, T2))).toEqual([{ type: 'events_seen', data: { user_id: 'c-1', seen_up_to: T2 } }]);
  });

  it('is for users of the chat only, even after they left; inactive chats included', () => {
    const past = chat();
    past.push(...decide(foldChat(past), { type: 'deactivate_chat', requester: agent, now: T1 }));
    expect(decide(foldChat(past), seen(agent, T2))[0].data).toEqual({ user_id: agent.id, seen_up_to: T2 });
    fails(() => decide(foldChat(past), seen(stranger, T2)), 'missing_access');
  });
});

describe('rich message postbacks (send_rich_message_postback)', () => {
  it("records who toggled a button on, and off again, in the button's user_ids", () => {
    const past = chat();
    const on = decide(foldChat(past), postback(past, customer));
    expect(on).toEqual([
      {
        type: 'rich_message_postback',
        data: { thread_id: 'THREAD', event_id: recordOf(past).id, user_id: 'c-1', postback: { id: 'yes', toggled: true }, visibility: 'all' },
      },
    ]);
    let state = foldChat([...past, ...on])!;
    state = foldChat([...past, ...on, ...decide(state, postback(past, agent))])!;
    const shown = withButtonUsers(state, recordOf(past)) as unknown as { elements: Array<{ buttons: Array<Record<string, unknown>> }> };
    expect(shown.elements[0].buttons[0].user_ids).toEqual(['c-1', agent.id]);
    // Buttons without a postback id have nobody to record.
    expect(shown.elements[0].buttons[1]).not.toHaveProperty('user_ids');
    const off = decide(state, postback(past, customer, { postback: { id: 'yes', toggled: false } }));
    const after = foldChat([...past, ...on, ...decide(foldChat([...past, ...on])!, postback(past, agent)), ...off]) as ChatState;
    expect((withButtonUsers(after, recordOf(past)) as unknown as typeof shown).elements[0].buttons[0].user_ids).toEqual([agent.id]);
  });

  it('refuses unknown threads, events and buttons, inactive threads, and users not in the chat', () => {
    const past = chat();
    const state = foldChat(past);
    fails(() => decide(state, postback(past, customer, { thread_id: 'OTHER' })), 'not_found');
    fails(() => decide(state, postback(past, customer, { event: undefined })), 'not_found');
    fails(() => decide(state, postback(past, customer, { postback: { id: 'nope', toggled: true } })), 'not_found');
    fails(() => decide(state, postback(past, stranger)), 'missing_access');
    const message = decide(state, { type: 'send_event', requester: customer, now: T1, event: { type: 'message', text: 'hi' } });
    fails(() => decide(state, postback(past, customer, { event: recordOf(message), event_id: recordOf(message).id })), 'not_found');
    const closed = [...past, ...decide(state, { type: 'deactivate_chat', requester: agent, now: T1 })];
    fails(() => decide(foldChat(closed), postback(past, customer)), 'chat_inactive');
  });

  it("lets customers reach only messages they can see", () => {
    const past = [...started()];
    past.push(...assigned(past));
    past.push(...richMessage(past, 'agents'));
    fails(() => decide(foldChat(past), postback(past, customer)), 'not_found');
    expect(decide(foldChat(past), postback(past, agent))[0].data).toMatchObject({ visibility: 'agents' });
  });
});

describe('users added for agents only', () => {
  const supervisor: UserRef = { id: 'sv@example.com', type: 'agent' };
  const withSupervisor = (): ChatEvent[] => [
    ...chat(),
    { type: 'user_added', data: { thread_id: 'THREAD', user: { id: supervisor.id, type: 'agent', present: true, visibility: 'agents' }, reason: 'manual' } },
  ];

  it('mark events as seen without the customer hearing of it, and type for agents only', () => {
    const state = foldChat(withSupervisor())!;
    expect(decide(state, seen(supervisor, T1))[0].data).toEqual({ user_id: supervisor.id, seen_up_to: T1, visibility: 'agents' });
    fails(() => typingIndicatorTarget(state, supervisor, 'all'), 'validation');
    expect(typingIndicatorTarget(state, supervisor, 'agents')).toEqual({ thread_id: 'THREAD', agent_ids: [agent.id] });
  });
});

describe('live signal targets', () => {
  it("sends an agent's typing to the chat's customer and other agents, or to agents only", () => {
    const state = foldChat(chat())!;
    expect(typingIndicatorTarget(state, agent, 'all')).toEqual({ thread_id: 'THREAD', agent_ids: [], customer_id: 'c-1' });
    expect(typingIndicatorTarget(state, agent, 'agents')).toEqual({ thread_id: 'THREAD', agent_ids: [] });
    fails(() => typingIndicatorTarget(state, stranger, 'all'), 'missing_access');
  });

  it("sends the customer's sneak peek to the chat's agents, in active chats only", () => {
    const past = chat();
    expect(sneakPeekTarget(foldChat(past)!, customer)).toEqual({ thread_id: 'THREAD', agent_ids: [agent.id] });
    fails(() => sneakPeekTarget(foldChat(past)!, { id: 'c-2' }), 'missing_access');
    past.push(...decide(foldChat(past), { type: 'deactivate_chat', requester: agent, now: T1 }));
    fails(() => sneakPeekTarget(foldChat(past)!, customer), 'chat_inactive');
  });
});
