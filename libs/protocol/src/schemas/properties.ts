/**
 * Payload schemas of the property methods: the Configuration API's (§5) and
 * the Customer Chat API's unauthenticated listings. The shape is checked
 * here; whether a definition makes sense (type against domain, range and
 * default) and whether a value fits its definition, by the domain's property
 * rules (ADR 0023).
 */
import { z } from 'zod';
import { groupId, id, int32, list, propertyValue, properties, text } from './common';

/** Property names: letters, digits, `_`, `-` and `.`, as LiveChat's (`queue.enabled`). */
const propertyName = () =>
  id(100).regex(/^[A-Za-z0-9_.-]+$/, 'may contain only letters, digits, _, - and .');

const accessTypes = list(z.enum(['read', 'write']), 2);
const roles = z.partialRecord(z.enum(['agent', 'customer']), accessTypes);
const access = z.partialRecord(z.enum(['chat', 'thread', 'event', 'license', 'group']), roles);

/** `register_property`; `owner_client_id` is required and names the namespace. */
export const registerPropertySchema = z.object({
  name: propertyName(),
  owner_client_id: id(),
  type: z.enum(['int', 'bool', 'string', 'tokenized_string']),
  access,
  description: text().optional(),
  domain: list(propertyValue).optional(),
  range: z.object({ from: int32(), to: int32() }).optional(),
  default_value: propertyValue.optional(),
});

const ownedProperty = z.object({ name: id(), owner_client_id: id() });

/** `{<namespace>: [names]}` of a deletion. */
const propertyNames = z.record(id(), list(id()));

/**
 * A group id in a JSON body, or as text in a GET query string (the JS SDK
 * sends list_group_properties as GET).
 */
export const queryGroupId = () => z.preprocess((value) => (typeof value === 'string' && /^\d{1,10}$/.test(value) ? Number(value) : value), groupId());

/** `list_*_properties` filters: the docs' `namespace`, the JS SDK's `namespace_prefix` (README §7), `name_prefix`. */
const listFilters = {
  namespace: id().optional(),
  namespace_prefix: id().optional(),
  name_prefix: id().optional(),
};

/** Group methods took `group_id` up to v3.2 and in `update_group_properties` (the JS SDK sends it): either names the group. */
const groupRef = { id: queryGroupId().optional(), group_id: queryGroupId().optional() };

function oneGroup(payload: { id?: number; group_id?: number }, context: z.RefinementCtx): void {
  if (payload.id === undefined && payload.group_id === undefined) context.addIssue({ code: 'custom', path: ['id'], message: 'Required' });
  if (payload.id !== undefined && payload.group_id !== undefined && payload.id !== payload.group_id) {
    context.addIssue({ code: 'custom', path: ['group_id'], message: 'names another group than id' });
  }
}

/** The group as `id`, whichever name it came under. */
function asId<T extends { id?: number; group_id?: number }>({ group_id: groupIdParam, id, ...rest }: T): Omit<T, 'group_id' | 'id'> & { id: number } {
  return { ...rest, id: (id ?? groupIdParam) as number };
}

/** Configuration API property methods (configuration-api.md §5). */
export const PROPERTY_SCHEMAS = {
  register_property: registerPropertySchema,
  unregister_property: ownedProperty,
  publish_property: ownedProperty.extend({ access_type: list(z.enum(['read', 'write']), 2).min(1, 'read, write or both') }),
  list_properties: z.object({ owner_client_id: id() }),
  update_license_properties: z.object({ properties }),
  list_license_properties: z.object(listFilters),
  delete_license_properties: z.object({ properties: propertyNames }),
  update_group_properties: z.object({ ...groupRef, properties }).superRefine(oneGroup).transform(asId),
  list_group_properties: z.object({ ...groupRef, ...listFilters }).superRefine(oneGroup).transform(asId),
  delete_group_properties: z.object({ ...groupRef, properties: propertyNames }).superRefine(oneGroup).transform(asId),
} satisfies Record<string, z.ZodType>;

/** The Customer Chat API's listings (web GET, no token): `namespace` and `name` exact. */
export const CUSTOMER_PROPERTY_SCHEMAS = {
  list_license_properties: z.object({ namespace: id().optional(), name: id().optional() }),
  list_group_properties: z.object({ ...groupRef, namespace: id().optional(), name: id().optional() }).superRefine(oneGroup).transform(asId),
} satisfies Record<string, z.ZodType>;
