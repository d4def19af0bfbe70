import { ChatEvent, ChatState, mergeProperties } from '@switchboard/chat/domain';
import { RecordedEvent, SqlExecutor } from '@switchboard/event-store';
import { ACCUMULATED_FACETS, documentVector, FACET, RESPONSE_TYPES, searchableTextOf, SEARCHABLE_TYPES, searchDocument } from './archive.sql';

/** Accumulated facets (event types, responders) the archive already holds, by thread id: kept in the chat's row. */
export type ArchiveFacets = Record<string, string[]>;

/** One chat's new events and its state before and after them, as the chat projection folded them. */
export interface FoldedChat {
  organizationId: string;
  state: ChatState;
  events: readonly RecordedEvent[];
  /** The state before these events (undefined for a new chat) and the facets known written then. */
  previous?: { state?: ChatState; facets: ArchiveFacets };
}

/** What the archive writes for a transaction; `facets` are each chat's known facets afterwards (to keep in its row). */
export interface ArchivePlan {
  rows: ThreadRow[];
  texts: TextRow[];
  facets: ArchiveFacets[];
}

interface ThreadRow {
  organization_id: string;
  chat_id: string;
  thread_id: string;
  created_at: string;
  closed_at: string | null;
  customer_id: string | null;
  group_ids: number[];
  properties: unknown;
  facets: string[];
  first_responder: string | null;
}

interface TextRow {
  organization_id: string;
  chat_id: string;
  thread_id: string;
  event_id: string;
  text: string;
}

const CHAT_WIDE = new Set(['chat_properties_updated', 'chat_properties_deleted']);

/** Threads whose archive row the events change: those they name, all of them for chat properties, the last for access. */
function touchedThreads(state: ChatState, events: readonly ChatEvent[]): Set<string> {
  const touched = new Set<string>();
  for (const event of events) {
    const threadId = (event.data as { thread_id?: string }).thread_id;
    if (threadId) touched.add(threadId);
    else if (CHAT_WIDE.has(event.type)) state.threads.forEach((t) => touched.add(t.id));
    else if (event.type === 'chat_access_updated' && state.threads.length > 0) touched.add(state.threads[state.threads.length - 1].id);
  }
  return touched;
}

/** What a thread's row holds from the chat's state (everything but the facets its events accumulate). */
function stateRow(organizationId: string, state: ChatState, threadId: string): ThreadRow | undefined {
  const thread = state.threads.find((t) => t.id === threadId);
  if (!thread) return undefined;
  const agents = new Set(state.users.filter((u) => u.type === 'agent').map((u) => u.id));
  const threadAgents = thread.user_ids.filter((id) => agents.has(id));
  const tags = thread.tags ?? [];
  const facets = [...threadAgents.map((id) => FACET.agent + id), ...tags.map((tag) => FACET.tag + tag)];
  if (threadAgents.length > 0) facets.push(FACET.anyAgent);
  if (tags.length > 0) facets.push(FACET.anyTag);
  return {
    organization_id: organizationId,
    chat_id: state.id,
    thread_id: threadId,
    created_at: thread.created_at,
    closed_at: null,
    customer_id: state.customer_id ?? null,
    group_ids: thread.access.group_ids,
    properties: mergeProperties(state.properties, thread.properties),
    facets,
    first_responder: null,
  };
}

/**
 * The chat's thread rows to write and its texts to index. A row is left out
 * when the events change nothing it holds: its state part is as before and
 * every facet the events bring is already known written (a message in an
 * ongoing thread costs its text alone).
 */
