/** Payload schemas of Switchboard's `switchboard_*` widget configuration actions (ADR 0033). */
import { z } from 'zod';
import { count, groupId, id, int32, jsonObject, list, name, shortText, text, url } from './common';
import { LIMITS } from './input-limits';

const language = () => shortText().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, 'must be a language code such as en or pt-BR');
const domain = () => shortText().regex(/^(\*\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/, 'must be a host name such as example.com');
const formType = z.enum(['prechat', 'postchat', 'ticket']);

const button = z.object({ id: id(), type: z.enum(['image', 'text']), online_value: text(LIMITS.urlLength), offline_value: text(LIMITS.urlLength) });

const formField = z.object({
  id: id().optional(),
  type: z.enum(['name', 'email', 'question', 'textarea', 'subject', 'radio', 'select', 'checkbox', 'group_chooser', 'header']),
  label: text(1000),
  required: z.boolean().optional(),
  options: list(z.object({ id: id(), label: text(1000), group_id: groupId().optional() }), 100).optional(),
});
const form = z.object({ id: id(), fields: list(formField, 50).min(1, 'must not be empty') });

/** What a greeting says: a message, or a rich message's elements as the customer API shows them. */
const greetingEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('message'), text: text().min(1, 'must not be empty') }),
  z.object({ type: z.literal('rich_message'), template_id: shortText(), elements: list(jsonObject(), 10) }),
]);

const greeting = z.object({
  id: int32().min(1, 'must be positive'),
  group_id: groupId().default(0),
  agent_id: id(),
  event: greetingEvent,
  rule: z
    .object({ url_contains: url().optional(), url_equals: url().optional(), min_page_views: count().optional() })
    .refine((r) => Object.keys(r).length > 0, 'must have at least one condition'),
  active: z.boolean().default(true),
  addon: shortText().optional(),
});

const goal = z
  .object({
    id: int32().min(1, 'must be positive'),
    name: name().min(1, 'must not be empty'),
    group_id: groupId().default(0),
    url_contains: url().optional(),
    session_field: z.object({ key: id(), value: text() }).optional(),
  })
  .refine((g) => g.url_contains !== undefined || g.session_field !== undefined, 'needs url_contains or session_field');

export const WIDGET_SETTINGS_SCHEMAS = {
  switchboard_get_widget_settings: z.object({}),
  switchboard_update_widget_settings: z.object({
    language: language().optional(),
    allowed_domains: list(domain(), 100).optional(),
    client_limit: count().optional(),
    queue_enabled: z.boolean().optional(),
    buttons: list(button, 20).optional(),
    integrations: jsonObject().optional(),
  }),
  switchboard_set_group_language: z.object({ group_id: groupId(), language: language().nullable() }),
  switchboard_list_forms: z.object({ group_id: groupId().optional() }),
  switchboard_set_form: z.object({ group_id: groupId(), type: formType, form: form.nullable() }),
  switchboard_list_greetings: z.object({}),
  switchboard_set_greeting: z.object({ greeting }),
  switchboard_delete_greeting: z.object({ id: int32() }),
  switchboard_list_goals: z.object({}),
  switchboard_set_goal: z.object({ goal }),
  switchboard_delete_goal: z.object({ id: int32() }),
  switchboard_get_routing_settings: z.object({}),
  switchboard_update_routing_settings: z.object({
    group_id: groupId().default(0),
    settings: z
      .object({
        prefer_recent_agent: z.boolean().nullable().optional(),
        manual_routing: z.boolean().nullable().optional(),
        queue_enabled: z.boolean().nullable().optional(),
        queue_limit: count().max(10_000).nullable().optional(),
        queue_timeout_min: count().max(10_080).nullable().optional(),
        transfer_chat_after_min: count().max(1_440).nullable().optional(),
        inactivity_timeout_min: count().max(10_080).nullable().optional(),
        reconnect_grace_s: count().max(3_600).nullable().optional(),
      })
      .strict(),
  }),
  switchboard_list_translations: z.object({ language: language().optional() }),
  switchboard_set_translations: z.object({ language: language(), group_id: groupId().default(0), phrases: z.record(id(100), text(2000)).refine((p) => Object.keys(p).length <= 500, 'at most 500 phrases') }),
} satisfies Record<string, z.ZodType>;
