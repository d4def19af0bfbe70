/**
 * Properties (data-structures §6): what a property is, and the one place that
 * says whether a value fits its definition and whether a requester may read
 * or write it at a location. The Configuration API's license and group
 * values and the chat APIs' chat, thread and event properties all ask here
 * (ADR 0023).
 */

import { DEFAULT_PROPERTIES } from './default-properties';

export const PROPERTY_TYPES = ['int', 'bool', 'string', 'tokenized_string'] as const;
export const PROPERTY_LOCATIONS = ['chat', 'thread', 'event', 'license', 'group'] as const;
export const PROPERTY_ROLES = ['agent', 'customer'] as const;
export const PROPERTY_ACCESS_TYPES = ['read', 'write'] as const;

export type PropertyType = (typeof PROPERTY_TYPES)[number];
export type PropertyLocation = (typeof PROPERTY_LOCATIONS)[number];
export type PropertyRole = (typeof PROPERTY_ROLES)[number];
export type PropertyAccessType = (typeof PROPERTY_ACCESS_TYPES)[number];
export type PropertyValue = number | boolean | string;

/** `{<location>: {<role>: ["read", "write"]}}`. */
export type PropertyAccess = Partial<Record<PropertyLocation, Partial<Record<PropertyRole, PropertyAccessType[]>>>>;

/** A registered property: its namespace is the owner application's client id. */
export interface PropertyDefinition {
  namespace: string;
  name: string;
  type: PropertyType;
  description?: string;
  access: PropertyAccess;
  domain?: PropertyValue[];
  range?: { from: number; to: number };
  default_value?: PropertyValue;
  /** What other applications may do once published; absent while private. */
  public_access?: PropertyAccessType[];
}

/** `{<namespace>: {<name>: value}}`. */
export type PropertyValues = Record<string, Record<string, PropertyValue>>;
/** `{<namespace>: [names]}`. */
export type PropertyNames = Record<string, string[]>;

/** Longest string or tokenized_string value (the edge's limit for any free text). */
export const MAX_PROPERTY_STRING_LENGTH = 4096;
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** A refusal the API answers with its error type: `validation` (unknown, wrong type, out of domain) or `authorization` (no access). */
export class PropertyRuleError extends Error {
  constructor(
    readonly type: 'validation' | 'authorization',
    message: string,
  ) {
    super(message);
    this.name = 'PropertyRuleError';
  }
}

/**
 * Who reads or writes. Customers are held to the definitions' `customer`
 * access only. Agents act for an application: they reach the namespaces it
 * owns (`owns`), and others' published properties only when `reachesOthers`
 * (the `--all` scopes) and the property was published for that access.
 */
export type PropertyRequester =
  | { role: 'customer' }
  | { role: 'agent'; owns: (namespace: string) => boolean; reachesOthers: boolean };

/** The `test` namespace: every type, read and write for both roles everywhere (data-structures §6.1). */
const TEST_PROPERTIES: readonly PropertyDefinition[] = (['bool', 'int', 'string', 'tokenized_string'] as const).map((type) => ({
  namespace: 'test',
  name: `${type}_property`,
  type,
  description: `Test property of type ${type}`,
  access: Object.fromEntries(PROPERTY_LOCATIONS.map((location) => [location, { agent: ['read', 'write'], customer: ['read', 'write'] }])),
  public_access: ['read', 'write'],
}));

/**
 * Properties of every organization, owned by no application, published for
 * read and write (roles still limit them): `test`, and the defaults of
 * `routing`, `source` and `rating` (data-structures §6.1, ADR 0027).
 */
export const SYSTEM_PROPERTIES: readonly PropertyDefinition[] = [...TEST_PROPERTIES, ...DEFAULT_PROPERTIES];

/** An organization's properties by namespace and name: what it registered, and the system ones. */
export type PropertyCatalog = ReadonlyMap<string, ReadonlyMap<string, PropertyDefinition>>;

export function propertyCatalog(registered: readonly PropertyDefinition[]): PropertyCatalog {
  const catalog = new Map<string, Map<string, PropertyDefinition>>();
  for (const definition of [...SYSTEM_PROPERTIES, ...registered]) {
    const names = catalog.get(definition.namespace) ?? new Map<string, PropertyDefinition>();
    names.set(definition.name, definition);
    catalog.set(definition.namespace, names);
  }
  return catalog;
}

const label = (namespace: string, name: string) => `${namespace}.${name}`;

