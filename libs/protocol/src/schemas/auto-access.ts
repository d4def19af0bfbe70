/** Payload schemas of the Configuration API's auto access methods (configuration-api.md §2, ADR 0019). */
import { z } from 'zod';
import { groupId, id, list, name, shortText, text, url } from './common';

const nonEmpty = <T extends z.ZodType>(element: T) => list(element).min(1, 'must not be empty');

/** `{value, exact_match?}`: `exact_match: false` (the default) is a substring match. */
const match = z.object({ value: url().min(1, 'must not be empty'), exact_match: z.boolean().optional() });

/** `conditions.url` / `conditions.domain`: `values` or `exclude_values`, not both. */
const matchCondition = z
  .object({ values: nonEmpty(match).optional(), exclude_values: nonEmpty(match).optional() })
  .superRefine((condition, context) => {
    if (condition.values !== undefined && condition.exclude_values !== undefined) {
      context.addIssue({ code: 'custom', path: ['exclude_values'], message: 'cannot be combined with values' });
    } else if (condition.values === undefined && condition.exclude_values === undefined) {
      context.addIssue({ code: 'custom', message: 'one of values, exclude_values is required' });
    }
  });

const place = () => name().min(1, 'must not be empty').optional();

/** An entry matches when all its given fields match, so it needs at least one. */
const location = z
  .object({ country: place(), country_code: place(), region: place(), city: place() })
  .refine((entry) => Object.values(entry).some((v) => v !== undefined), 'at least one of country, country_code, region, city is required');

/** At least one of `url`, `domain`, `geolocation`. */
const conditions = z
  .object({
    url: matchCondition.optional(),
    domain: matchCondition.optional(),
    geolocation: z.object({ values: nonEmpty(location) }).optional(),
  })
  .refine((c) => c.url !== undefined || c.domain !== undefined || c.geolocation !== undefined, 'at least one of url, domain, geolocation is required');

/** The groups a matching customer's new thread is open to. */
const access = z.object({ groups: list(groupId(), 200).min(1, 'must not be empty') });

/** Insert (or move) before this rule; `""`: at the end. */
const nextId = shortText().optional();

const description = text().optional();

export const AUTO_ACCESS_SCHEMAS = {
  add_auto_access: z.object({ access, conditions, description, next_id: nextId }),
  list_auto_accesses: z.object({}),
  /** Only the given fields are overwritten; `next_id` moves the rule. */
  update_auto_access: z.object({ id: id(), access: access.optional(), conditions: conditions.optional(), description, next_id: nextId }),
  delete_auto_access: z.object({ id: id() }),
} satisfies Record<string, z.ZodType>;
