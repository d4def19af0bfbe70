/** Payload schemas of Agent Chat API methods (agent-chat-api.md). */
import { z } from 'zod';
import {
  dateTime,
  groupId,
  id,
  list,
  pageId,
  propertyFilters,
  pushes,
  rejectWith,
  rejectWithPageId,
  shortText,
  sortOrder,
  text,
  token,
} from './common';
import { chatInputSchema, eventInputSchema, resumeChatSchema, startChatSchema } from './events';
import { AGENT_SESSION_SCHEMAS } from './session';
import { MEMBERSHIP_SCHEMAS } from './membership';
import { CHAT_PROPERTY_SCHEMAS, THREAD_TAG_SCHEMAS } from './chat-properties';
import { AGENT_SIGNAL_SCHEMAS } from './signals';
import { AGENT_CUSTOMER_SCHEMAS } from './customers';
import { ARCHIVE_SCHEMAS } from './archive';

/** RTM `login`. `customer_monitoring_level` has no default: the first session gets `my`, later ones keep theirs. */
export const agentLoginSchema = z.object({
  token: token(),
  timezone: shortText().optional(),
  reconnect: z.boolean().optional(),
  push_notifications: z
    .object({ platform: z.enum(['ios', 'android']), firebase_token: text().optional() })
    .optional(),
  application: z.object({ name: text().optional(), version: shortText().optional() }).optional(),
  away: z.boolean().default(false),
  customer_monitoring_level: z.enum(['my', 'chatting', 'invited', 'online', 'highest_available']).optional(),
  pushes: pushes.optional(),
});

/** `set_routing_status`; whether `offline` is allowed (bots only) depends on the target, so the handler checks it. */
export const setRoutingStatusSchema = z.object({
  status: z.enum(['accepting_chats', 'not_accepting_chats', 'offline']),
  agent_id: id().optional(),
});

/** `list_routing_statuses`, optionally limited to groups. */
export const listRoutingStatusesSchema = z.object({
  filters: z.object({ group_ids: list(groupId(), 200).optional() }).optional(),
});

const listChatsFilters = z.object({
  include_active: z.boolean().default(true),
  include_chats_without_threads: z.boolean().default(true),
  group_ids: list(groupId(), 200).optional(),
  properties: propertyFilters.optional(),
});

/** `list_chats`: limit 10 by default, at most 100; the first page's filters get their defaults. */
export const agentListChatsSchema = z
  .object({
    filters: listChatsFilters.optional(),
    sort_order: sortOrder.optional(),
    limit: z.number().int().min(1).max(100).optional(),
    page_id: pageId().optional(),
  })
  .superRefine(rejectWithPageId(['filters', 'limit', 'sort_order']))
  .transform((p) =>
    p.page_id !== undefined
      ? p
      : {
          ...p,
          filters: p.filters ?? { include_active: true, include_chats_without_threads: true },
          sort_order: p.sort_order ?? 'desc',
          limit: p.limit ?? 10,
        },
  );

/** `list_threads`: like the customer's, plus `filters.from`/`to`, which `min_events_count` also excludes. */
export const agentListThreadsSchema = z
  .object({
    chat_id: id(),
    sort_order: sortOrder.optional(),
    limit: z.number().int().min(1).max(100).optional(),
    page_id: pageId().optional(),
    min_events_count: z.number().int().min(1).max(100).optional(),
    filters: z.object({ from: dateTime().optional(), to: dateTime().optional() }).optional(),
  })
  .superRefine(rejectWithPageId(['filters', 'limit', 'sort_order', 'min_events_count']))
  .superRefine(rejectWith('min_events_count', ['limit', 'filters']))
  .transform((p) => {
    if (p.page_id !== undefined) return p;
    const sorted = { ...p, sort_order: p.sort_order ?? 'desc' };
    return p.min_events_count !== undefined ? sorted : { ...sorted, limit: p.limit ?? 3 };
  });

/** `get_chat`: one thread of a chat, the latest when `thread_id` is absent. */
export const agentGetChatSchema = z.object({ chat_id: id(), thread_id: id().optional() });

/** `send_event`. `attach_to_last_thread` is legacy for agents but still accepted. */
export const agentSendEventSchema = z.object({
  chat_id: id(),
  event: eventInputSchema,
  attach_to_last_thread: z.boolean().default(false),
});

/** `deactivate_chat` of chat `id`. */
export const agentDeactivateChatSchema = z.object({
  id: id(),
  ignore_requester_presence: z.boolean().default(false),
});

/** Existing users to put in a new thread: at most one customer (agent limits depend on the requester). */
const chatUsers = list(z.object({ id: id(), type: z.enum(['agent', 'customer']) }))
  .refine((users) => users.filter((user) => user.type === 'customer').length <= 1, 'a chat has at most one customer');

/** `start_chat`: a new chat with its first thread, optionally with users and initial events. */
export const agentStartChatSchema = startChatSchema(chatInputSchema.extend({ users: chatUsers.optional() }));

/** `resume_chat`: a new thread in chat `chat.id`. */
export const agentResumeChatSchema = resumeChatSchema(chatInputSchema.extend({ users: chatUsers.optional() }));

/** Agent Chat API schemas by action. */
export const AGENT_SCHEMAS = {
  login: agentLoginSchema,
  set_routing_status: setRoutingStatusSchema,
  list_routing_statuses: listRoutingStatusesSchema,
  list_chats: agentListChatsSchema,
  list_threads: agentListThreadsSchema,
  get_chat: agentGetChatSchema,
  send_event: agentSendEventSchema,
  deactivate_chat: agentDeactivateChatSchema,
  start_chat: agentStartChatSchema,
  resume_chat: agentResumeChatSchema,
  ...AGENT_SESSION_SCHEMAS,
  ...MEMBERSHIP_SCHEMAS,
  ...CHAT_PROPERTY_SCHEMAS,
  ...THREAD_TAG_SCHEMAS,
  ...AGENT_SIGNAL_SCHEMAS,
  ...AGENT_CUSTOMER_SCHEMAS,
  ...ARCHIVE_SCHEMAS,
} satisfies Record<string, z.ZodType>;
