/**
 * The chat projection's part of the queues (ADR 0038), as a column of its
 * upsert: when a thread the router had queued stops waiting (an agent took
 * it, or it was closed), the seconds it waited are added to the thread's
 * `queues_duration`. Time is the append's, as for `waiting_since`.
 */
export const QUEUES_DURATION_ON_UPDATE = `queues_duration = CASE
  WHEN chats.waiting_since IS NOT NULL AND EXCLUDED.waiting_since IS NULL AND EXISTS (
    SELECT 1 FROM queued_threads q
    WHERE q.organization_id = chats.organization_id AND q.chat_id = chats.chat_id AND q.thread_id = chats.last_thread_id)
  THEN chats.queues_duration || jsonb_build_object(chats.last_thread_id,
    COALESCE((chats.queues_duration->>chats.last_thread_id)::integer, 0)
      + GREATEST(round(extract(epoch FROM now() - chats.waiting_since)), 0)::integer)
  ELSE chats.queues_duration END`;
