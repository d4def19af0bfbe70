import { ChatEvent, ChatState, evolve, lastThread } from '@switchboard/chat/domain';
import { InlineProjection, parseStreamId, ProjectionContext, RecordedEvent, SqlExecutor } from '@switchboard/event-store';
import { countMembershipSeats } from './membership.seats';
import { applyToLastEvents } from './event-properties';
import { ArchiveFacets, FoldedChat, insertArchiveTexts, planArchive, writeArchiveThreads } from './archive/archive.projection';
import { customerChatFigures, lastEventTimes, updateCustomerChatFigures } from './customers/customer-chats.projection';
import { QUEUES_DURATION_ON_UPDATE } from './queue/queue.projection';

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
  /** The archive's accumulated facets known written, by thread (ADR 0032): spares unchanged thread rows a write. */
  archive_facets?: ArchiveFacets;
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

/** Whether the chat waits for an agent: its last thread is active and no agent is in it. */
function isWaiting(state: ChatState | undefined): boolean {
  return Boolean(state && lastThread(state)?.active) && !state!.users.some((u) => u.type === 'agent' && u.present);
}

/** A chat row as the upsert writes it: every column, and whether the chat waits for an agent. */
function rowToWrite(organizationId: string, chatId: string, version: number, row: ChatRow, state: ChatState) {
  const last = lastThread(state);
  const agentIds = state.users.filter((u) => u.type === 'agent' && u.present).map((u) => u.id);
  return {
    organization_id: organizationId,
    chat_id: chatId,
    version,
    customer_id: state.customer_id ?? null,
    state,
    last_event_per_type: row.last_event_per_type,
    customer_last_event_per_type: row.customer_last_event_per_type,
    last_thread_id: last?.id ?? null,
    last_thread_created_at: last?.created_at ?? null,
    active: Boolean(last?.active),
    agent_ids: agentIds,
    access_group_ids: state.access.group_ids,
    waiting: isWaiting(state),
  };
}

/** Folds one chat's new events onto its row, counting seats on the way; undefined when the chat has no state yet. */
async function foldChat(tx: SqlExecutor, events: RecordedEvent[], context: ProjectionContext) {
  const { streamId, organizationId } = events[0];
  const chatId = parseStreamId(streamId).id;
  // The chat service read this very row under the stream's lock; a missing one is a new chat.
  const known = context.get(streamId);
  const found: ChatRow | undefined =
    known && CHAT_ROW in known
      ? known[CHAT_ROW]
        ? { ...(known[CHAT_ROW] as ChatRow) }
        : undefined
      : (
          await tx.query<ChatRow>(
            `SELECT version, state, last_event_per_type, customer_last_event_per_type, archive_facets FROM chats
             WHERE organization_id = $1 AND chat_id = $2`,
            [organizationId, chatId],
          )
        ).rows[0];
  const row: ChatRow = found || { version: 0, state: undefined as unknown as ChatState, last_event_per_type: {}, customer_last_event_per_type: {} };
  let state: ChatState | undefined = found?.state;
  for (const recorded of events) {
    const event = { type: recorded.type, data: recorded.data } as ChatEvent;
    state = evolve(state, event);
    if (!state) continue;
    trackLastEvents(row, event, state);
    row.last_event_per_type = applyToLastEvents(row.last_event_per_type, event);
    row.customer_last_event_per_type = applyToLastEvents(row.customer_last_event_per_type, event);
    await countSeats(tx, organizationId, event);
    await countMembershipSeats(tx, organizationId, event);
  }
  if (!state) return undefined;
  const written = rowToWrite(organizationId, chatId, events[events.length - 1].streamVersion, row, state);
  const folded: FoldedChat = { organizationId, state, events, previous: found && { state: found.state, facets: found.archive_facets ?? {} } };
  return { written, folded };
}

/** Each stream's events, streams in order of first appearance. */
function byStream(events: readonly RecordedEvent[]): RecordedEvent[][] {
  const groups = new Map<string, RecordedEvent[]>();
  for (const event of events) {
    const group = groups.get(event.streamId);
    if (group) group.push(event);
    else groups.set(event.streamId, [event]);
  }
  return [...groups.values()];
}

/**
 * Keeps one row per chat: its folded state (users, threads without event
 * bodies), the summary columns `list_chats` filters on, and the agents'
 * seat counts — all in the append's transaction, one statement for every
 * chat of the transaction.
 */
