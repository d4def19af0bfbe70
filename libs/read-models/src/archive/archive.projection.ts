import { ChatEvent, ChatEventRecord, ChatState, mergeProperties } from '@switchboard/chat/domain';
import { RecordedEvent, SqlExecutor } from '@switchboard/event-store';
import { ACCUMULATED_FACETS, FACET, RESPONSE_TYPES, searchableText, SEARCHABLE_TYPES, searchVector } from './archive.sql';

/** One chat's new events and its state after them, as the chat projection folded them. */
export interface FoldedChat {
  organizationId: string;
  state: ChatState;
  events: readonly RecordedEvent[];
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
  event: ChatEventRecord;
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

function threadRows(chat: FoldedChat, texts: TextRow[]): ThreadRow[] {
  const { state, organizationId } = chat;
  const events = chat.events.map((e) => ({ type: e.type, data: e.data }) as ChatEvent);
  const agents = new Set(state.users.filter((u) => u.type === 'agent').map((u) => u.id));
  const rows = new Map<string, ThreadRow>();
  for (const threadId of touchedThreads(state, events)) {
    const thread = state.threads.find((t) => t.id === threadId);
    if (!thread) continue;
    const threadAgents = thread.user_ids.filter((id) => agents.has(id));
    const tags = thread.tags ?? [];
    const facets = [...threadAgents.map((id) => FACET.agent + id), ...tags.map((tag) => FACET.tag + tag)];
    if (threadAgents.length > 0) facets.push(FACET.anyAgent);
    if (tags.length > 0) facets.push(FACET.anyTag);
    rows.set(threadId, {
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
    });
  }
  for (const event of events) {
    if (event.type === 'thread_deactivated') {
      const row = rows.get(event.data.thread_id);
      if (row) row.closed_at = event.data.created_at;
    }
    if (event.type !== 'event_added') continue;
    const row = rows.get(event.data.thread_id);
    const added = event.data.event;
    if (!row) continue;
    row.facets.push(FACET.eventType + added.type);
    if (added.author_id && agents.has(added.author_id) && RESPONSE_TYPES.includes(added.type)) {
      row.facets.push(FACET.responder + added.author_id, FACET.anyResponder);
      row.first_responder ??= added.author_id;
    }
    if (SEARCHABLE_TYPES.includes(added.type)) texts.push({ organization_id: organizationId, chat_id: state.id, thread_id: row.thread_id, event: added });
  }
  return [...rows.values()];
}

/**
 * Keeps the archive (`list_archives`) in the chat projection's transaction:
 * one row per thread with what its filters need, and one search vector per
 * searchable event (ADR 0032). Rows whose values did not change are not
 * rewritten, so a message costs one index probe plus its text.
 */
export async function projectArchive(tx: SqlExecutor, chats: readonly FoldedChat[]): Promise<void> {
  const texts: TextRow[] = [];
  const rows = chats.flatMap((chat) => threadRows(chat, texts));
  if (rows.length === 0) return;
  // One statement (one round trip) for both tables: the texts ride along as a data-modifying CTE.
  await tx.query(
    `WITH texts AS (
       INSERT INTO archive_texts (organization_id, chat_id, thread_id, event_id, search)
       SELECT r.organization_id, r.chat_id, r.thread_id, r.event->>'id', ${searchVector('s.text')}
       FROM jsonb_to_recordset($2::jsonb) AS r(organization_id text, chat_id text, thread_id text, event jsonb),
         LATERAL (SELECT ${searchableText('r.event')} AS text) s
       WHERE s.text <> ''
     ), incoming AS (
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
    [JSON.stringify(rows), JSON.stringify(texts)],
  );
}
