/**
 * Payload schemas of the customer methods of both chat APIs (agent-chat-api §7,
 * customer-chat-api §5). A customer's profile is validated here once, for an
 * agent's `create_customer`/`update_customer` and the customer's own changes.
 */
import { z } from 'zod';
import { count, dateTime, groupId, id, list, name, pageId, rejectWithPageId, sessionFields, sortOrder, text, url } from './common';
import { inspectJson, LIMITS } from './input-limits';

/** Name, e-mail, avatar and session fields, as an agent or the customer sets them. */
export const customerProfileFields = {
  name: name().optional(),
  // Not checked as an address: widgets send whatever the visitor typed.
  email: text(LIMITS.emailLength).optional(),
  avatar: url().optional(),
  session_fields: sessionFields.optional(),
};

const PROFILE_KEYS = ['name', 'email', 'avatar', 'session_fields'] as const;

const atLeastOneProfileField = (profile: Record<string, unknown>, ctx: z.RefinementCtx): void => {
  if (PROFILE_KEYS.every((key) => profile[key] === undefined)) {
    ctx.addIssue({ code: 'custom', message: 'at least one of name, email, avatar, session_fields is required' });
  }
};

/** A customer id: UUID v4 as this server issues them (any other string names no customer). */
const customerId = () => id();

const stringListFilter = z
  .object({ values: list(text(), 100).optional(), exclude_values: list(text(), 100).optional() })
  .refine((f) => (f.values === undefined) !== (f.exclude_values === undefined), 'exactly one of values, exclude_values is required');
const intListFilter = (max: number) =>
  z
    .object({ values: list(groupId(), max).optional(), exclude_values: list(groupId(), max).optional() })
    .refine((f) => (f.values === undefined) !== (f.exclude_values === undefined), 'exactly one of values, exclude_values is required');
const rangeFilter = <T extends z.ZodType>(value: () => T) =>
  z
    .object({ lt: value().optional(), lte: value().optional(), gt: value().optional(), gte: value().optional(), eq: value().optional() })
    .refine((f) => Object.values(f).some((v) => v !== undefined), 'at least one of lt, lte, gt, gte, eq is required');

/** The first page's filters travel inside every `page_id` (at most {@link LIMITS.pageIdLength}): 4 KB of them at most. */
const FILTERS_BOUNDS = { maxDepth: 4, maxBytes: 4 * 1024 };

/** `list_customers` filters (data-structures §9.5). */
export const customerListFilters = z.object({
  country: stringListFilter.optional(),
  email: stringListFilter.optional(),
  name: stringListFilter.optional(),
  customer_id: stringListFilter.optional(),
  chat_group_ids: intListFilter(40).optional(),
  chats_count: rangeFilter(count).optional(),
  threads_count: rangeFilter(count).optional(),
  visits_count: rangeFilter(count).optional(),
  created_at: rangeFilter(dateTime).optional(),
  agent_last_event_created_at: rangeFilter(dateTime).optional(),
  customer_last_event_created_at: rangeFilter(dateTime).optional(),
  include_customers_without_chats: z.boolean().optional(),
}).superRefine((filters, ctx) => {
  const problem = inspectJson(filters, FILTERS_BOUNDS);
  if (problem) ctx.addIssue({ code: 'custom', message: problem.message, path: problem.path });
});

export const CUSTOMER_SORT_KEYS = ['created_at', 'threads_count', 'visits_count', 'agent_last_event', 'customer_last_event'] as const;

/** Agent `list_customers`: 10 per page by default, at most 100; later pages carry only `page_id`. */
export const listCustomersSchema = z
  .object({
    page_id: pageId().optional(),
    limit: z.number().int().min(1).max(100).optional(),
    sort_order: sortOrder.optional(),
    sort_by: z.enum(CUSTOMER_SORT_KEYS).optional(),
    filters: customerListFilters.optional(),
  })
  .superRefine(rejectWithPageId(['filters', 'limit', 'sort_order', 'sort_by']));

/** Agent Chat API customer methods. */
export const AGENT_CUSTOMER_SCHEMAS = {
  get_customer: z.object({ id: customerId() }),
  list_customers: listCustomersSchema,
  create_customer: z.object(customerProfileFields),
  update_customer: z.object({ id: customerId(), ...customerProfileFields }).superRefine(atLeastOneProfileField),
  ban_customer: z.object({ id: customerId(), ban: z.object({ days: z.number().int().min(1).max(LIMITS.int32Max) }) }),
  follow_customer: z.object({ id: customerId() }),
  unfollow_customer: z.object({ id: customerId() }),
} satisfies Record<string, z.ZodType>;

/** Customer Chat API: the customer's own profile. */
export const CUSTOMER_PROFILE_SCHEMAS = {
  update_customer: z.object(customerProfileFields).superRefine(atLeastOneProfileField),
  set_customer_session_fields: z.object({ session_fields: sessionFields }),
} satisfies Record<string, z.ZodType>;
