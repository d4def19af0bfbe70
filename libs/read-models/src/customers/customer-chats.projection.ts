import { InlineProjection, RecordedEvent, SqlExecutor } from '@switchboard/event-store';

interface ChatSummaryRow {
  chat_id: string;
  customer_id: string | null;
  active: boolean;
  access_group_ids: number[];
  threads_count: number;
}

/** Newest agent-written and customer-written event times of a batch (system messages have no author). */
function lastEventTimes(events: readonly RecordedEvent[], customerId: string): { agent?: string; customer?: string } {
  const times: { agent?: string; customer?: string } = {};
  for (const recorded of events) {
    if (recorded.type !== 'event_added') continue;
    const event = (recorded.data as { event: { author_id?: string; created_at: string } }).event;
    if (!event.author_id) continue;
    const who = event.author_id === customerId ? 'customer' : 'agent';
    if (!times[who] || event.created_at > times[who]) times[who] = event.created_at;
  }
  return times;
}

/**
 * The customer's chat figures that `list_customers` filters and sorts on and
 * the agent view shows (ADR 0030): chat id, chats and threads count, whether
 * the chat is active, its access groups, and when an agent and the customer
 * last wrote. A customer has at most one chat, so these are copied from the
 * chat's row once the chat projection has written it (it runs first).
 */
export const customerChatsProjection: InlineProjection = {
  name: 'customer-chats',
  async apply(events: readonly RecordedEvent[], tx: SqlExecutor): Promise<void> {
    const byStream = new Map<string, RecordedEvent[]>();
    for (const event of events) {
      if (!event.streamId.startsWith('chat-')) continue;
      byStream.set(event.streamId, [...(byStream.get(event.streamId) ?? []), event]);
    }
    for (const chatEvents of byStream.values()) await copyChat(tx, chatEvents);
  },
};

async function copyChat(tx: SqlExecutor, events: RecordedEvent[]): Promise<void> {
  const { organizationId, streamId } = events[0];
  const { rows } = await tx.query<ChatSummaryRow>(
    `SELECT chat_id, customer_id, active, access_group_ids, jsonb_array_length(state->'threads') AS threads_count
     FROM chats WHERE organization_id = $1 AND chat_id = $2`,
    [organizationId, streamId.slice('chat-'.length)],
  );
  const chat = rows[0];
  if (!chat?.customer_id) return;
  const times = lastEventTimes(events, chat.customer_id);
  await tx.query(
    `UPDATE customers SET chat_id = $3, chats_count = 1, threads_count = $4, chat_active = $5, chat_group_ids = $6,
       agent_last_event_at = GREATEST(agent_last_event_at, COALESCE($7::timestamptz, '-infinity')),
       customer_last_event_at = GREATEST(customer_last_event_at, COALESCE($8::timestamptz, '-infinity'))
     WHERE organization_id = $1 AND customer_id = $2`,
    [organizationId, chat.customer_id, chat.chat_id, chat.threads_count, chat.active, chat.access_group_ids, times.agent ?? null, times.customer ?? null],
  );
}
