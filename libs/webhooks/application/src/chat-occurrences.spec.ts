import { ChatEvent, ChatState, evolve } from '@switchboard/chat/domain';
import { EventMessage, RecordedEvent } from '@switchboard/event-store';
import { chatOccurrences } from './chat-occurrences';
import { OccurrenceSources } from './occurrence-sources';

const ORG = 'org-1';
const CHAT = 'C1';
const NOW = '2024-05-01T10:00:00.000000Z';
const customer = { id: 'cust', type: 'customer' as const, present: true, visibility: 'all' as const };
const jo = { id: 'jo@acme.example', type: 'agent' as const, present: true, visibility: 'all' as const };

/** A chat's stream: started by the customer, jo assigned. */
const STREAM: ChatEvent[] = [
  { type: 'chat_started', data: { chat_id: CHAT, users: [customer], access: { group_ids: [0] }, properties: {}, continuous: false, requester: customer } },
  { type: 'thread_started', data: { thread_id: 'T1', created_at: NOW, active: true, access: { group_ids: [0] }, properties: {}, continuous: false, requester: customer } },
  { type: 'user_added', data: { thread_id: 'T1', user: jo, reason: 'assigned' } },
];

function recorded(events: ChatEvent[]): RecordedEvent[] {
  return events.map((e, i) => ({
    eventId: `e${i + 1}`,
    streamId: `chat-${CHAT}`,
    streamVersion: i + 1,
    globalPosition: BigInt(i + 1),
    transactionId: BigInt(i + 1),
    organizationId: ORG,
    type: e.type,
    data: e.data,
    metadata: {},
    createdAt: new Date(),
  }));
}

/** Sources over an in-memory stream; the chat read model stands at `readModelEvents` (default: the whole stream). */
function sources(stream: ChatEvent[], readModelEvents = stream): OccurrenceSources & { streamReads: number } {
  const state = readModelEvents.reduce<ChatState | undefined>(evolve, undefined)!;
  const fake = {
    streamReads: 0,
    readModels: {
      chat: async () => ({ chat_id: CHAT, version: readModelEvents.length, state }),
      botOwners: async () => new Map(),
    },
    store: {
      readStream: async (_id: string, options: { maxCount?: number }) => {
        fake.streamReads++;
        return { version: stream.length, events: recorded(stream).slice(0, options.maxCount ?? stream.length) };
      },
    },
  };
  return fake as unknown as OccurrenceSources & { streamReads: number };
}

function message(event: ChatEvent, version: number, metadata: Record<string, unknown>): EventMessage {
  return {
    event_id: `e${version}`,
    stream_id: `chat-${CHAT}`,
    stream_version: version,
    global_position: String(version),
    transaction_id: String(version),
    organization_id: ORG,
    type: event.type,
    data: event.data,
    metadata,
    created_at: NOW,
  };
}

describe('chat occurrences', () => {
  it('a thread the router closes: chat_deactivated without user_id, caused by Switchboard', async () => {
    const closed: ChatEvent = { type: 'thread_deactivated', data: { thread_id: 'T1', created_at: NOW, agent_ids: [jo.id] } };
    const stream = [...STREAM, closed];
    const [occurrence] = await chatOccurrences(message(closed, 4, { command: 'add_system_message', requester_id: 'router' }), sources(stream));
    expect(occurrence).toMatchObject({ action: 'chat_deactivated', payload: { chat_id: CHAT, thread_id: 'T1' }, sourceClientId: null });
    expect(occurrence.payload).not.toHaveProperty('user_id');
  });

  it('a chat the router queues: chat_transferred names the queue time queued_at_us', async () => {
    const queued: ChatEvent = {
      type: 'chat_transferred',
      data: {
        thread_id: 'T1',
        reason: 'unassigned',
        transferred_to: { group_ids: [0] },
        transferred_from: { group_ids: [0], agent_ids: [jo.id] },
        queued: true,
        queue: { position: 1, wait_time: 30, queued_at: NOW },
      },
    };
    const [occurrence] = await chatOccurrences(message(queued, 4, { command: 'reassign_chat', requester_id: 'router' }), sources([...STREAM, queued]));
    expect(occurrence.payload).toEqual({
      chat_id: CHAT,
      thread_id: 'T1',
      reason: 'unassigned',
      transferred_to: { group_ids: [0] },
      queue: { position: 1, wait_time: 30, queued_at_us: NOW },
    });
    expect(occurrence.sourceClientId).toBeNull();
  });

  it('a postback on a thread no longer active causes nothing', async () => {
    const closed: ChatEvent = { type: 'thread_deactivated', data: { thread_id: 'T1', user_id: jo.id, created_at: NOW, agent_ids: [jo.id] } };
    const postback: ChatEvent = {
      type: 'rich_message_postback',
      data: { thread_id: 'T1', event_id: 'E1', user_id: customer.id, postback: { id: 'yes', toggled: true }, visibility: 'all' },
    };
    const stream = [...STREAM, closed, postback];
    expect(await chatOccurrences(message(postback, 5, { command: 'send_rich_message_postback', requester_id: customer.id }), sources(stream))).toEqual([]);
  });

  it('the chat as of the event: the read model when it stands there, else the stream folded up to the event', async () => {
    const seen: ChatEvent = { type: 'events_seen', data: { user_id: customer.id, seen_up_to: NOW } };
    const left: ChatEvent = { type: 'user_removed', data: { thread_id: 'T1', user_id: jo.id, user_type: 'agent', visibility: 'all', reason: 'manual', requester_id: jo.id } };
    const stream = [...STREAM, seen, left];
    const metadata = { command: 'mark_events_as_seen', requester_id: customer.id, client_id: 'app-1' };

    const current = sources([...STREAM, seen]);
    const [now] = await chatOccurrences(message(seen, 4, metadata), current);
    expect(current.streamReads).toBe(0);
    expect(now.chat?.presentUserIds).toEqual([customer.id, jo.id]);
    expect(now.sourceClientId).toBe('app-1');

    // The read model has moved on (jo left): the stream is folded up to the event, where jo is still there.
    const lagging = sources(stream);
    const [then] = await chatOccurrences(message(seen, 4, metadata), lagging);
    expect(lagging.streamReads).toBe(1);
    expect(then.chat?.presentUserIds).toEqual([customer.id, jo.id]);
    expect(then.payload).toEqual({ user_id: customer.id, chat_id: CHAT, seen_up_to: NOW });
  });
});
