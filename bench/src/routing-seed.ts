import { randomUUID } from 'node:crypto';
import { newAgentProfile } from '@switchboard/configuration/application';
import { GroupPriority } from '@switchboard/configuration/domain';
import { NewEvent, PostgresEventStore } from '@switchboard/event-store';
import { CHAT_ROW } from '@switchboard/read-models';

/** The organization the routing benchmark routes: 1,000 agents in 50 groups, 10,000 queued chats (issue 11, item 7). */
export const ROUTING_SHAPE = {
  agents: Number(process.env.BENCH_ROUTING_AGENTS ?? 1000),
  groups: 50,
  chats: Number(process.env.BENCH_ROUTING_CHATS ?? 10_000),
  maxChats: 5,
};

export const routingAgentId = (i: number) => `agent${i}@routing.example`;

/** Each group's members, by their index in it: one first, one last, one supervisor, the rest normal. */
function priorityOf(indexInGroup: number): GroupPriority {
  if (indexInGroup === 0) return 'first';
  if (indexInGroup === 1) return 'last';
  if (indexInGroup === 2) return 'supervisor';
  return 'normal';
}

/** The seats routing may fill: every agent's but the supervisors'. */
export function routingSeats(): number {
  const { agents, groups, maxChats } = ROUTING_SHAPE;
  const supervisors = Array.from({ length: agents }, (_, i) => priorityOf(Math.floor(i / groups))).filter((p) => p === 'supervisor').length;
  return (agents - supervisors) * maxChats;
}

const rfc3339 = (ms: number) => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');

/** Runs `work` for 0..count-1 with `inFlight` at a time (the store's group commit batches them). */
async function inParallel(count: number, inFlight: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < count) await work(next++);
    }),
  );
}

/** Agents, each in one group (group = index mod 50) and accepting chats, appended through the event store. */
export async function seedRoutingAgents(store: PostgresEventStore, organizationId: string): Promise<void> {
  const { agents, groups, maxChats } = ROUTING_SHAPE;
  await inParallel(agents, 64, async (i) => {
    const id = routingAgentId(i);
    const group = (i % groups) + 1;
    const profile = newAgentProfile({ id, name: `Agent ${i}`, max_chats_count: maxChats, groups: [{ id: group, priority: priorityOf(Math.floor(i / groups)) }] });
    const events: NewEvent[] = [
      { type: 'agent_created', data: profile },
      { type: 'routing_status_set', data: { agent_id: id, status: 'accepting_chats' } },
    ];
    await store.decideAndAppend(`agent-${id}`, organizationId, async () => ({ events, result: undefined }));
  });
}

/** Queued chats, one customer each, spread over the groups, each with an active thread and no agent. */
export async function seedQueuedChats(store: PostgresEventStore, organizationId: string): Promise<void> {
  const { chats, groups } = ROUTING_SHAPE;
  const startMs = Date.parse('2026-01-01T00:00:00Z');
  await inParallel(chats, 128, async (i) => {
    const chatId = `R${i.toString(36).toUpperCase().padStart(9, '0')}`;
    const customer = randomUUID();
    const requester = { id: customer, type: 'customer' };
    const access = { group_ids: [(i % groups) + 1] };
    const events: NewEvent[] = [
      { type: 'chat_started', data: { chat_id: chatId, users: [{ id: customer, type: 'customer', present: true, visibility: 'all' }], access, properties: {}, continuous: false, requester } },
      { type: 'thread_started', data: { thread_id: `${chatId.slice(1)}T0`, created_at: rfc3339(startMs + i), active: true, access, properties: {}, continuous: false, requester } },
    ];
    // A new chat: the projection need not look for its row.
    await store.decideAndAppend(`chat-${chatId}`, organizationId, async () => ({ events, result: undefined, projectionContext: { [CHAT_ROW]: undefined } }));
  });
}