/** Why `value` does not fit `definition` (type, int32, length, domain, range), or undefined when it does. */
export function valueProblem(definition: Pick<PropertyDefinition, 'type' | 'domain' | 'range'>, value: unknown): string | undefined {
  switch (definition.type) {
    case 'int':
      if (typeof value !== 'number' || !Number.isInteger(value)) return 'must be an integer (type int)';
      if (value < INT32_MIN || value > INT32_MAX) return `must be a 32-bit integer (type int)`;
      break;
    case 'bool':
      if (typeof value !== 'boolean') return 'must be true or false (type bool)';
      break;
    case 'string':
    case 'tokenized_string':
      if (typeof value !== 'string') return `must be a string (type ${definition.type})`;
      if (value.length > MAX_PROPERTY_STRING_LENGTH) return `must be at most ${MAX_PROPERTY_STRING_LENGTH} characters`;
      break;
    default: {
      const unknown: never = definition.type;
      return `has an unknown type ${String(unknown)}`;
    }
  }
  if (definition.domain && !definition.domain.includes(value as PropertyValue)) {
    return `must be one of ${JSON.stringify(definition.domain)}`;
  }
  if (definition.range && ((value as number) < definition.range.from || (value as number) > definition.range.to)) {
    return `must be between ${definition.range.from} and ${definition.range.to}`;
  }
  return undefined;
}

/** Why `requester` may not `access` the property at `location`, or undefined when it may. */
export function accessProblem(
  definition: PropertyDefinition,
  requester: PropertyRequester,
  location: PropertyLocation,
  access: PropertyAccessType,
): string | undefined {
  const granted = definition.access[location]?.[requester.role] ?? [];
  if (!granted.includes(access)) return `the ${requester.role} role has no ${access} access at location ${location}`;
  if (requester.role === 'customer' || requester.owns(definition.namespace)) return undefined;
  if (!definition.public_access?.includes(access)) return `it belongs to another application and is not published for ${access}`;
  if (!requester.reachesOthers) return `it belongs to another application (the --all scope is needed)`;
  return undefined;
}

function definitionOf(catalog: PropertyCatalog, namespace: string, name: string): PropertyDefinition {
  const definition = catalog.get(namespace)?.get(name);
  if (!definition) throw new PropertyRuleError('validation', `properties.${label(namespace, name)}: no such property is registered`);
  return definition;
}

/**
 * Checks every value of an update before anything changes: each property
 * registered (`validation`), writable by the requester at `location`
 * (`authorization`), its value of the right type and in its domain or range
 * (`validation`). Throws {@link PropertyRuleError} for the first that is not.
 */
export function checkPropertyWrites(catalog: PropertyCatalog, requester: PropertyRequester, location: PropertyLocation, values: PropertyValues): void {
  for (const [namespace, names] of Object.entries(values)) {
    for (const [name, value] of Object.entries(names)) {
      const definition = definitionOf(catalog, namespace, name);
      const denied = accessProblem(definition, requester, location, 'write');
      if (denied) throw new PropertyRuleError('authorization', `properties.${label(namespace, name)}: ${denied}`);
      const problem = valueProblem(definition, value);
      if (problem) throw new PropertyRuleError('validation', `properties.${label(namespace, name)}: ${problem}`);
    }
  }
}

/** Checks a deletion (`{ns: [names]}`) like an update, without values: registered, writable. */
export function checkPropertyDeletes(catalog: PropertyCatalog, requester: PropertyRequester, location: PropertyLocation, names: PropertyNames): void {
  for (const [namespace, list] of Object.entries(names)) {
    for (const name of list) {
      const denied = accessProblem(definitionOf(catalog, namespace, name), requester, location, 'write');
      if (denied) throw new PropertyRuleError('authorization', `properties.${label(namespace, name)}: ${denied}`);
    }
  }
}

/** Which listed properties a `list_*_properties` call asks for. `namespace`/`name` exact, the prefixes as prefixes. */
export interface PropertyFilter {
  namespace?: string;
  namespacePrefix?: string;
  name?: string;
  namePrefix?: string;
}

const matches = (filter: PropertyFilter, namespace: string, name: string) =>
  (filter.namespace === undefined || namespace === filter.namespace) &&
  (filter.namespacePrefix === undefined || namespace.startsWith(filter.namespacePrefix)) &&
  (filter.name === undefined || name === filter.name) &&
  (filter.namePrefix === undefined || name.startsWith(filter.namePrefix));

/**
 * What `requester` sees of `values` at `location`: only registered properties
 * it may read, matching `filter`. At `license` and `group`, a property with a
 * `default_value` and no value of its own shows its default.
 */
export function readableProperties(
  catalog: PropertyCatalog,
  requester: PropertyRequester,
  location: PropertyLocation,
  values: PropertyValues,
  filter: PropertyFilter = {},
): PropertyValues {
  const withDefaults = location === 'license' || location === 'group';
  const visible: PropertyValues = {};
  for (const [namespace, names] of catalog) {
    for (const [name, definition] of names) {
      if (!matches(filter, namespace, name) || accessProblem(definition, requester, location, 'read')) continue;
      const own = values[namespace]?.[name];
      const value = own !== undefined ? own : withDefaults ? definition.default_value : undefined;
      if (value === undefined) continue;
      (visible[namespace] ??= {})[name] = value;
    }
  }
  return visible;
}
