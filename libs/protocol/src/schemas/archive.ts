/**
 * Payload schema of `list_archives` (agent-chat-api §1, data-structures §8,
 * §9.4). The filters of the first page travel inside every `page_id`, so
 * every list is bounded (ADR 0032).
 */
import { z } from 'zod';
import { count, dateTime, groupId, id, list, pageId, propertyFilters, rejectWithPageId, sortOrder, text } from './common';

const oneOf = (keys: readonly string[], exactly: boolean) => (filter: Record<string, unknown>, ctx: z.RefinementCtx) => {
  const given = keys.filter((key) => filter[key] !== undefined).length;
  if (given > 1 || (exactly && given === 0)) {
    ctx.addIssue({ code: 'custom', message: `${exactly ? 'exactly' : 'at most'} one of ${keys.join(', ')} is allowed` });
  }
};

/** `values` or `exclude_values` (data-structures §9.1). */
const listFilter = <T extends z.ZodType>(element: T) =>
  z.object({ values: list(element).optional(), exclude_values: list(element).optional() }).strict().superRefine(oneOf(['values', 'exclude_values'], true));

/** One of `exists`, `values`, `exclude_values`, optionally `require_every_value` (data-structures §9.1). */
const valueFilter = <T extends z.ZodType>(element: T) =>
  z
    .object({
      exists: z.boolean().optional(),
      values: list(element).optional(),
      exclude_values: list(element).optional(),
      require_every_value: z.boolean().optional(),
    })
    .strict()
    .superRefine(oneOf(['exists', 'values', 'exclude_values'], true))
    .superRefine((filter, ctx) => {
      if (filter.require_every_value !== undefined && filter.exists !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['require_every_value'], message: 'cannot be combined with exists' });
      }
    });

/** `event_types`: a value filter without `exists` (every thread has events). */
const eventTypesFilter = z
  .object({ values: list(id()).optional(), exclude_values: list(id()).optional(), require_every_value: z.boolean().optional() })
  .strict()
  .superRefine(oneOf(['values', 'exclude_values'], true));

const MATCH = ['exists', 'values', 'exclude_values'] as const;

/** What surveys and greetings are filtered by: when, which (by id), in which groups. */
const shownFilter = <T extends z.ZodType>(element: T) => ({
  from: dateTime().optional(),
  to: dateTime().optional(),
  exists: z.boolean().optional(),
  values: list(element).optional(),
  exclude_values: list(element).optional(),
  groups: listFilter(groupId()).optional(),
});

/** `surveys[]`: a pre- or post-chat survey, its answers (ids), when and in which groups. */
const surveyFilter = z
  .object({ type: z.enum(['pre_chat', 'post_chat']), ...shownFilter(id()) })
  .strict()
  .superRefine(oneOf(MATCH, false));

/** `greetings`: greetings shown (ids), when and in which groups. */
const greetingsFilter = z.object(shownFilter(count())).strict().superRefine(oneOf(MATCH, false));

/** `agent_response`: whether (and which of) the agents responded, or responded first. */
const agentResponseFilter = z
  .object({
    exists: z.boolean().optional(),
    first: z.boolean().optional(),
    agents: listFilter(id()).optional(),
    groups: listFilter(groupId()).optional(),
  })
  .strict();

const archiveFilters = z
  .object({
    query: text().optional(),
    from: dateTime().optional(),
    to: dateTime().optional(),
    thread_ids: list(id(), 20).optional(),
    group_ids: list(groupId(), 200).optional(),
    properties: propertyFilters.optional(),
    agents: valueFilter(id()).optional(),
    tags: valueFilter(text()).optional(),
    sales: valueFilter(count()).optional(),
    goals: valueFilter(count()).optional(),
    surveys: list(surveyFilter, 2).optional(),
    event_types: eventTypesFilter.optional(),
    greetings: greetingsFilter.optional(),
    agent_response: agentResponseFilter.optional(),
    customer_id: id().optional(),
  })
  .strict()
  .superRefine((filters, ctx) => {
    if (filters.thread_ids === undefined) return;
    for (const key of Object.keys(filters)) {
      if (key !== 'thread_ids' && filters[key as keyof typeof filters] !== undefined) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'cannot be combined with thread_ids' });
      }
    }
  });

/** `highlights`: marks around query matches; `{}` means `<em>` … `</em>`. */
const highlights = z
  .object({ pre_tag: text(64).optional(), post_tag: text(64).optional() })
  .transform((h) => ({ pre_tag: h.pre_tag ?? '<em>', post_tag: h.post_tag ?? '</em>' }));

/** `list_archives`: limit 10 by default, 1–100, newest first unless `asc`. */
export const listArchivesSchema = z
  .object({
    filters: archiveFilters.optional(),
    page_id: pageId().optional(),
    sort_order: sortOrder.optional(),
    limit: z.number().int().min(1).max(100).optional(),
    highlights: highlights.optional(),
  })
  .superRefine(rejectWithPageId(['filters', 'limit', 'sort_order']))
  .transform((p) => (p.page_id !== undefined ? p : { ...p, filters: p.filters ?? {}, sort_order: p.sort_order ?? 'desc', limit: p.limit ?? 10 }));

export type ListArchivesPayload = z.output<typeof listArchivesSchema>;
export type ArchiveFilters = z.output<typeof archiveFilters>;

export const ARCHIVE_SCHEMAS = { list_archives: listArchivesSchema };
