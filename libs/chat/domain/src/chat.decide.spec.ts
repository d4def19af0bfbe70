import { ChatCommand } from './chat.commands';
import { decide } from './chat.decide';
import { ChatRuleError } from './chat.errors';
import { ChatEvent } from './chat.events';
import { activeThread, foldChat } from './chat.evolve';
import { UserRef } from './chat.types';
import { ROUTER_REQUESTER } from './system-message.decide';

const customer: UserRef = { id: 'c-1', type: 'customer', name: 'Cate' };
const agent: UserRef = { id: 'jo@example.com', type: 'agent', name: 'Jo' };
const otherAgent: UserRef = { id: 'al@example.com', type: 'agent', name: 'Al' };
const T0 = '2026-11-21T10:00:00.000000Z';
const T1 = '2026-11-21T10:01:00.000000Z';
const T2 = '2026-11-21T10:02:00.000000Z';

/** given (past facts) / when (command) / then (new facts or an error). */
function given(...history: ChatEvent[][]) {
  const past = history.flat();
  return {
    when(command: ChatCommand) {
      const run = () => decide(foldChat(past), command);
      return {
        then: (check: (events: ChatEvent[]) => void) => check(run()),
        thenFails: (type: string, message?: RegExp) => {
          expect(run).toThrow(ChatRuleError);
          try {
            run();
          } catch (error) {
            expect((error as ChatRuleError).type).toBe(type);
            if (message) expect((error as Error).message).toMatch(message);
          }
        },
        state: () => foldChat([...past, ...run()]),
      };
    },
  };
}

const start = (over: Partial<Extract<ChatCommand, { type: 'start_chat' }>> = {}): ChatCommand => ({
  type: 'start_chat',
  chat_id: 'PJ0MRSHTDG',
  thread_id: 'K600PKZON8',
  requester: customer,
  now: T0,
  users: [],
  events: [{ type: 'message', text: 'Hello' }],
  active: true,
  continuous: false,
  ...over,
});

const started = () => decide(undefined, start());
const assigned = () =>
  decide(foldChat(started()), { type: 'assign_agent', requester: agent, agent, thread_id: 'K600PKZON8', now: T1 });
const history = () => [...started(), ...assigned()];

