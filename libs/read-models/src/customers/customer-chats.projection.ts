import { RecordedEvent } from '@switchboard/event-store';
import { lastThread } from '@switchboard/chat/domain';
import type { FoldedChat } from '../archive/archive.projection';

/** A customer's chat figures after a transaction's events. */
interface FiguresRow {
  organization_id: string;
  customer_id: string;
  chat_id: string;
  threads_count: number;
  active: boolean;
  group_ids: number[];
}

/** The events that can change the figures: a message, the commonest event by far, changes none of them. */
const FIGURE_EVENTS = new Set(['chat_started', 'thread_started', 'thread_deactivated', 'chat_access_updated', 'chat_transferred']);

function figures({ organizationId, state, events }: FoldedChat): FiguresRow | undefined {
  if (!state.customer_id || !events.some((e) => FIGURE_EVENTS.has(e.type))) return undefined;
  return {
    organization_id: organizationId,
    customer_id: state.customer_id,
    chat_id: state.id,
    threads_count: state.threads.length,
    active: Boolean(lastThread(state)?.active),
    group_ids: state.access.group_ids,
  };
}

/** The newest times an agent and the customer wrote in these events (system messages have no author). */
export function lastEventTimes(customerId: string | undefined, events: readonly RecordedEvent[]): { agent: string | null; customer: string | null } {
  const newest = { agent: '', customer: '' };
  for (const recorded of events) {
    if (recorded.type !== 'event_added') continue;
    const event = (recorded.data as { event: { author_id?: string; created_at: string } }).event;
    if (!event.author_id) continue;
    const who = event.author_id === customerId ? 'customer' : 'agent';
    if (event.created_at > newest[who]) newest[who] = event.created_at;
  }
  return { agent: newest.agent || null, customer: newest.customer || null };
}

/**
 * The customer's chat figures that `list_customers` filters and sorts on and
 * the agent view shows (ADR 0030): chat id, chats and threads count, whether
 * the chat is active, its access groups — for the chats whose events can
 * change them. A customer has at most one chat, so they are the chat's, taken
 * from the state the chat projection just folded. (When an agent and the
 * customer last wrote moves with every message: it is kept in the chat's own
 * row, which every message writes anyway.)
 */
export function customerChatFigures(chats: readonly FoldedChat[]): FiguresRow[] {
  return chats.map(figures).filter((row): row is FiguresRow => row !== undefined);
}

/**
 * Writes the figures given as JSON in parameter `json` (rides along in the
 * chat upsert); a customer whose figures did not change is not rewritten.
 */
export const updateCustomerChatFigures = (json: string) => `UPDATE customers c SET chat_id = r.chat_id, chats_count = 1,
    threads_count = r.threads_count, chat_active = r.active, chat_group_ids = r.group_ids
  FROM json_to_recordset(${json}::json) AS r(organization_id text, customer_id text, chat_id text, threads_count integer,
    active boolean, group_ids integer[])
  WHERE c.organization_id = r.organization_id AND c.customer_id = r.customer_id
    AND (c.chat_id IS DISTINCT FROM r.chat_id OR c.chats_count <> 1 OR c.threads_count <> r.threads_count
      OR c.chat_active <> r.active OR c.chat_group_ids <> r.group_ids)`;
