/**
 * Payload schemas of webhook management (configuration-api.md §6). The
 * action, its filters and its additional data are checked against the
 * catalogue of `@switchboard/webhooks/domain`; whose client id it is, by the
 * handler.
 */
import { z } from 'zod';
import { WEBHOOK_NAME_VERSIONS, webhookAction } from '@switchboard/webhooks/domain';
import { id, list, text } from './common';
import { LIMITS } from './input-limits';

/** `values` or `exclude_values`, exactly one (webhooks.md §3). */
const idFilter = z
  .object({ values: list(id()).min(1, 'must not be empty').optional(), exclude_values: list(id()).min(1, 'must not be empty').optional() })
  .strict()
  .refine((filter) => (filter.values === undefined) !== (filter.exclude_values === undefined), 'exactly one of values, exclude_values is required');

/** Unknown filter names are refused rather than dropped: a filter silently ignored would deliver what the integrator excluded. */
const filters = z
  .object({
    author_type: z.enum(['agent', 'customer']).optional(),
    only_my_chats: z.boolean().optional(),
    chat_presence: z.object({ user_ids: idFilter.optional(), my_bots: z.boolean().optional() }).strict().optional(),
    source_type: list(z.enum(['my_client', 'other_clients', 'system']), 3).min(1, 'must not be empty').optional(),
    agent_ids: idFilter.optional(),
  })
  .strict();

/** An absolute http(s) URL the dispatcher can POST to. */
const webhookUrl = () =>
  text(LIMITS.urlLength)
    .min(1, 'must not be empty')
    .refine((url) => URL.canParse(url) && /^https?:$/.test(new URL(url).protocol), 'must be an absolute http or https URL');

/** The filters and additional data given must be the action's (list_webhook_names); the alias is stored under its delivered name. */
export const registerWebhookSchema = z
  .object({
    action: id(),
    secret_key: id(),
    url: webhookUrl(),
    type: z.enum(['license', 'bot']),
    owner_client_id: id(),
    description: text().optional(),
    additional_data: list(z.enum(['chat_properties', 'chat_presence_user_ids']), 2).optional(),
    filters: filters.optional(),
  })
  .superRefine((payload, context) => {
    const spec = webhookAction(payload.action);
    if (!spec) {
      context.addIssue({ code: 'custom', path: ['action'], message: 'is not a webhook action (see list_webhook_names)' });
      return;
    }
    for (const name of Object.keys(payload.filters ?? {})) {
      if (!(spec.filters as readonly string[]).includes(name)) {
        context.addIssue({ code: 'custom', path: ['filters', name], message: `is not a filter of ${spec.action}` });
      }
    }
    for (const name of payload.additional_data ?? []) {
      if (!spec.additional_data.includes(name)) {
        context.addIssue({ code: 'custom', path: ['additional_data'], message: `${name} is not additional data of ${spec.action}` });
      }
    }
  })
  .transform((payload) => ({
    ...payload,
    action: webhookAction(payload.action)!.action,
    ...(payload.additional_data && { additional_data: [...new Set(payload.additional_data)] }),
  }));

/** enable/disable/get state: the docs' `owner_client_id` or the JS SDK's `client_id` (README §7); not two different ones. */
const licenseWebhooksSchema = z
  .object({ owner_client_id: id().optional(), client_id: id().optional() })
  .refine((p) => p.owner_client_id === undefined || p.client_id === undefined || p.owner_client_id === p.client_id, {
    path: ['client_id'],
    message: 'names another client than owner_client_id',
  });

/** Webhook management by action; spread into the Configuration API's schemas. */
export const WEBHOOK_SCHEMAS = {
  register_webhook: registerWebhookSchema,
  list_webhooks: z.object({ owner_client_id: id() }),
  unregister_webhook: z.object({ id: id(), owner_client_id: id() }),
  list_webhook_names: z.object({ version: z.enum(WEBHOOK_NAME_VERSIONS).default('3.4') }),
  enable_license_webhooks: licenseWebhooksSchema,
  disable_license_webhooks: licenseWebhooksSchema,
  get_license_webhooks_state: licenseWebhooksSchema,
} satisfies Record<string, z.ZodType>;
