/**
 * Payload schemas of the widget's Customer Chat API methods
 * (customer-chat-api.md §2, §6–7). The GET methods get their parameters as
 * text from the query string, so numbers and booleans are read from text too.
 */
import { z } from 'zod';
import { groupId, id, int32, list, sessionFields, shortText, url } from './common';
import { queryGroupId } from './properties';

/** `true`/`false` in a JSON body or as text in a query string. */
const queryBoolean = () => z.preprocess((value) => (value === 'true' ? true : value === 'false' ? false : value), z.boolean());

/** A numeric license id, in a JSON body or as text in a query string. */
const queryLicenseId = () =>
  z.preprocess((value) => (typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : value), z.int().min(1).max(Number.MAX_SAFE_INTEGER));

/** An absolute http(s) URL the server calls back. */
const callbackUri = () =>
  url()
    .min(1, 'must not be empty')
    .refine((value) => /^https?:\/\/[^\s/]+/i.test(value) && URL.canParse(value), 'must be an absolute http or https URL');

const formType = z.enum(['prechat', 'postchat', 'ticket']);

export const WIDGET_CUSTOMER_SCHEMAS = {
  get_dynamic_configuration: z.object({
    group_id: queryGroupId().optional(),
    url: url().optional(),
    channel_type: shortText().optional(),
    test: queryBoolean().optional(),
    license_id: queryLicenseId().optional(),
  }),
  get_configuration: z.object({ group_id: queryGroupId(), version: shortText().min(1, 'must not be empty') }),
  get_localization: z.object({
    group_id: queryGroupId(),
    language: shortText().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, 'must be a language code such as en or pt-BR'),
    version: shortText().min(1, 'must not be empty'),
  }),
  list_group_statuses: z
    .object({ all: z.boolean().optional(), group_ids: list(groupId(), 200).optional() })
    .refine((p) => p.all === true || p.group_ids !== undefined, { message: 'Required: all or group_ids', path: ['group_ids'] }),
  get_form: z.object({ group_id: groupId(), type: formType }),
  get_predicted_agent: z.object({ group_id: groupId().optional() }),
  check_goals: z.object({ session_fields: sessionFields, group_id: groupId(), page_url: url().min(1, 'must not be empty') }),
  accept_greeting: z.object({ greeting_id: int32(), unique_id: id() }),
  cancel_greeting: z.object({ unique_id: id() }),
  request_email_verification: z.object({ callback_uri: callbackUri() }),
} satisfies Record<string, z.ZodType>;
