/**
 * Events as clients send them in `send_event` and as initial events of
 * `start_chat`/`resume_chat` (data-structures §3). Only client-supplied fields
 * are declared: server-filled ones (`id`, `created_at`, `author_id`, thread ids,
 * file metadata, button `user_ids`) are accepted and dropped, because SDKs echo
 * structures they received and a client must never set them.
 */
import { z } from 'zod';
import { access, count, groupId, id, jsonObject, list, properties, shortText, storableString, text, url, visibility } from './common';
import { LIMITS } from './input-limits';

/** Largest message text: 16 KB of raw UTF-8. */
export const MAX_MESSAGE_BYTES = LIMITS.messageBytes;

const common = {
  custom_id: shortText().optional(),
  // C/S in the spec: the server would fill `all` anyway, so handlers always see a value.
  visibility: visibility.default('all'),
  properties: properties.optional(),
};

const postback = z
  .object({
    id: id(),
    thread_id: id(),
    event_id: id(),
    type: shortText().optional(),
    value: text().optional(),
  })
  .refine((p) => (p.type === undefined) === (p.value === undefined), 'type and value go together');

const message = z.object({
  ...common,
  type: z.literal('message'),
  text: storableString()
    .min(1, 'must not be empty')
    .refine((text) => Buffer.byteLength(text, 'utf8') <= MAX_MESSAGE_BYTES, 'must be at most 16 KB of UTF-8'),
  postback: postback.optional(),
});

const systemMessage = z.object({
  ...common,
  type: z.literal('system_message'),
  system_message_type: id(),
  text: text().optional(),
  text_vars: z.record(id(), text()).optional(),
});

const file = z.object({
  ...common,
  type: z.literal('file'),
  // Must be the platform CDN URL from upload_file; that check needs storage, so it is the handler's.
  url: z.url({ protocol: /^https?$/ }).max(LIMITS.urlLength, `must be at most ${LIMITS.urlLength} characters`),
  alternative_text: text().optional(),
});

const formFieldType = z.enum([
  'name',
  'email',
  'question',
  'textarea',
  'subject',
  'radio',
  'select',
  'checkbox',
  'group_chooser',
  'header',
]);

const option = z.object({ id: id(), label: text(), group_id: groupId().optional() });

const form = z.object({
  ...common,
  type: z.literal('form'),
  form_id: id(),
  // Server-filled in the spec, but only the sender knows whether a form is a prechat or postchat one.
  form_type: shortText().optional(),
  fields: list(
    z.object({
      type: formFieldType,
      id: id(),
      label: text(),
      required: z.boolean().optional(),
      options: list(option).optional(),
    }),
  ),
});

const filledForm = z.object({
  ...common,
  type: z.literal('filled_form'),
  form_id: id(),
  form_type: shortText().optional(),
  fields: list(
    z.object({
      type: formFieldType,
      id: id(),
      label: text(),
      answer: z.union([text(), option]).optional(),
      answers: list(z.object({ id: id(), label: text() })).optional(),
    }),
  ),
});

const button = z.object({
  text: text().optional(),
  type: z.enum(['webview', 'message', 'url', 'phone']).optional(),
  value: text().optional(),
  webview_height: z.enum(['compact', 'full', 'tall']).optional(),
  target: z.enum(['new', 'current']).optional(),
  postback_id: shortText().optional(),
});

const image = z.object({
  url: url().min(1, 'must not be empty'),
  name: text().optional(),
  content_type: shortText().optional(),
  size: count().optional(),
  width: count().optional(),
  height: count().optional(),
  alternative_text: text().optional(),
});

const richMessage = z.object({
  ...common,
  type: z.literal('rich_message'),
  template_id: z.enum(['cards', 'sticker', 'quick_replies']),
  elements: z
    .array(
      z.object({
        title: text().optional(),
        subtitle: text().optional(),
        image: image.optional(),
        buttons: z.array(button).max(13).optional(),
      }),
    )
    .max(10)
    .optional(),
});

const custom = z.object({
  ...common,
  type: z.literal('custom'),
  // Free-form, stored and rendered to every reader: bounded in depth and size (ADR 0008).
  content: jsonObject().optional(),
});

/** v3.3 and older clients say `recipients` where v3.4 says `visibility`; `visibility` wins when both are sent. */
export function recipientsAsVisibility(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const { recipients, ...event } = raw as Record<string, unknown>;
  return event.visibility === undefined && recipients !== undefined ? { ...event, visibility: recipients } : event;
}

/** An event sent by a client, with server-filled fields removed and `visibility` defaulted. */
export const eventInputSchema = z.preprocess(
  recipientsAsVisibility,
  z.discriminatedUnion('type', [message, systemMessage, file, form, filledForm, richMessage, custom]),
);

/** A validated client event. */
export type EventInput = z.output<typeof eventInputSchema>;

/** The fields of `chat.thread` in `start_chat` / `resume_chat`: initial events and thread properties. */
export const threadInputSchema = z.object({
  events: list(eventInputSchema).optional(),
  properties: properties.optional(),
});

/** The `chat` of `start_chat`: properties, access and the first thread (the agent API adds `users`). */
export const chatInputSchema = z.object({
  properties: properties.optional(),
  access: access.optional(),
  thread: threadInputSchema.optional(),
});

/** `start_chat` around a `chat` shape: a new chat and its first thread, active unless said otherwise. */
export function startChatSchema<C extends z.ZodObject>(chat: C) {
  return z.object({
    chat: chat.optional(),
    active: z.boolean().default(true),
    continuous: z.boolean().default(false),
  });
}

/** `resume_chat` around a `chat` shape: a new thread in chat `chat.id`; unset `continuous` keeps the chat's mode. */
export function resumeChatSchema<C extends z.ZodObject>(chat: C) {
  return z.object({
    chat: chat.extend({ id: id() }),
    active: z.boolean().default(true),
    continuous: z.boolean().optional(),
  });
}
