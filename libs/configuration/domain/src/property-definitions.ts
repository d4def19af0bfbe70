import { ConfigurationRuleError } from './agent';
import { PropertyAccessType, PropertyDefinition, PROPERTY_LOCATIONS, valueProblem } from './property-rules';

/**
 * The properties an organization's applications registered: stream
 * `properties-<organizationId>`. A property's namespace is its owner's client id.
 */
export type PropertyDefinitionEvent =
  | { type: 'property_registered'; data: PropertyDefinition & { registered_at: string } }
  | { type: 'property_unregistered'; data: { namespace: string; name: string } }
  /** `public_access`: everything other applications may do now (publishing only ever adds). */
  | { type: 'property_published'; data: { namespace: string; name: string; public_access: PropertyAccessType[] } };

export type PropertyDefinitionCommand =
  | { type: 'register_property'; definition: Omit<PropertyDefinition, 'public_access'>; now: string }
  | { type: 'unregister_property'; namespace: string; name: string }
  | { type: 'publish_property'; namespace: string; name: string; access_type: PropertyAccessType[] };

/** Registered properties, in registration order. */
export type PropertyDefinitionsState = PropertyDefinition[];

/** Most properties one application may register. */
export const MAX_PROPERTIES_PER_NAMESPACE = 200;

export function evolvePropertyDefinitions(state: PropertyDefinitionsState, event: PropertyDefinitionEvent): PropertyDefinitionsState {
  switch (event.type) {
    case 'property_registered': {
      const { registered_at: _at, ...definition } = event.data;
      return [...state, definition];
    }
    case 'property_unregistered':
      return state.filter((d) => !same(d, event.data));
    case 'property_published':
      return state.map((d) => (same(d, event.data) ? { ...d, public_access: event.data.public_access } : d));
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

export const foldPropertyDefinitions = (events: readonly PropertyDefinitionEvent[]): PropertyDefinitionsState =>
  events.reduce(evolvePropertyDefinitions, [] as PropertyDefinitionsState);

export function decidePropertyDefinitions(state: PropertyDefinitionsState, command: PropertyDefinitionCommand): PropertyDefinitionEvent[] {
  switch (command.type) {
    case 'register_property':
      return registerProperty(state, command);
    case 'unregister_property': {
      const definition = existing(state, command);
      if (definition.public_access) {
        throw new ConfigurationRuleError('validation', `name: ${command.name} is published, and a published property cannot be unregistered`);
      }
      return [{ type: 'property_unregistered', data: { namespace: command.namespace, name: command.name } }];
    }
    case 'publish_property': {
      const was = existing(state, command).public_access ?? [];
      const now = (['read', 'write'] as const).filter((a) => was.includes(a) || command.access_type.includes(a));
      if (now.length === was.length) return [];
      return [{ type: 'property_published', data: { namespace: command.namespace, name: command.name, public_access: now } }];
    }
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}

const same = (a: { namespace: string; name: string }, b: { namespace: string; name: string }) =>
  a.namespace === b.namespace && a.name === b.name;

function existing(state: PropertyDefinitionsState, key: { namespace: string; name: string }): PropertyDefinition {
  const definition = state.find((d) => same(d, key));
  if (!definition) throw new ConfigurationRuleError('not_found', `name: no property ${key.name} is registered for ${key.namespace}`);
  return definition;
}

function registerProperty(
  state: PropertyDefinitionsState,
  { definition, now }: Extract<PropertyDefinitionCommand, { type: 'register_property' }>,
): PropertyDefinitionEvent[] {
  if (state.some((d) => same(d, definition))) {
    throw new ConfigurationRuleError('already_exists', `name: ${definition.name} is already registered for ${definition.namespace}`);
  }
  if (state.filter((d) => d.namespace === definition.namespace).length >= MAX_PROPERTIES_PER_NAMESPACE) {
    throw new ConfigurationRuleError('limit_reached', `An application can register at most ${MAX_PROPERTIES_PER_NAMESPACE} properties`);
  }
  const problem = definitionProblem(definition);
  if (problem) throw new ConfigurationRuleError('validation', problem);
  return [{ type: 'property_registered', data: { ...normalized(definition), registered_at: now } }];
}

/** Why a definition cannot be registered (access, domain, range, default value), or undefined. */
export function definitionProblem(definition: Omit<PropertyDefinition, 'public_access'>): string | undefined {
  const locations = Object.entries(definition.access).filter(([, roles]) => roles !== undefined);
  if (locations.length === 0) return 'access: at least one location is required';
  for (const [location, roles] of locations) {
    const granted = Object.entries(roles ?? {}).filter(([, types]) => types !== undefined);
    if (granted.length === 0) return `access.${location}: at least one role is required`;
    for (const [role, types] of granted) if (types!.length === 0) return `access.${location}.${role}: read, write or both`;
  }
  const { type, domain, range, default_value: defaultValue } = definition;
  if (domain !== undefined && range !== undefined) return 'domain and range cannot both be given (one domain per property)';
  if (domain !== undefined) {
    if (domain.length === 0) return 'domain: at least one value is required';
    const wrong = domain.find((value) => valueProblem({ type }, value));
    if (wrong !== undefined) return `domain: ${JSON.stringify(wrong)} ${valueProblem({ type }, wrong)}`;
  }
  if (range !== undefined) {
    if (type !== 'int') return 'range: only int properties have a range';
    if (range.from > range.to) return 'range: from must not be greater than to';
  }
  if (defaultValue !== undefined) {
    if (!definition.access.license && !definition.access.group) return 'default_value: only properties at the license or group location have a default';
    const problem = valueProblem(definition, defaultValue);
    if (problem) return `default_value: ${problem}`;
  }
  return undefined;
}

/** Access lists without repeats, locations in the spec's order; a domain without repeats. */
function normalized(definition: Omit<PropertyDefinition, 'public_access'>): Omit<PropertyDefinition, 'public_access'> {
  const access: PropertyDefinition['access'] = {};
  for (const location of PROPERTY_LOCATIONS) {
    const roles = definition.access[location];
    if (!roles) continue;
    access[location] = Object.fromEntries(
      Object.entries(roles)
        .filter(([, types]) => types !== undefined)
        .map(([role, types]) => [role, (['read', 'write'] as const).filter((a) => types!.includes(a))]),
    );
  }
  const result = { ...definition, access };
  if (definition.domain) result.domain = [...new Set(definition.domain)];
  return Object.fromEntries(Object.entries(result).filter(([, v]) => v !== undefined)) as typeof result;
}
