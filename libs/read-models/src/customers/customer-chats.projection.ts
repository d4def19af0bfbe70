import { SqlExecutor } from '@switchboard/event-store';
import { lastThread } from '@switchboard/chat/domain';
import type { FoldedChat } from '../archive/archive.projection';

/** A customer's chat figures after a transaction's events, with the newest event times the events brought. */
interface FiguresRow {
  organization_id: string;
  customer_id: string;
  chat_id: string;
  threads_count: number;
  active: boolean;
  group_ids: number[];
  agent_at: string | null;
  customer_at: string | null;
}

function figures({ organizationId, state, events }: FoldedChat): FiguresRow | undefined {
  const customerId = state.customer_id;
  if (!customerId) return undefined;
  const newest = { agent: '', customer: '' };
  for (const recorded of events) {
    if (recorded.type !== 'event_added') continue;
    const event = (recorded.data as { event: { author_id?: string; created_at: string } }).event;
    // System messages have no author.
    if (!event.author_id) continue;
    const who = event.author_id === customerId ? 'customer' : 'agent';
    if (event.created_at > newest[who]) newest[who] = event.created_at;
  }
  return {
    organization_id: organizationId,
    customer_id: customerId,
    chat_id: state.id,
    threads_count: state.threads.length,
    active: Boolean(lastThread(state)?.active),
    group_ids: state.access.group_ids,
    agent_at: newest.agent || null,
    customer_at: newest.customer || null,
  };
}

/**
 * The customer's chat figures that `list_customers` filters and sorts on and
 * the agent view shows (ADR 0030): chat id, chats and threads count, whether
 * the chat is active, its access groups, and when an agent and the customer
 * last wrote. A customer has at most one chat, so they are the chat's, taken
 * from the state the chat projection just folded: one statement for every
 * chat of the transaction, and no write when nothing changed.
 */
export async function projectCustomerChats(tx: SqlExecutor, chats: readonly FoldedChat[]): Promise<void> {
  const rows = chats.map(figures).filter((row): row is FiguresRow => row !== undefined);
  if (rows.length === 0) return;
  await tx.query(
    `UPDATE customers c SET chat_id = r.chat_id, chats_count = 1, threads_count = r.threads_count, chat_active = r.active,
       chat_group_ids = r.group_ids,
       agent_last_event_at = GREATEST(c.agent_last_event_at, COALESCE(r.agent_at, '-infinity')),
       customer_last_event_at = GREATEST(c.customer_last_event_at, COALESCE(r.customer_at, '-infinity'))
     FROM json_to_recordset($1::json) AS r(organization_id text, customer_id text, chat_id text, threads_count integer,
       active boolean, group_ids integer[], agent_at timestamptz, customer_at timestamptz)
     WHERE c.organization_id = r.organization_id AND c.customer_id = r.customer_id
       AND (c.chat_id IS DISTINCT FROM r.chat_id OR c.chats_count <> 1 OR c.threads_count <> r.threads_count
         OR c.chat_active <> r.active OR c.chat_group_ids <> r.group_ids
         OR r.agent_at > c.agent_last_event_at OR r.customer_at > c.customer_last_event_at)`,
    [JSON.stringify(rows)],
  );
}
