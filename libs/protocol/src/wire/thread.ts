/** Threads (data-structures §2). */
import { Access, DateTime, Properties, Queue } from './common';
import { CustomerViewEvent, Event } from './event';

/** One conversation topic of a chat, agent view. */
export interface Thread {
  id: string;
  /** At most one thread per chat is active, and only the latest. */
  active: boolean;
  user_ids: string[];
  /** Absent when `restricted_access` is present. */
  events?: Event[];
  properties?: Properties;
  access?: Access;
  /** Present only when the thread is tagged. */
  tags?: string[];
  /** Present only while queued. */
  queue?: Queue;
  /** Total seconds spent in queue. */
  queues_duration?: number;
  /** Why events are withheld, e.g. archive-age limits of the plan. */
  restricted_access?: string;
  previous_thread_id?: string;
  next_thread_id?: string;
  /** `list_archives` only. */
  previous_accessible_thread_id?: string;
  /** `list_archives` only. */
  next_accessible_thread_id?: string;
  created_at: DateTime;
}

/** A thread as customers see it: only `visibility: all` events, no agent-only fields. */
export interface CustomerViewThread
  extends Omit<Thread, 'events' | 'queues_duration' | 'previous_accessible_thread_id' | 'next_accessible_thread_id'> {
  events?: CustomerViewEvent[];
}
