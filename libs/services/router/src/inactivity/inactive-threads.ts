import { SqlExecutor } from '@switchboard/event-store';
import { LAST_ACTIVITY_AT } from '@switchboard/read-models';
import { ThreadActivity } from '@switchboard/routing/domain';

/** An active thread the inactivity timer should look at, with what its decision needs. */
export interface InactiveThread extends ThreadActivity {
  chat_id: string;
  /** The chat's first group: whose routing settings hold. */
  group_id: number;
  /** Events in the thread when read: the timer's message is refused if it grew meanwhile. */
  event_count: number;
}

const IDLE = `(state->'threads'->-1->'properties'->'routing'->>'idle') = 'true'`;
const iso = (value: unknown) => (value === null || value === undefined ? undefined : new Date(value as string).toISOString());

/** Organizations with an active thread silent since before `silentBefore`, or marked idle (RFC 3339). */
export async function organizationsWithInactiveThreads(db: SqlExecutor, silentBefore: string): Promise<string[]> {
  const { rows } = await db.query<{ organization_id: string }>(
    `SELECT DISTINCT organization_id FROM chats WHERE active AND (${LAST_ACTIVITY_AT} < $1 OR ${IDLE})`,
    [silentBefore],
  );
  return rows.map((r) => r.organization_id);
}

/** The organization's active threads silent since before `silentBefore`, or marked idle: the longest silent first. */
export async function inactiveThreads(db: SqlExecutor, organizationId: string, silentBefore: string, limit: number): Promise<InactiveThread[]> {
  const { rows } = await db.query<Record<string, unknown>>(
    `SELECT chat_id, last_thread_id, COALESCE(access_group_ids[1], 0) AS group_id,
       COALESCE((state->>'continuous')::boolean, false) AS continuous, COALESCE(${IDLE}, false) AS idle,
       COALESCE((state->'threads'->-1->>'event_count')::integer, 0) AS event_count,
       ${LAST_ACTIVITY_AT} AS last_activity_at,
       CASE WHEN last_event_per_type->'system_message'->>'thread_id' = last_thread_id
         THEN last_event_per_type->'system_message'->'event'->>'created_at' END AS last_system_message_at
     FROM chats
     WHERE organization_id = $1 AND active AND (${LAST_ACTIVITY_AT} < $2 OR ${IDLE})
     ORDER BY ${LAST_ACTIVITY_AT}
     LIMIT $3`,
    [organizationId, silentBefore, limit],
  );
  return rows.map((r) => ({
    chat_id: r.chat_id as string,
    thread_id: r.last_thread_id as string,
    group_id: Number(r.group_id),
    continuous: Boolean(r.continuous),
    idle: Boolean(r.idle),
    event_count: Number(r.event_count),
    last_activity_at: iso(r.last_activity_at)!,
    last_system_message_at: iso(r.last_system_message_at),
  }));
}
