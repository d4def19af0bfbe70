/**
 * What the inactivity timer does with one active thread (routing.md §1.5–§1.6,
 * ADR 0040). Pure: the time and the length of a minute come in.
 */

/** An active thread as the sweep reads it from the chats read model. */
export interface ThreadActivity {
  thread_id: string;
  /** Continuous chat (Messaging Mode): marked idle instead of archived. */
  continuous: boolean;
  /** Its `routing.idle` property. */
  idle: boolean;
  /** The thread's start, or the last event a user (agent, bot or customer) wrote in it: RFC 3339. */
  last_activity_at: string;
  /** The thread's last system message (the idle mark or later), if any: RFC 3339. */
  last_system_message_at?: string;
}

export type InactivityAction =
  | { kind: 'none' }
  | { kind: 'archive'; minutes: number }
  | { kind: 'mark_idle'; minutes: number }
  | { kind: 'clear_idle' };

export interface InactivityClock {
  now: string;
  /** A setting's minute, in milliseconds (60000; shorter only in tests: ROUTING_MINUTE_MS). */
  minuteMs: number;
}

/**
 * * A thread silent for `inactivity_timeout_min` is archived (`routing.archived_inactive`) —
 *   unless its chat is continuous: then it is marked idle (`routing.idle`), once per silence.
 * * An idle thread someone wrote in since its mark is not idle any more.
 * * `inactivity_timeout_min` 0 turns the timer off.
 */
export function decideInactivity(thread: ThreadActivity, timeoutMin: number, clock: InactivityClock): InactivityAction {
  const lastActivity = Date.parse(thread.last_activity_at);
  if (thread.idle && thread.last_system_message_at !== undefined && lastActivity > Date.parse(thread.last_system_message_at)) {
    return { kind: 'clear_idle' };
  }
  if (timeoutMin <= 0) return { kind: 'none' };
  if (Date.parse(clock.now) - lastActivity < timeoutMin * clock.minuteMs) return { kind: 'none' };
  if (!thread.continuous) return { kind: 'archive', minutes: timeoutMin };
  return thread.idle ? { kind: 'none' } : { kind: 'mark_idle', minutes: timeoutMin };
}

/** The system messages of the inactivity timer (routing.md §7), texts as documented. */
export function inactivityMessage(kind: 'archive' | 'mark_idle', minutes: number) {
  const duration = String(minutes);
  return kind === 'archive'
    ? { system_message_type: 'routing.archived_inactive', text: `Chat archived due to ${duration} minutes of inactivity`, text_vars: { duration } }
    : { system_message_type: 'routing.idle', text: `Chat is idle due to ${duration} minutes of inactivity`, text_vars: { duration } };
}
