/**
 * The queues of an organization (routing.md §5, ADR 0038): every chat whose
 * active thread nobody has taken waits in the queue of its group (the first
 * of its access groups), oldest first. Pure: the caller brings the waiting
 * chats, the groups' assignment rates and the time.
 */

/** A chat waiting for an agent, as the queues see it. */
export interface WaitingChat {
  chat_id: string;
  thread_id: string;
  /** The group whose queue it waits in: the first of the chat's access groups (0 = the license's queue). */
  group_id: number;
  /** RFC 3339: when its thread started waiting. */
  queued_at: string;
}

/** Where a waiting chat stands: `thread.queue` on the wire, plus what the router needs to keep it. */
export interface QueuePlacement extends WaitingChat {
  /** 1 = next to be served in its group. */
  position: number;
  /** Seconds, an estimate (see {@link estimateWaitTime}). */
  wait_time: number;
}

/** Assignments per second a group served lately; absent or 0 = not known. */
export type AssignmentRates = ReadonlyMap<number, number>;

/** With no recent assignment to go by, each chat ahead is assumed to take this long. */
export const UNKNOWN_RATE_SECONDS_PER_CHAT = 120;

/**
 * How long the chat at `position` will wait: `position` chats must be served
 * before it is, at the rate its group served queued chats lately.
 */
export function estimateWaitTime(position: number, assignmentsPerSecond: number | undefined): number {
  if (!assignmentsPerSecond || assignmentsPerSecond <= 0) return position * UNKNOWN_RATE_SECONDS_PER_CHAT;
  return Math.max(1, Math.ceil(position / assignmentsPerSecond));
}

const compareWaiting = (a: WaitingChat, b: WaitingChat) =>
  Date.parse(a.queued_at) - Date.parse(b.queued_at) || (a.chat_id < b.chat_id ? -1 : a.chat_id > b.chat_id ? 1 : 0);

/** Every waiting chat's position in its group's queue (oldest first, then by chat id) and its estimated wait. */
export function placeInQueues(waiting: readonly WaitingChat[], rates: AssignmentRates): QueuePlacement[] {
  const next = new Map<number, number>();
  return [...waiting].sort(compareWaiting).map((chat) => {
    const position = (next.get(chat.group_id) ?? 0) + 1;
    next.set(chat.group_id, position);
    return { ...chat, position, wait_time: estimateWaitTime(position, rates.get(chat.group_id)) };
  });
}

/** How many chats wait in each group's queue. */
export function queueLengths(waiting: readonly Pick<WaitingChat, 'group_id'>[]): Map<number, number> {
  const lengths = new Map<number, number>();
  for (const chat of waiting) lengths.set(chat.group_id, (lengths.get(chat.group_id) ?? 0) + 1);
  return lengths;
}

/** The placements a client has not been told yet: new ones, and those whose position, thread or start changed. */
export function changedPlacements(before: readonly QueuePlacement[], after: readonly QueuePlacement[]): QueuePlacement[] {
  const known = new Map(before.map((p) => [p.chat_id, p]));
  return after.filter((p) => {
    const was = known.get(p.chat_id);
    return !was || was.position !== p.position || was.thread_id !== p.thread_id || was.queued_at !== p.queued_at;
  });
}