export const chatProjection: InlineProjection = {
  name: 'chats',
  async apply(events: readonly RecordedEvent[], tx: SqlExecutor, context: ProjectionContext): Promise<void> {
    const folded = [];
    for (const chatEvents of byStream(events.filter((e) => isChatStream(e.streamId)))) {
      const chat = await foldChat(tx, chatEvents, context);
      if (chat) folded.push(chat);
    }
    const archive = planArchive(folded.map((f) => f.folded));
    const rows = folded.map((f, i) => {
      const times = lastEventTimes(f.folded.state.customer_id, f.folded.events);
      return { ...f.written, archive_facets: archive.facets[i], agent_last_event_at: times.agent, customer_last_event_at: times.customer };
    });
    const figures = customerChatFigures(folded.map((f) => f.folded));
    // The archive's texts and the customers' chat figures ride along when there are any: one round trip for the three tables.
    const params: unknown[] = [JSON.stringify(rows)];
    const along = [
      archive.texts.length > 0 && `texts AS (${insertArchiveTexts(`$${params.push(JSON.stringify(archive.texts))}`)})`,
      figures.length > 0 && `figures AS (${updateCustomerChatFigures(`$${params.push(JSON.stringify(figures))}`)})`,
    ].filter(Boolean);
    if (rows.length === 0) return;
    // Only a chat that stopped waiting adds to its queues_duration: the clause (a subquery to plan) is left out of every other write.
    const leftQueue = folded.some((f) => isWaiting(f.folded.previous?.state) && !isWaiting(f.folded.state));
    try {
      await tx.query(
        `${along.length > 0 ? `WITH ${along.join(', ')}` : ''}
         INSERT INTO chats (organization_id, chat_id, version, customer_id, state, last_event_per_type,
           customer_last_event_per_type, last_thread_id, last_thread_created_at, active, agent_ids,
           access_group_ids, waiting_since, archive_facets, agent_last_event_at, customer_last_event_at)
         SELECT r.organization_id, r.chat_id, r.version, r.customer_id, r.state, r.last_event_per_type,
           r.customer_last_event_per_type, r.last_thread_id, r.last_thread_created_at, r.active, r.agent_ids,
           r.access_group_ids, CASE WHEN r.waiting THEN now() END, r.archive_facets, r.agent_last_event_at, r.customer_last_event_at
         FROM jsonb_to_recordset($1::jsonb) AS r(organization_id text, chat_id text, version integer, customer_id text,
           state jsonb, last_event_per_type jsonb, customer_last_event_per_type jsonb, last_thread_id text,
           last_thread_created_at timestamptz, active boolean, agent_ids text[], access_group_ids integer[], waiting boolean,
           archive_facets jsonb, agent_last_event_at timestamptz, customer_last_event_at timestamptz)
         ON CONFLICT (organization_id, chat_id) DO UPDATE SET
           version = EXCLUDED.version, state = EXCLUDED.state, last_event_per_type = EXCLUDED.last_event_per_type,
           customer_last_event_per_type = EXCLUDED.customer_last_event_per_type,
           last_thread_id = EXCLUDED.last_thread_id, last_thread_created_at = EXCLUDED.last_thread_created_at,
           active = EXCLUDED.active, agent_ids = EXCLUDED.agent_ids, access_group_ids = EXCLUDED.access_group_ids,
           waiting_since = CASE WHEN EXCLUDED.waiting_since IS NOT NULL THEN COALESCE(chats.waiting_since, now()) END,
           ${leftQueue ? `${QUEUES_DURATION_ON_UPDATE},` : ''}
           archive_facets = EXCLUDED.archive_facets,
           agent_last_event_at = GREATEST(chats.agent_last_event_at, EXCLUDED.agent_last_event_at),
           customer_last_event_at = GREATEST(chats.customer_last_event_at, EXCLUDED.customer_last_event_at)`,
        params,
      );
    } catch (error) {
      // With several chats, which one broke the rule is unknown: the store runs each command again alone.
      if ((error as { constraint?: string }).constraint === 'chats_one_per_customer' && rows.length === 1) {
        throw new CustomerChatExistsError(rows[0].customer_id!);
      }
      throw error;
    }
    await writeArchiveThreads(tx, archive.rows);
  },
};
