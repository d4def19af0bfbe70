/** Building blocks shared by the payload schemas. */
import { z } from 'zod';

/** A required identifier: present and not empty. */
export const id = () => z.string().min(1, 'must not be empty');

/** Group ids are non-negative integers; group 0 means every agent. */
export const groupId = () => z.number().int().nonnegative();

/** RFC 3339 date-time; filters accept offsets (`+01:00`) as well as `Z`. */
export const dateTime = () => z.iso.datetime({ offset: true });

/** `asc` = oldest first, `desc` = newest first. */
export const sortOrder = z.enum(['asc', 'desc']);

/** Event visibility: everyone or agents only. */
export const visibility = z.enum(['all', 'agents']);

/** Property value types: int, bool, string, tokenized_string. */
export const propertyValue = z.union([z.string(), z.number(), z.boolean()]);

/** `{ "<namespace>": { "<name>": value } }` (data-structures §6). */
export const properties = z.record(z.string(), z.record(z.string(), propertyValue));

/** `{ group_ids: [...] }`. */
export const access = z.object({ group_ids: z.array(groupId()) });

/** Ordered session fields: single-key string maps, `[{"custom_key": "value"}]`. */
export const sessionFields = z.array(
  z.record(z.string(), z.string()).refine((field) => Object.keys(field).length === 1, 'each session field must have exactly one key'),
);

/** Push subscriptions of `login`: `{"3.4": ["incoming_chat"], "3.5": ["all"]}`. */
export const pushes = z.record(z.string(), z.array(z.string()));

/** Property filter: exactly one of `exists`, `values`, `exclude_values` (data-structures §9.1). */
export const propertyFilter = z
  .object({
    exists: z.boolean().optional(),
    values: z.array(propertyValue).optional(),
    exclude_values: z.array(propertyValue).optional(),
  })
  .refine(
    (filter) => [filter.exists, filter.values, filter.exclude_values].filter((v) => v !== undefined).length === 1,
    'exactly one of exists, values, exclude_values is required',
  );

/** `filters.properties.<namespace>.<name>`. */
export const propertyFilters = z.record(z.string(), z.record(z.string(), propertyFilter));

/**
 * Follow-up page requests carry only `page_id` (plus method identifiers such as
 * `chat_id`): the first request's filters, limit and sort order are remembered
 * inside the page id, so sending them again is a `validation` error.
 */
export function rejectWithPageId(fields: readonly string[]) {
  return (payload: Record<string, unknown>, ctx: z.RefinementCtx): void => {
    if (payload.page_id === undefined) return;
    for (const field of fields) {
      if (payload[field] !== undefined) {
        ctx.addIssue({ code: 'custom', path: [field], message: 'cannot be combined with page_id' });
      }
    }
  };
}

/** Reports each of `fields` given together with `field` as a forbidden combination. */
export function rejectWith(field: string, fields: readonly string[]) {
  return (payload: Record<string, unknown>, ctx: z.RefinementCtx): void => {
    if (payload[field] === undefined) return;
    for (const other of fields) {
      if (payload[other] !== undefined) {
        ctx.addIssue({ code: 'custom', path: [other], message: `cannot be combined with ${field}` });
      }
    }
  };
}
