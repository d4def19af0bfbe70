import { decide } from './chat.decide';
import { ChatRuleError } from './chat.errors';
import { ChatEvent } from './chat.events';
import { activeThread, foldChat } from './chat.evolve';
import { UserRef } from './chat.types';

const customer: UserRef = { id: 'c-1', type: 'customer', name: 'Cate' };
const agent: UserRef = { id: 'jo@example.com', type: 'agent', name: 'Jo' };
const outsider: UserRef = { id: 'al@example.com', type: 'agent', name: 'Al' };
const T0 = '2026-11-21T10:00:00.000000Z';
const T1 = '2026-11-21T10:01:00.000000Z';

const started = (): ChatEvent[] => {
  const start = decide(undefined, {
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
  return [...start, ...decide(foldChat(start), { type: 'assign_agent', requester: agent, agent, thread_id: 'K600PKZON8', now: T0 })];
};

const message = { system_message_type: 'customer_updated', text: "Al has changed customer's name to Cat", text_vars: { initiator: 'Al', customer_name: 'Cat' } };

describe('system messages from outside the chat (routing.md system messages)', () => {
  it('an agent who is not in the chat adds a system message to the active thread, with no author', () => {
    const events = decide(foldChat(started()), { type: 'add_system_message', requester: outsider, now: T1, message });
    expect(events).toEqual([
      {
        type: 'event_added',
        data: { thread_id: 'K600PKZON8', event: { id: 'K600PKZON8_3', type: 'system_message', ...message, created_at: T1, visibility: 'all' } },
      },
    ]);
  });

  it('with deactivate the message closes the thread, freeing its agents\' seats', () => {
    const history = started();
    const events = decide(foldChat(history), { type: 'add_system_message', requester: outsider, now: T1, message: { ...message, system_message_type: 'customer_banned' }, deactivate: true });
    expect(events.map((e) => e.type)).toEqual(['event_added', 'thread_deactivated']);
    expect(events[1].data).toEqual({ thread_id: 'K600PKZON8', user_id: outsider.id, created_at: T1, agent_ids: [agent.id] });
    expect(activeThread(foldChat([...history, ...events]))).toBeUndefined();
  });

  it('an inactive chat gets none', () => {
    const history = started();
    const closed = [...history, ...decide(foldChat(history), { type: 'deactivate_chat', requester: agent, now: T1 })];
    expect(() => decide(foldChat(closed), { type: 'add_system_message', requester: outsider, now: T1, message })).toThrow(ChatRuleError);
  });
});