describe('chat rules (routing.md §1)', () => {
  it('start_chat creates the chat and its first active thread with server-filled ids, times and authors', () => {
    given().when(start({ events: [{ type: 'message', text: 'Hi', id: 'forged', author_id: 'mallory', created_at: '1999-01-01T00:00:00Z' }] })).then((events) => {
      expect(events.map((e) => e.type)).toEqual(['chat_started', 'thread_started', 'event_added']);
      const added = events[2] as Extract<ChatEvent, { type: 'event_added' }>;
      expect(added.data.thread_id).toBe('K600PKZON8');
      expect(added.data.event).toEqual({ id: 'K600PKZON8_1', type: 'message', text: 'Hi', created_at: T0, author_id: 'c-1', visibility: 'all' });
    });
  });

  it('starting an existing chat id fails', () => {
    given(started()).when(start()).thenFails('already_exists');
  });

  it('events go to the active thread, numbered within it, and move the author\'s events_seen_up_to', () => {
    const result = given(history()).when({ type: 'send_event', requester: agent, now: T2, event: { type: 'message', text: 'How can I help?' } });
    result.then(([e]) =>
      expect(e).toEqual({
        type: 'event_added',
        data: {
          thread_id: 'K600PKZON8',
          event: { id: 'K600PKZON8_3', type: 'message', text: 'How can I help?', created_at: T2, author_id: agent.id, visibility: 'all' },
        },
      }),
    );
    const state = result.state()!;
    expect(activeThread(state)!.event_count).toBe(3);
    expect(state.users.find((u) => u.id === agent.id)?.events_seen_up_to).toBe(T2);
  });

  it('an agent who is not in the chat cannot send to it', () => {
    given(history())
      .when({ type: 'send_event', requester: otherAgent, now: T2, event: { type: 'message', text: 'x' } })
      .thenFails('missing_access');
  });

  it('a customer event is always visible to all; an agent may whisper to agents only', () => {
    given(history())
      .when({ type: 'send_event', requester: customer, now: T2, event: { type: 'message', text: 'x', visibility: 'agents' } })
      .then(([e]) => expect((e as Extract<ChatEvent, { type: 'event_added' }>).data.event.visibility).toBe('all'));
    given(history())
      .when({ type: 'send_event', requester: agent, now: T2, event: { type: 'message', text: 'x', visibility: 'agents' } })
      .then(([e]) => expect((e as Extract<ChatEvent, { type: 'event_added' }>).data.event.visibility).toBe('agents'));
  });

  it('deactivate_chat closes the thread with a system message; the agent leaves, the customer stays', () => {
    const result = given(history()).when({ type: 'deactivate_chat', requester: agent, now: T2 });
    result.then((events) => {
      expect(events.map((e) => e.type)).toEqual(['event_added', 'thread_deactivated']);
      expect((events[0] as Extract<ChatEvent, { type: 'event_added' }>).data.event).toMatchObject({
        type: 'system_message',
        system_message_type: 'manual_archived_agent',
        text: 'Jo archived the chat',
      });
      expect((events[0] as Extract<ChatEvent, { type: 'event_added' }>).data.event.author_id).toBeUndefined();
      expect(events[1]).toMatchObject({ data: { user_id: agent.id, agent_ids: [agent.id] } });
    });
    const state = result.state()!;
    expect(activeThread(state)).toBeUndefined();
    expect(state.users.map((u) => [u.id, u.present])).toEqual([
      ['c-1', true],
      ['jo@example.com', false],
    ]);
  });

  const closed = () => [...history(), ...decide(foldChat(history()), { type: 'deactivate_chat', requester: customer, now: T2 })];

  it('an inactive chat refuses events and a second deactivation (chat_inactive)', () => {
    given(closed()).when({ type: 'send_event', requester: customer, now: T2, event: { type: 'message', text: 'x' } }).thenFails('chat_inactive');
    given(closed()).when({ type: 'deactivate_chat', requester: customer, now: T2 }).thenFails('chat_inactive');
  });

  it('attach_to_last_thread lets a customer write to the last, inactive thread (agents: system messages only)', () => {
    given(closed())
      .when({ type: 'send_event', requester: customer, now: T2, attach_to_last_thread: true, event: { type: 'message', text: 'thanks!' } })
      .then(([e]) => expect(e).toMatchObject({ type: 'event_added', data: { thread_id: 'K600PKZON8' } }));
  });

  it('resume_chat opens a new thread — threads are never reopened — and only when none is active', () => {
    const resumed = given(closed()).when({
      type: 'resume_chat',
      requester: customer,
      thread_id: 'Q20N9CKRX2',
      now: T2,
      users: [],
      events: [{ type: 'message', text: 'Back again' }],
      active: true,
    });
    const state = resumed.state()!;
    expect(state.threads.map((t) => [t.id, t.active])).toEqual([
      ['K600PKZON8', false],
      ['Q20N9CKRX2', true],
    ]);
    expect(activeThread(state)!.event_count).toBe(1);
    resumed.then((events) => expect(events.at(-1)).toMatchObject({ data: { event: { id: 'Q20N9CKRX2_1', text: 'Back again' } } }));
    given(history())
      .when({ type: 'resume_chat', requester: customer, thread_id: 'X', now: T2, users: [], events: [], active: true })
      .thenFails('validation', /already active/);
  });

  it('records the application a chat and a thread came from as source.client_id, next to the given properties', () => {
    const state = given()
      .when(start({ client_id: 'app-1', properties: { mine: { a: 1 } }, thread_properties: { routing: { start_url: 'https://example.com' } } }))
      .state()!;
    expect(state.properties).toEqual({ mine: { a: 1 }, source: { client_id: 'app-1' } });
    expect(state.threads[0].properties).toEqual({ routing: { start_url: 'https://example.com' }, source: { client_id: 'app-1' } });
    // Resumed by another application: the new thread is that one's, the chat stays the first's.
    const resumed = given(closed())
      .when({ type: 'resume_chat', requester: agent, thread_id: 'Q20N9CKRX2', now: T2, users: [], events: [], active: true, client_id: 'app-2' })
      .state()!;
    expect(resumed.threads.map((t) => t.properties['source'])).toEqual([undefined, { client_id: 'app-2' }]);
    // No application (a customer, a personal access token): nothing recorded.
    expect(given().when(start()).state()!.properties).toEqual({});
  });

  it('only the latest thread can be active: resuming deactivates nothing and the old thread stays closed', () => {
    const state = given(closed())
      .when({ type: 'resume_chat', requester: customer, thread_id: 'Q20N9CKRX2', now: T2, users: [], events: [], active: true })
      .state()!;
    expect(state.threads.filter((t) => t.active).map((t) => t.id)).toEqual(['Q20N9CKRX2']);
  });

  it('assigning an agent adds them to the chat with a routing system message; twice fails', () => {
    given(started())
      .when({ type: 'assign_agent', requester: agent, agent, thread_id: 'K600PKZON8', now: T1 })
      .then((events) => {
        expect(events[0]).toMatchObject({ type: 'user_added', data: { reason: 'assigned', user: { id: agent.id, present: true } } });
        expect(events[1]).toMatchObject({ data: { event: { system_message_type: 'routing.assigned', text_vars: { agent: 'Jo' } } } });
      });
    given(history()).when({ type: 'assign_agent', requester: agent, agent, thread_id: 'K600PKZON8', now: T2 }).thenFails('validation');
    given(history())
      .when({ type: 'assign_agent', requester: otherAgent, agent: otherAgent, thread_id: 'K600PKZON8', now: T2 })
      .thenFails('validation', /already has an agent/);
    given(closed()).when({ type: 'assign_agent', requester: agent, agent: otherAgent, thread_id: 'K600PKZON8', now: T2 }).thenFails('chat_inactive');
  });

  it('a chat has at most one customer', () => {
    given()
      .when(start({ requester: agent, users: [customer, { id: 'c-2', type: 'customer' }] }))
      .thenFails('validation', /one customer/);
  });

  it('messages are kept for users who are offline: a message to a chat nobody has joined yet is accepted', () => {
    given(started())
      .when({ type: 'send_event', requester: customer, now: T1, event: { type: 'message', text: 'anyone there?' } })
      .then((events) => expect(events).toMatchObject([{ type: 'event_added', data: { event: { id: 'K600PKZON8_2', text: 'anyone there?' } } }]));
  });

  it('a command on a chat that does not exist fails with not_found', () => {
    given().when({ type: 'deactivate_chat', requester: customer, now: T0 }).thenFails('not_found');
  });
});

