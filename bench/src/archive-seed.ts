import { randomUUID } from 'node:crypto';
import { NewEvent, PostgresEventStore } from '@switchboard/event-store';
import { CHAT_ROW } from '@switchboard/read-models';

/** The shape of the seeded archive, and what the measured searches look for. */
export const ARCHIVE_SHAPE = {
  threadsPerChat: 4,
  agents: 20,
  tags: 10,
  /** Share of threads whose customer asks for a refund: the text query's matches. */
  refundShare: 0.01,
  queryWord: 'refund',
};

export const archiveAgentId = (i: number) => `agent${i}@archive.example`;
export const archiveTag = (i: number) => `tag${i}`;

/** A deterministic pseudo-random sequence (mulberry32), so every run seeds the same archive. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const WORDS = Array.from({ length: 3000 }, (_, i) => `w${i.toString(36)}`);

function sentence(next: () => number, words: number): string {
  return Array.from({ length: words }, () => WORDS[Math.floor(next() * WORDS.length)]).join(' ');
}

const rfc3339 = (ms: number) => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');

/** One chat's whole history as the chat domain records it: `threadsPerChat` closed threads, each with an agent, two messages and a tag. */
function chatHistory(chatIndex: number, next: () => number, startMs: number): { chatId: string; events: NewEvent[] } {
  const chatId = `A${chatIndex.toString(36).toUpperCase().padStart(9, '0')}`;
  const customer = randomUUID();
  const requester = { id: customer, type: 'customer' };
  const events: NewEvent[] = [
    {
      type: 'chat_started',
      data: { chat_id: chatId, users: [{ id: customer, type: 'customer', present: true, visibility: 'all' }], access: { group_ids: [0] }, properties: {}, continuous: false, requester },
    },
  ];
  for (let t = 0; t < ARCHIVE_SHAPE.threadsPerChat; t++) {
    const threadId = `${chatId.slice(1)}T${t}`;
    const at = startMs + (chatIndex * ARCHIVE_SHAPE.threadsPerChat + t) * 1000;
    const agent = archiveAgentId(Math.floor(next() * ARCHIVE_SHAPE.agents));
    const question = next() < ARCHIVE_SHAPE.refundShare ? `${sentence(next, 4)} ${ARCHIVE_SHAPE.queryWord} ${sentence(next, 4)}` : sentence(next, 9);
    const message = (n: number, author: string, text: string) => ({
      type: 'event_added',
      data: { thread_id: threadId, event: { id: `${threadId}_${n}`, type: 'message', text, author_id: author, created_at: rfc3339(at + n), visibility: 'all' } },
    });
    events.push(
      { type: 'thread_started', data: { thread_id: threadId, created_at: rfc3339(at), active: true, access: { group_ids: [0] }, properties: {}, continuous: false, requester } },
      { type: 'user_added', data: { thread_id: threadId, user: { id: agent, type: 'agent', present: true, visibility: 'all' }, reason: 'manual', requester_id: agent } },
      message(1, customer, question),
      message(2, agent, sentence(next, 12)),
      { type: 'thread_tagged', data: { thread_id: threadId, tag: archiveTag(Math.floor(next() * ARCHIVE_SHAPE.tags)), requester_id: agent } },
      { type: 'thread_deactivated', data: { thread_id: threadId, created_at: rfc3339(at + 60_000), agent_ids: [agent] } },
    );
  }
  return { chatId, events };
}

/**
 * Appends `threads` threads to the organization through the event store (the
 * chat projection keeps the archive, as in production), many chats in flight
 * so the group commit batches them; resolves with the seconds it took.
 */
export async function seedArchive(store: PostgresEventStore, organizationId: string, threads: number, inFlight = 256): Promise<number> {
  const chats = Math.ceil(threads / ARCHIVE_SHAPE.threadsPerChat);
  const next = random(42);
  const startMs = Date.parse('2025-01-01T00:00:00Z');
  const started = performance.now();
  let chatIndex = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (chatIndex < chats) {
        const { chatId, events } = chatHistory(chatIndex++, next, startMs);
        // A new chat: the projection need not look for its row.
        await store.decideAndAppend(`chat-${chatId}`, organizationId, async () => ({ events, result: undefined, projectionContext: { [CHAT_ROW]: undefined } }));
      }
    }),
  );
  return (performance.now() - started) / 1000;
}
