import { ChatCommand } from './chat.commands';
import { decide } from './chat.decide';
import { ChatRuleError } from './chat.errors';
import { ChatEvent } from './chat.events';
import { foldChat } from './chat.evolve';
import { UserRef } from './chat.types';

const customer: UserRef = { id: 'c-1', type: 'customer', name: 'Cate' };
const agent: UserRef = { id: 'jo@example.com', type: 'agent', name: 'Jo' };
const T0 = '2026-11-21T10:00:00.000000Z';
const T1 = '2026-11-21T10:01:00.000000Z';

const started = (): ChatEvent[] =>
  decide(undefined, {
    type: 'start_chat',
    chat_id: 'CHAT',
    thread_id: 'T1',
    requester: customer,
    now: T0,
    users: [],
    events: [{ type: 'message', text: 'Hello' }],
    properties: { test: { int_property: 1 } },
    active: true,
    continuous: false,
  });
const closed = (past: ChatEvent[]) => [...past, ...decide(foldChat(past), { type: 'deactivate_chat', requester: customer, now: T1 })];

function run(past: ChatEvent[], command: ChatCommand) {
  const events = decide(foldChat(past), command);
  return { events, state: foldChat([...past, ...events])! };
}

function fails(past: ChatEvent[], command: ChatCommand, type: string): void {
  expect(() => decide(foldChat(past), command)).toThrow(ChatRuleError);
  try {
    decide(foldChat(past), command);
  } catch (error) {
    expect((error as ChatRuleError).type).toBe(type);
  }
}

describe('chat, thread and event properties', () => {
  it('an update merges only the given keys into the chat, and the fact carries only them', () => {
    const { events, state } = run(started(), { type: 'update_chat_properties', requester: agent, now: T1, properties: { test: { bool_property: true } } });
    expect(events).toEqual([{ type: 'chat_properties_updated', data: { properties: { test: { bool_property: true } }, requester_id: agent.id } }]);
    expect(state.properties).toEqual({ test: { int_property: 1, bool_property: true } });
  });

  it('a deletion removes the named keys, and a namespace left empty', () => {
    const { state } = run(started(), { type: 'delete_chat_properties', requester: agent, now: T1, properties: { test: ['int_property'] } });
    expect(state.properties).toEqual({});
  });

  it('thread properties change the named thread, even once it is inactive (ratings come after the chat)', () => {
    const past = closed(started());
    const { state } = run(past, { type: 'update_thread_properties', requester: customer, now: T1, thread_id: 'T1', properties: { rating: { score: 1 } } });
    expect(state.threads[0].properties).toEqual({ rating: { score: 1 } });
    const after = run([...past, ...decide(foldChat(past), { type: 'update_thread_properties', requester: customer, now: T1, thread_id: 'T1', properties: { rating: { score: 1, comment: 'ok' } } })], {
      type: 'delete_thread_properties',
      requester: customer,
      now: T1,
      thread_id: 'T1',
      properties: { rating: ['score'] },
    });
    expect(after.state.threads[0].properties).toEqual({ rating: { comment: 'ok' } });
  });

  it('event properties name an event of the thread; the fact says which', () => {
    const { events } = run(started(), { type: 'update_event_properties', requester: agent, now: T1, thread_id: 'T1', event_id: 'T1_1', properties: { test: { string_property: 'x' } } });
    expect(events).toEqual([
      { type: 'event_properties_updated', data: { thread_id: 'T1', event_id: 'T1_1', properties: { test: { string_property: 'x' } }, requester_id: agent.id } },
    ]);
  });

  it('an unknown chat, thread or event is not_found; nothing to change is a validation error', () => {
    expect(() => decide(undefined, { type: 'update_chat_properties', requester: agent, now: T1, properties: { test: { int_property: 2 } } })).toThrow('Chat not found');
    fails(started(), { type: 'update_thread_properties', requester: agent, now: T1, thread_id: 'NOPE', properties: { test: { int_property: 2 } } }, 'not_found');
    for (const eventId of ['T1_2', 'T1_0', 'T1_01', 'X_1', 'T1_']) {
      fails(started(), { type: 'delete_event_properties', requester: agent, now: T1, thread_id: 'T1', event_id: eventId, properties: { test: ['int_property'] } }, 'not_found');
    }
    fails(started(), { type: 'update_chat_properties', requester: agent, now: T1, properties: {} }, 'validation');
    fails(started(), { type: 'delete_chat_properties', requester: agent, now: T1, properties: { test: [] } }, 'validation');
  });
});

describe('thread tags', () => {
  const tag = (type: 'tag_thread' | 'untag_thread', value: string, threadId = 'T1'): ChatCommand => ({ type, requester: agent, now: T1, thread_id: threadId, tag: value });

  it('tags are added once, case-sensitive, and removed; a thread shows them', () => {
    let past = started();
    for (const command of [tag('tag_thread', 'sales'), tag('tag_thread', 'Sales'), tag('tag_thread', 'sales')]) past = [...past, ...decide(foldChat(past), command)];
    expect(foldChat(past)!.threads[0].tags).toEqual(['sales', 'Sales']);
    const { events, state } = run(past, tag('untag_thread', 'sales'));
    expect(events).toEqual([{ type: 'thread_untagged', data: { thread_id: 'T1', tag: 'sales', requester_id: agent.id } }]);
    expect(state.threads[0].tags).toEqual(['Sales']);
  });

  it('tagging twice or untagging what is not there records nothing and is no error', () => {
    const past = [...started(), ...decide(foldChat(started()), tag('tag_thread', 'vip'))];
    expect(decide(foldChat(past), tag('tag_thread', 'vip'))).toEqual([]);
    expect(decide(foldChat(past), tag('untag_thread', 'other'))).toEqual([]);
  });

  it('an inactive thread can be tagged; an unknown one is not_found', () => {
    expect(run(closed(started()), tag('tag_thread', 'late')).state.threads[0].tags).toEqual(['late']);
    fails(started(), tag('tag_thread', 'x', 'NOPE'), 'not_found');
  });
});
