/**
 * Live signals, rich-message postbacks and multicast, in both chat APIs
 * (agent-chat-api.md §4, §9; customer-chat-api.md §3, §7).
 */
import { z } from 'zod';
import { dateTime, groupId, id, list, shortText, text, visibility } from './common';
import { recipientsAsVisibility } from './events';

/** `mark_events_as_seen`: everything of the chat up to `seen_up_to` has been seen. */
export const markEventsAsSeenSchema = z.object({ chat_id: id(), seen_up_to: dateTime() });

/** `send_rich_message_postback`: toggles button `postback.id` of rich message `event_id`. */
export const richMessagePostbackSchema = z.object({
  chat_id: id(),
  thread_id: id(),
  event_id: id(),
  postback: z.object({ id: shortText().min(1, 'must not be empty'), toggled: z.boolean() }),
});

/** `send_typing_indicator` (agents and bots); older clients say `recipients` for `visibility`. */
export const typingIndicatorSchema = z.preprocess(
  recipientsAsVisibility,
  z.object({ chat_id: id(), is_typing: z.boolean(), visibility: visibility.default('all') }),
);

/** `send_sneak_peek`: what the customer is typing (empty once the field is cleared). */
export const sneakPeekSchema = z.object({ chat_id: id(), sneak_peek_text: text() });

/** `multicast`: at least one recipient list; `customers.ids` is still accepted for older clients. */
export const multicastSchema = z.object({
  recipients: z
    .object({
      agents: z.object({ all: z.boolean().optional(), ids: list(id()).optional(), groups: list(groupId(), 200).optional() }).optional(),
      customers: z.object({ ids: list(id()).optional() }).optional(),
    })
    .refine(
      (r) => Boolean(r.agents?.all || r.agents?.ids?.length || r.agents?.groups?.length || r.customers?.ids?.length),
      'at least one of agents.all, agents.ids, agents.groups',
    ),
  content: z.unknown().refine((content) => content !== undefined, 'Required'),
  type: shortText().optional(),
});

export const AGENT_SIGNAL_SCHEMAS = {
  mark_events_as_seen: markEventsAsSeenSchema,
  send_rich_message_postback: richMessagePostbackSchema,
  send_typing_indicator: typingIndicatorSchema,
  multicast: multicastSchema,
} satisfies Record<string, z.ZodType>;

export const CUSTOMER_SIGNAL_SCHEMAS = {
  mark_events_as_seen: markEventsAsSeenSchema,
  send_rich_message_postback: richMessagePostbackSchema,
  send_sneak_peek: sneakPeekSchema,
} satisfies Record<string, z.ZodType>;
