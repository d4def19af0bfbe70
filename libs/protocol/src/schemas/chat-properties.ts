/**
 * Payload schemas of the chat property methods of both chat APIs
 * (agent-chat-api §5, customer-chat-api §4) and of thread tags (agent-chat-api
 * §6). The shape is checked here; whether a property is registered, writable
 * and its value fits, by the domain's property rules (ADR 0023, ADR 0027).
 */
import { z } from 'zod';
import { id, list, properties } from './common';

/** `{<namespace>: [names]}` of a deletion. */
const propertyNames = z.record(id(), list(id()));

/** The chat as `id`, or `chat_id` as up to v3.2: either names it, both must agree. */
function oneChat(payload: { id?: string; chat_id?: string }, context: z.RefinementCtx): void {
  if (payload.id === undefined && payload.chat_id === undefined) context.addIssue({ code: 'custom', path: ['id'], message: 'Required' });
  if (payload.id !== undefined && payload.chat_id !== undefined && payload.id !== payload.chat_id) {
    context.addIssue({ code: 'custom', path: ['chat_id'], message: 'names another chat than id' });
  }
}

/** The chat as `id`, whichever name it came under. */
const asChatId = <T extends { id?: string; chat_id?: string }>({ chat_id: legacy, id: chatId, ...rest }: T) => ({ ...rest, id: (chatId ?? legacy)! });

const chatRef = { id: id().optional(), chat_id: id().optional() };

const thread = { chat_id: id(), thread_id: id() };
const event = { ...thread, event_id: id() };

/** The six property methods, the same in both chat APIs. */
export const CHAT_PROPERTY_SCHEMAS = {
  update_chat_properties: z.object({ ...chatRef, properties }).superRefine(oneChat).transform(asChatId),
  delete_chat_properties: z.object({ ...chatRef, properties: propertyNames }).superRefine(oneChat).transform(asChatId),
  update_thread_properties: z.object({ ...thread, properties }),
  delete_thread_properties: z.object({ ...thread, properties: propertyNames }),
  update_event_properties: z.object({ ...event, properties }),
  delete_event_properties: z.object({ ...event, properties: propertyNames }),
} satisfies Record<string, z.ZodType>;

/** `tag_thread` / `untag_thread`: a case-sensitive, non-empty tag (data-structures §7). */
const tagSchema = z.object({ ...thread, tag: id() });

export const THREAD_TAG_SCHEMAS = {
  tag_thread: tagSchema,
  untag_thread: tagSchema,
} satisfies Record<string, z.ZodType>;
