/** Payload schemas of Customer Chat API methods (customer-chat-api.md). */
import { z } from 'zod';
import { CHAT_PROPERTY_SCHEMAS } from './chat-properties';
import {
  groupId,
  id,
  jsonObject,
  pageId,
  pushes,
  rejectWith,
  rejectWithPageId,
  shortText,
  sortOrder,
  text,
  token,
  url,
} from './common';
import { chatInputSchema, eventInputSchema, resumeChatSchema, startChatSchema } from './events';
import { CUSTOMER_PROPERTY_SCHEMAS } from './properties';
import { CUSTOMER_URL_INFO_SCHEMAS } from './session';
import { CUSTOMER_SIGNAL_SCHEMAS } from './signals';
import { CUSTOMER_SELF_SERVICE_SCHEMAS } from './customer-self-service';
import { WIDGET_CUSTOMER_SCHEMAS } from './widget';
import { CUSTOMER_PROFILE_SCHEMAS, customerProfileFields } from './customers';

/** RTM `login`: the token plus what the widget knows about the visitor. */
export const customerLoginSchema = z.object({
  token: token(),
  customer: z.object(customerProfileFields).optional(),
  customer_page: z.object({ url: url().min(1, 'must not be empty'), title: text().optional() }).optional(),
  customer_side_storage: jsonObject().optional(),
  is_mobile: z.boolean().optional(),
  group_id: groupId().optional(),
  referrer: url().optional(),
  application: z
    .object({ name: text().optional(), version: shortText().optional(), channel_type: shortText().optional() })
    .optional(),
  pushes: pushes.optional(),
});

/** `start_chat`: a new chat with its first thread. Customers cannot list chat users. */
export const customerStartChatSchema = startChatSchema(chatInputSchema);

/** `resume_chat`: a new thread in an existing chat. */
export const customerResumeChatSchema = resumeChatSchema(chatInputSchema);

/** `send_event`; `attach_to_last_thread` lets an event into an inactive chat's last thread. */
export const customerSendEventSchema = z.object({
  chat_id: id(),
  event: eventInputSchema,
  attach_to_last_thread: z.boolean().default(false),
});

/** `get_chat`: one thread of a chat, the latest when `thread_id` is absent. */
export const customerGetChatSchema = z.object({ chat_id: id(), thread_id: id().optional() });

/** `list_chats`: limit 10 by default, at most 25 for customers. */
export const customerListChatsSchema = z
  .object({
    limit: z.number().int().min(1).max(25).optional(),
    sort_order: sortOrder.optional(),
    page_id: pageId().optional(),
  })
  .superRefine(rejectWithPageId(['limit', 'sort_order']))
  .transform((p) => (p.page_id !== undefined ? p : { ...p, limit: p.limit ?? 10, sort_order: p.sort_order ?? 'desc' }));

/** `list_threads`: 3 threads by default, or as many as needed to reach `min_events_count` events. */
export const customerListThreadsSchema = z
  .object({
    chat_id: id(),
    sort_order: sortOrder.optional(),
    limit: z.number().int().min(1).max(100).optional(),
    page_id: pageId().optional(),
    min_events_count: z.number().int().min(1).max(100).optional(),
  })
  .superRefine(rejectWithPageId(['limit', 'sort_order', 'min_events_count']))
  .superRefine(rejectWith('min_events_count', ['limit']))
  .transform((p) => {
    if (p.page_id !== undefined) return p;
    const sorted = { ...p, sort_order: p.sort_order ?? 'desc' };
    return p.min_events_count !== undefined ? sorted : { ...sorted, limit: p.limit ?? 3 };
  });

/** `deactivate_chat`: closes the active thread of chat `id`. */
export const customerDeactivateChatSchema = z.object({ id: id() });

/** Customer Chat API schemas by action. */
export const CUSTOMER_SCHEMAS = {
  login: customerLoginSchema,
  start_chat: customerStartChatSchema,
  resume_chat: customerResumeChatSchema,
  send_event: customerSendEventSchema,
  get_chat: customerGetChatSchema,
  list_chats: customerListChatsSchema,
  list_threads: customerListThreadsSchema,
  deactivate_chat: customerDeactivateChatSchema,
  ...CUSTOMER_PROPERTY_SCHEMAS,
  ...CUSTOMER_URL_INFO_SCHEMAS,
  ...CHAT_PROPERTY_SCHEMAS,
  ...CUSTOMER_SIGNAL_SCHEMAS,
  ...CUSTOMER_SELF_SERVICE_SCHEMAS,
  ...WIDGET_CUSTOMER_SCHEMAS,
  ...CUSTOMER_PROFILE_SCHEMAS,
} satisfies Record<string, z.ZodType>;