describe('system messages from outside the chat (routing.md system messages)', () => {
  const message = { system_message_type: 'customer_updated', text: "Al has changed customer's name to Cat", text_vars: { initiator: 'Al', customer_name: 'Cat' } };

  it('an agent who is not in the chat adds a system message to the active thread, with no author', () => {
    given(history())
      .when({ type: 'add_system_message', requester: otherAgent, now: T2, message })
      .then((events) =>
        expect(events).toEqual([
          { type: 'event_added', data: { thread_id: 'K600PKZON8', event: { id: 'K600PKZON8_3', type: 'system_message', ...message, created_at: T2, visibility: 'all' } } },
        ]),
      );
  });

  it("with deactivate the message closes the thread, freeing its agents' seats", () => {
    const result = given(history()).when({ type: 'add_system_message', requester: otherAgent, now: T2, message, deactivate: true });
    result.then((events) => {
      expect(events.map((e) => e.type)).toEqual(['event_added', 'thread_deactivated']);
      expect(events[1].data).toEqual({ thread_id: 'K600PKZON8', user_id: otherAgent.id, created_at: T2, agent_ids: [agent.id] });
    });
    expect(activeThread(result.state()!)).toBeUndefined();
  });

  it('the router closing a thread (a timer) leaves no user_id on the deactivation', () => {
    given(history())
      .when({ type: 'add_system_message', requester: ROUTER_REQUESTER, now: T2, message, deactivate: true, thread_id: 'K600PKZON8' })
      .then((events) => expect(events[1].data).toEqual({ thread_id: 'K600PKZON8', created_at: T2, agent_ids: [agent.id] }));
  });

  it('an inactive chat gets none', () => {
    const closed = [...history(), ...decide(foldChat(history())!, { type: 'deactivate_chat', requester: agent, now: T1 })];
    given(closed).when({ type: 'add_system_message', requester: otherAgent, now: T2, message }).thenFails('chat_inactive');
  });

  it('a message meant for one thread (a router timer’s) is refused once another thread is active', () => {
    given(history()).when({ type: 'add_system_message', requester: otherAgent, now: T2, message, deactivate: true, thread_id: 'OLDTHREAD' }).thenFails('chat_inactive');
    given(history()).when({ type: 'add_system_message', requester: otherAgent, now: T2, message, thread_id: 'K600PKZON8' }).then((events) => expect(events).toHaveLength(1));
  });

  it('a timer’s message is refused when someone wrote in the thread since the timer looked', () => {
    given(history()).when({ type: 'add_system_message', requester: otherAgent, now: T2, message, deactivate: true, thread_event_count: 1 }).thenFails('validation');
    given(history()).when({ type: 'add_system_message', requester: otherAgent, now: T2, message, deactivate: true, thread_event_count: 2 }).then((events) => expect(events).toHaveLength(2));
  });

  it('a message marking the thread (routing.idle) sets the property with it, and a second mark is refused', () => {
    const idle = { system_message_type: 'routing.idle', text: 'Chat is idle due to 30 minutes of inactivity', text_vars: { duration: '30' } };
    const mark = { type: 'add_system_message' as const, requester: otherAgent, now: T2, message: idle, thread_id: 'K600PKZON8', thread_properties: { routing: { idle: true } } };
    const marked = given(history()).when(mark);
    marked.then((events) =>
      expect(events.map((e) => [e.type, e.data])).toEqual([
        ['event_added', expect.objectContaining({ thread_id: 'K600PKZON8' })],
        ['thread_properties_updated', { thread_id: 'K600PKZON8', properties: { routing: { idle: true } }, requester_id: otherAgent.id }],
      ]),
    );
    given([...history(), ...decide(foldChat(history())!, mark)]).when(mark).thenFails('already_exists');
  });
});
