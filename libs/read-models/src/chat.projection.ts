import { ChatEvent, ChatState, evolve, lastThread } from '@switchboard/chat/domain';
import { InlineProjection, parseStreamId, RecordedEvent, SqlExecutor } from '@switchboard/event-store';

/** The last event of each type: `{ "<type>": { thread_id, thread_created_at, event } }`. */
export type LastEventPerType = Record<string, { thread_id: string; thread_created_at: string; event: Record<string, unknown> }>;

/** An assignment would take the agent over capacity (or the agent stopped accepting chats). */
export class AgentCapacityError extends Error {
  constructor(readonly agentId: string) {
    super(`Agent ${agentId} has no free slot`);
    this.name = 'AgentCapacityError';
  }
}

/** A customer already has a chat in this organization. */
export class CustomerChatExistsError extends Error {
  constructor(readonly customerId: string) {
    super(`Customer ${customerId} already has a chat`);
    this.name = 'CustomerChatExistsError';
  }
}

interface ChatRow {
  version: number;
  state: ChatState;
  last_event_per_type: LastEventPerType;
  customer_last_event_per_type: LastEventPerType;
}

const isChatStream = (streamId: string) => streamId.startsWith('chat-');

/** Projection context key: the chat's row as read in the append's transaction (undefined: no row yet). */
export const CHAT_ROW = 'chatRow';

/** Seats: an assignment takes one (or fails atomically, rolling the append back); a closed thread frees them. */
async function countSeats(tx: SqlExecutor, organizationId: string, event: ChatEvent): Promise<void> {
  if (event.type === 'user_added' && event.data.user.type === 'agent') {
    const assigned = event.data.reason === 'assigned';
    const { rows } = await tx.query(
      `UPDATE agents SET active_chats = active_chats + 1, last_assigned_at = now()
       WHERE organization_id = $1 AND agent_id = $2
         AND (NOT $3 OR (active_chats < (profile->>'max_chats_count')::int AND routing_status = 'accepting_chats'))
       RETURNING agent_id`,
      [organizationId, event.data.user.id, assigned],
    );
    if (assigned && rows.length === 0) throw new AgentCapacityError(event.data.user.id);
  }
  if (event.type === 'thread_deactivated' && event.data.agent_ids.length > 0) {
    await tx.query(
      `UPDATE agents SET active_chats = GREATEST(active_chats - 1, 0)
       WHERE organization_id = $1 AND agent_id = ANY($2::text[])`,
      [organizationId, event.data.agent_ids],
    );
  }
}

function trackLastEvents(row: ChatRow, event: ChatEvent, state: ChatState): void {
  if (event.type !== 'event_added') return;
  const thread = state.threads.find((t) => t.id === event.data.thread_id);
  const entry = { thread_id: event.data.thread_id, thread_created_at: thread?.created_at ?? '', event: event.data.event };
  row.last_event_per_type = { ...row.last_event_per_type, [event.data.event.type]: entry };
  if (event.data.event.visibility === 'all') {
    row.customer_last_event_per_type = { ...row.customer_last_event_per_type, [event.data.event.type]: entry };
  }
}

/**
 * Keeps one row per chat: its folded state (users, threads without event
 * bodies), the summary columns `list_chats` filters on, and the agents'
 * seat counts — all in the append's transaction.
 */
export const chatProjection: InlineProjection = {
  name: 'chats',
  async apply(events: readonly RecordedEvent[], tx: SqlExecutor, context?: Record<string, unknown>): Promise<void> {
    const chatEvents = events.filter((e) => isChatStream(e.streamId));
    if (chatEvents.length === 0) return;
    const { streamId, organizationId } = chatEvents[0];
    const chatId = parseStreamId(streamId).id;
    // The chat service read this very row under the stream's lock; a missing one is a new chat.
    const found =
      context && CHAT_ROW in context
        ? { rows: context[CHAT_ROW] ? [{ ...(context[CHAT_ROW] as ChatRow) }] : [] }
        : await tx.query<ChatRow>(
            `SELECT version, state, last_event_per_type, customer_last_event_per_type FROM chats
             WHERE organization_id = $1 AND chat_id = $2`,
            [organizationId, chatId],
          );
    const row: ChatRow = found.rows[0] ?? {
      version: 0,
      state: undefined as unknown as ChatState,
      last_event_per_type: {},
      customer_last_event_per_type: {},
    };
    let state: ChatState | undefined = found.rows[0]?.state;
    for (const recorded of chatEvents) {
      const event = { type: recorded.type, data: recorded.data } as ChatEvent;
      state = evolve(state, event);
      if (!state) continue;
      trackLastEvents(row, event, state);
      await countSeats(tx, organizationId, event);
    }
    if (!state) return;
    const last = lastThread(state);
    const agentIds = state.users.filter((u) => u.type === 'agent' && u.present).map((u) => u.id);
    const waiting = Boolean(last?.active) && agentIds.length === 0;
    try {
      await tx.query(
        `INSERT INTO chats (organization_id, chat_id, version, customer_id, state, last_event_per_type,
           customer_last_event_per_type, last_thread_id, last_thread_created_at, active, agent_ids,
           access_group_ids, waiting_since)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, CASE WHEN $13 THEN now() END)
         ON CONFLICT (organization_id, chat_id) DO UPDATE SET
           version = EXCLUDED.version, state = EXCLUDED.state, last_event_per_type = EXCLUDED.last_event_per_type,
           customer_last_event_per_type = EXCLUDED.customer_last_event_per_type,
           last_thread_id = EXCLUDED.last_thread_id, last_thread_created_at = EXCLUDED.last_thread_created_at,
           active = EXCLUDED.active, agent_ids = EXCLUDED.agent_ids, access_group_ids = EXCLUDED.access_group_ids,
           waiting_since = CASE WHEN $13 THEN COALESCE(chats.waiting_since, now()) END`,
        [
          organizationId,
          chatId,
          chatEvents[chatEvents.length - 1].streamVersion,
          state.customer_id ?? null,
          JSON.stringify(state),
          JSON.stringify(row.last_event_per_type),
          JSON.stringify(row.customer_last_event_per_type),
          last?.id ?? null,
          last?.created_at ?? null,
          Boolean(last?.active),
          agentIds,
          state.access.group_ids,
          waiting,
        ],
      );
    } catch (error) {
      if ((error as { constraint?: string }).constraint === 'chats_one_per_customer') {
        throw new CustomerChatExistsError(state.customer_id!);
      }
      throw error;
    }
  },
};
