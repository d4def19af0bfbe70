import { activeThread, ChatState } from '@switchboard/chat/domain';
import { SqlExecutor } from '@switchboard/event-store';
import { ChatToRoute } from '@switchboard/routing/domain';
import { chatToRoute } from './chat-to-route';

/** A chat waiting for an agent, as the router's pass reads it. */
export interface WaitingChat {
  chat_id: string;
  thread_id: string;
  route: ChatToRoute;
}

/** Where the next page starts: (waiting_since, chat_id) of the last chat read, the time as PostgreSQL's text (microseconds kept). */
export interface WaitingCursor {
  waiting_since: string;
  chat_id: string;
}

interface Row {
  chat_id: string;
  waiting_since: string;
  state: ChatState;
}

export interface WaitingPage {
  chats: WaitingChat[];
  /** Undefined on the last page. */
  next?: WaitingCursor;
}

/**
 * One page of the organization's chats whose active thread has no agent,
 * longest waiting first, after `cursor` (keyset paging on the partial index
 * `chats_waiting`, so a long queue costs one index range per page), of the
 * given groups only.
 */
export async function waitingChatsPage(
  db: SqlExecutor,
  organizationId: string,
  cursor: WaitingCursor | undefined,
  limit: number,
  /** Only chats sharing one of these groups (the groups with a free seat); all when undefined. */
  groupIds?: readonly number[],
): Promise<WaitingPage> {
  const { rows } = await db.query<Row>(
    `SELECT chat_id, waiting_since::text AS waiting_since, state FROM chats
     WHERE organization_id = $1 AND waiting_since IS NOT NULL
       AND ($2::timestamptz IS NULL OR (waiting_since, chat_id) > ($2::timestamptz, $3::text))
       AND ($5::int[] IS NULL OR access_group_ids && $5::int[])
     ORDER BY waiting_since, chat_id LIMIT $4`,
    [organizationId, cursor?.waiting_since ?? null, cursor?.chat_id ?? '', limit, groupIds ?? null],
  );
  const chats: WaitingChat[] = [];
  for (const row of rows) {
    const thread = activeThread(row.state);
    if (thread) chats.push({ chat_id: row.chat_id, thread_id: thread.id, route: chatToRoute(row.state) });
  }
  const last = rows[rows.length - 1];
  return { chats, ...(rows.length === limit && last && { next: { waiting_since: last.waiting_since, chat_id: last.chat_id } }) };
}
