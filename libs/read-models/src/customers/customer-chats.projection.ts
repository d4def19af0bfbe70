import { InlineProjection, RecordedEvent, SqlExecutor } from '@switchboard/event-store';

/** One authored event of a chat in the batch (`author_id` null: the chat changed without one). */
interface AuthoredRow {
  organization_id: string;
  chat_id: string;
  author_id: string | null;
  created_at: string | null;
}

/** Per chat of the batch, the newest event time of each author (system messages have none), or one empty row. */
function authoredRows(events: readonly RecordedEvent[]): AuthoredRow[] {
  const newest = new Map<string, AuthoredRow>();
  for (const recorded of events) {
    if (!recorded.streamId.startsWith('chat-')) continue;
    const chatId = recorded.streamId.slice('chat-'.length);
    const empty = `${recorded.organizationId}\n${chatId}`;
    if (!newest.has(empty)) newest.set(empty, { organization_id: recorded.organizationId, chat_id: chatId, author_id: null, created_at: null });
    if (recorded.type !== 'event_added') continue;
    const event = (recorded.data as { event: { author_id?: string; created_at: string } }).event;
    if (!event.author_id) continue;
    const key = `${empty}\n${event.author_id}`;
    const known = newest.get(key);
    if (!known || event.created_at > known.created_at!) {
      newest.set(key, { organization_id: recorded.organizationId, chat_id: chatId, author_id: event.author_id, created_at: event.created_at });
    }
  }
  return [...newest.values()];
}

/**
 * The customer's chat figures that `list_customers` filters and sorts on and
 * the agent view shows (ADR 0030): chat id, chats and threads count, whether
 * the chat is active, its access groups, and when an agent and the customer
 * last wrote. A customer has at most one chat, so these are copied from the
 * chat's row once the chat projection has written it (it runs first) — one
 * statement for every chat of the transaction.
 */
export const customerChatsProjection: InlineProjection = {
  name: 'customer-chats',
  async apply(events: readonly RecordedEvent[], tx: SqlExecutor): Promise<void> {
    const rows = authoredRows(events);
    if (rows.length === 0) return;
    await tx.query(
      `WITH batch AS (
         SELECT * FROM json_to_recordset($1::json) AS b(organization_id text, chat_id text, author_id text, created_at timestamptz)
       ), figures AS (
         SELECT ch.organization_id, ch.customer_id, ch.chat_id, jsonb_array_length(ch.state->'threads') AS threads_count,
                ch.active, ch.access_group_ids,
                max(b.created_at) FILTER (WHERE b.author_id <> ch.customer_id) AS agent_at,
                max(b.created_at) FILTER (WHERE b.author_id = ch.customer_id) AS customer_at
         FROM batch b JOIN chats ch ON ch.organization_id = b.organization_id AND ch.chat_id = b.chat_id
         WHERE ch.customer_id IS NOT NULL
         GROUP BY ch.organization_id, ch.chat_id
       )
       UPDATE customers c SET chat_id = f.chat_id, chats_count = 1, threads_count = f.threads_count, chat_active = f.active,
         chat_group_ids = f.access_group_ids,
         agent_last_event_at = GREATEST(c.agent_last_event_at, COALESCE(f.agent_at, '-infinity')),
         customer_last_event_at = GREATEST(c.customer_last_event_at, COALESCE(f.customer_at, '-infinity'))
       FROM figures f WHERE c.organization_id = f.organization_id AND c.customer_id = f.customer_id`,
      [JSON.stringify(rows)],
    );
  },
};