function planChat(chat: FoldedChat, texts: TextRow[]): { rows: ThreadRow[]; facets: ArchiveFacets } {
  const { state, organizationId } = chat;
  const events = chat.events.map((e) => ({ type: e.type, data: e.data }) as ChatEvent);
  const agents = new Set(state.users.filter((u) => u.type === 'agent').map((u) => u.id));
  const touched = new Map<string, { current: ThreadRow; row: ThreadRow; brought: Set<string>; closed: boolean }>();
  for (const threadId of touchedThreads(state, events)) {
    const current = stateRow(organizationId, state, threadId);
    if (current) touched.set(threadId, { current, row: { ...current, facets: [...current.facets] }, brought: new Set(), closed: false });
  }
  for (const event of events) {
    if (event.type === 'thread_deactivated') {
      const entry = touched.get(event.data.thread_id);
      if (entry) {
        entry.row.closed_at = event.data.created_at;
        entry.closed = true;
      }
    }
    if (event.type !== 'event_added') continue;
    const entry = touched.get(event.data.thread_id);
    if (!entry) continue;
    const added = event.data.event;
    entry.brought.add(FACET.eventType + added.type);
    if (added.author_id && agents.has(added.author_id) && RESPONSE_TYPES.includes(added.type)) {
      entry.brought.add(FACET.responder + added.author_id).add(FACET.anyResponder);
      entry.row.first_responder ??= added.author_id;
    }
    const text = SEARCHABLE_TYPES.includes(added.type) ? searchableTextOf(added) : '';
    if (text !== '') texts.push({ organization_id: organizationId, chat_id: state.id, thread_id: event.data.thread_id, event_id: added.id, text: searchDocument(text) });
  }
  const facets: ArchiveFacets = { ...(chat.previous?.facets ?? {}) };
  const rows: ThreadRow[] = [];
  for (const [threadId, { current, row, brought, closed }] of touched) {
    const known = new Set(facets[threadId] ?? []);
    const before = chat.previous?.state && stateRow(organizationId, chat.previous.state, threadId);
    const unchanged = !closed && [...brought].every((f) => known.has(f)) && JSON.stringify(before) === JSON.stringify(current);
    if (unchanged) continue;
    row.facets.push(...brought);
    rows.push(row);
    facets[threadId] = [...new Set([...known, ...brought])].sort();
  }
  return { rows, facets };
}

/** Plans the archive's writes for the chats of a transaction (pure). */
export function planArchive(chats: readonly FoldedChat[]): ArchivePlan {
  const texts: TextRow[] = [];
  const plans = chats.map((chat) => planChat(chat, texts));
  return { rows: plans.flatMap((p) => p.rows), texts, facets: plans.map((p) => p.facets) };
}

/** Inserts the search vectors of the plan's texts, given as JSON in parameter `json` (rides along in the chat upsert). */
export const insertArchiveTexts = (json: string) => `INSERT INTO archive_texts (organization_id, chat_id, thread_id, event_id, search)
  SELECT r.organization_id, r.chat_id, r.thread_id, r.event_id, ${documentVector('r.text')}
  FROM json_to_recordset(${json}::json) AS r(organization_id text, chat_id text, thread_id text, event_id text, text text)`;

/**
 * Keeps the archive's thread rows (`list_archives`) in the chat projection's
 * transaction: one row per thread with what its filters need (ADR 0032).
 * Rows the plan left out are not touched; rows
 * whose values did not change are not rewritten.
 */
export async function writeArchiveThreads(tx: SqlExecutor, rows: readonly ThreadRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `WITH incoming AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(organization_id text, chat_id text, thread_id text, created_at timestamptz,
         closed_at timestamptz, customer_id text, group_ids integer[], properties jsonb, facets text[], first_responder text)
     ), merged AS (
       SELECT i.organization_id, i.chat_id, i.thread_id, i.created_at, COALESCE(i.closed_at, o.closed_at) AS closed_at,
         i.customer_id, i.group_ids, i.properties,
         ARRAY(SELECT DISTINCT f FROM unnest(
           i.facets
           || ARRAY(SELECT f FROM unnest(o.facets) f WHERE ${ACCUMULATED_FACETS})
           || CASE WHEN i.first_responder IS NOT NULL AND NOT COALESCE(o.facets @> '{r*}', false)
                THEN ARRAY['${FACET.firstResponder}' || i.first_responder] ELSE '{}'::text[] END
         ) f ORDER BY f) AS facets
       FROM incoming i LEFT JOIN archive_threads o
         ON o.organization_id = i.organization_id AND o.chat_id = i.chat_id AND o.thread_id = i.thread_id
     )
     INSERT INTO archive_threads (organization_id, chat_id, thread_id, created_at, closed_at, customer_id, group_ids, properties, facets)
     SELECT organization_id, chat_id, thread_id, created_at, closed_at, customer_id, group_ids, properties, facets FROM merged
     ON CONFLICT (organization_id, chat_id, thread_id) DO UPDATE SET
       closed_at = EXCLUDED.closed_at, customer_id = EXCLUDED.customer_id, group_ids = EXCLUDED.group_ids,
       properties = EXCLUDED.properties, facets = EXCLUDED.facets
     WHERE (archive_threads.closed_at, archive_threads.customer_id, archive_threads.group_ids, archive_threads.properties, archive_threads.facets)
       IS DISTINCT FROM (EXCLUDED.closed_at, EXCLUDED.customer_id, EXCLUDED.group_ids, EXCLUDED.properties, EXCLUDED.facets)`,
    [JSON.stringify(rows)],
  );
}
