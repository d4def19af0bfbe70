/** Building blocks shared by the payload schemas; their limits are {@link LIMITS} (ADR 0008). */
import { z } from 'zod';
import { inspectJson, JsonBounds, LIMITS, stringProblem } from './input-limits';

function storable(value: string, ctx: z.RefinementCtx): void {
  const problem = stringProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
}

/** A string PostgreSQL can store: no NUL, no unpaired surrogate (its length bounded by the caller). */
export const storableString = () => z.string().superRefine(storable);

/** Any string the client sends: at most `max` characters, no NUL, no unpaired surrogate. */
export const text = (max: number = LIMITS.textLength) =>
  z.string().max(max, `must be at most ${max} characters`).superRefine(storable);

/** A required identifier: present, not empty, at most `max` characters. */
export const id = (max: number = LIMITS.idLength) => text(max).min(1, 'must not be empty');

/** A short string that may be empty: versions, codes, time zones, ids a client chooses for itself. */
export const shortText = () => text(LIMITS.idLength);

/** A display name (agent, group, customer). */
export const name = () => text(LIMITS.nameLength);

/** A URL the client gives (page, avatar, image); `file` events check theirs more strictly. */
export const url = () => text(LIMITS.urlLength);

/** An e-mail address. */
export const email = () => z.email().max(LIMITS.emailLength, `must be at most ${LIMITS.emailLength} characters`);

/** An access token inside a payload (RTM `login`). */
export const token = () => id(LIMITS.tokenLength);

/** An opaque `page_id` (it carries the first page's filters, so it may be longer than an id). */
export const pageId = () => id(LIMITS.pageIdLength);

/** An integer PostgreSQL's `integer` holds. */
export const int32 = () =>
  z.int().min(LIMITS.int32Min, `must be at least ${LIMITS.int32Min}`).max(LIMITS.int32Max, `must be at most ${LIMITS.int32Max}`);

/** A count or size: a non-negative int32. */
export const count = () => int32().nonnegative('must not be negative');

/** Group ids are non-negative int32 integers; group 0 means every agent. */
export const groupId = () => count();

/** A stored list: at most `max` elements. */
export const list = <T extends z.ZodType>(element: T, max: number = LIMITS.listLength) =>
  z.array(element).max(max, `must have at most ${max} elements`);

const FREE_FORM: JsonBounds = { maxDepth: LIMITS.jsonDepth, maxBytes: LIMITS.jsonBytes };

/** Refuses a value beyond `bounds` (or with unstorable strings), naming the path inside it. */
const within = (bounds: JsonBounds) => (value: unknown, ctx: z.RefinementCtx) => {
  const problem = inspectJson(value, bounds);
  if (problem) ctx.addIssue({ code: 'custom', message: problem.message, path: problem.path });
};

/** A free-form JSON object (custom event `content`, `customer_side_storage`): storable, bounded in depth and size. */
export const jsonObject = (bounds: JsonBounds = FREE_FORM) => z.record(z.string(), z.unknown()).superRefine(within(bounds));

/** A value bounded in size once parsed (property maps, filters): `schema` checks the shape, this the whole. */
const sized = <T extends z.ZodType>(schema: T, maxBytes: number) => schema.superRefine(within({ ...FREE_FORM, maxBytes }));

/** RFC 3339 date-time; filters accept offsets (`+01:00`) as well as `Z`. */
export const dateTime = () => z.iso.datetime({ offset: true });

/** `asc` = oldest first, `desc` = newest first. */
export const sortOrder = z.enum(['asc', 'desc']);

/** Event visibility: everyone or agents only. */
export const visibility = z.enum(['all', 'agents']);

/** Property value types: int, bool, string, tokenized_string. */
export const propertyValue = z.union([text(), z.number(), z.boolean()]);

/** `{ "<namespace>": { "<name>": value } }` (data-structures §6), at most {@link LIMITS.jsonBytes} in all. */
export const properties = sized(z.record(id(), z.record(id(), propertyValue)), LIMITS.jsonBytes);

/** `{ group_ids: [...] }`. */
export const access = z.object({ group_ids: list(groupId(), 200) });

/** Ordered session fields: single-key string maps, `[{"custom_key": "value"}]`. */
export const sessionFields = list(
  z.record(id(), text()).refine((field) => Object.keys(field).length === 1, 'each session field must have exactly one key'),
);

/** Push subscriptions of `login`: `{"3.4": ["incoming_chat"], "3.5": ["all"]}`. */
export const pushes = z.record(id(16), list(id(), 200));

/** Property filter: exactly one of `exists`, `values`, `exclude_values` (data-structures §9.1). */
export const propertyFilter = z
  .object({
    exists: z.boolean().optional(),
    values: list(propertyValue).optional(),
    exclude_values: list(propertyValue).optional(),
  })
  .refine(
    (filter) => [filter.exists, filter.values, filter.exclude_values].filter((v) => v !== undefined).length === 1,
    'exactly one of exists, values, exclude_values is required',
  );

/** `filters.properties.<namespace>.<name>`; small, as the first page's filters travel inside every `page_id`. */
export const propertyFilters = sized(z.record(id(), z.record(id(), propertyFilter)), 4 * 1024);

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
