/** What the router knows of an assigned chat whose customer wrote last. */
export interface SilentChat {
  /** RFC 3339: the customer's last message. */
  customer_last_event_at: string;
  /** RFC 3339: the last message of an agent; null when none wrote yet. */
  agent_last_event_at: string | null;
  /** RFC 3339: when the assignee joined the chat (null: unknown, counted from the customer's message). */
  assignee_joined_at: string | null;
}

/**
 * When the assignee's silence hands the chat on (`chats.transfer_chat_after_min`,
 * routing.md §4): `minutes` after the customer's last message, or after the
 * assignee joined if that came later (a chat that waited in the queue gives
 * its new agent the full time). Undefined when nothing is owed: the setting is
 * 0 (never), or an agent wrote after the customer.
 */
export function silenceDue(chat: SilentChat, minutes: number, minuteMs: number): string | undefined {
  if (minutes <= 0) return undefined;
  const customerAt = Date.parse(chat.customer_last_event_at);
  if (chat.agent_last_event_at !== null && Date.parse(chat.agent_last_event_at) >= customerAt) return undefined;
  const joinedAt = chat.assignee_joined_at === null ? customerAt : Date.parse(chat.assignee_joined_at);
  return new Date(Math.max(customerAt, joinedAt) + minutes * minuteMs).toISOString();
}
