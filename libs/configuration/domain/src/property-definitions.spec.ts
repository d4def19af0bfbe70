import { ConfigurationRuleError } from './agent';
import {
  decidePropertyDefinitions,
  foldPropertyDefinitions,
  MAX_PROPERTIES_PER_NAMESPACE,
  PropertyDefinitionCommand,
  PropertyDefinitionEvent,
} from './property-definitions';
import { decidePropertyValues } from './property-values';
import { PropertyRuleError, propertyCatalog } from './property-rules';

const APP = 'a'.repeat(32);
const NOW = '2026-01-01T00:00:00.000Z';
const levelDefinition = {
  namespace: APP,
  name: 'level',
  type: 'int' as const,
  access: { license: { agent: ['read' as const, 'write' as const] } },
  range: { from: 1, to: 10 },
  default_value: 5,
};
const registered: PropertyDefinitionEvent = { type: 'property_registered', data: { ...levelDefinition, registered_at: NOW } };
const register = (definition: Record<string, unknown>): PropertyDefinitionCommand => ({
  type: 'register_property',
  definition: { namespace: APP, name: 'p', type: 'int', access: { license: { agent: ['read'] } }, ...definition } as never,
  now: NOW,
});

/** Given these events, when this command is decided: the events it records, or the rule it breaks. */
const given = (...events: PropertyDefinitionEvent[]) => ({
  when: (command: PropertyDefinitionCommand) => ({
    then: (expected: PropertyDefinitionEvent[]) => expect(decidePropertyDefinitions(foldPropertyDefinitions(events), command)).toEqual(expected),
    thenFails: (type: ConfigurationRuleError['type'], message?: RegExp) => {
      let thrown: unknown;
      try {
        decidePropertyDefinitions(foldPropertyDefinitions(events), command);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ConfigurationRuleError);
      expect((thrown as ConfigurationRuleError).type).toBe(type);
      if (message) expect((thrown as Error).message).toMatch(message);
    },
  }),
});

describe('registering properties', () => {
  it('records the definition, its access without repeats', () => {
    given()
      .when(register({ name: 'colour', type: 'string', access: { group: { customer: ['read', 'read'] }, license: { agent: ['write', 'read'] } }, domain: ['a', 'b', 'a'] }))
      .then([
        {
          type: 'property_registered',
          data: {
            namespace: APP,
            name: 'colour',
            type: 'string',
            access: { license: { agent: ['read', 'write'] }, group: { customer: ['read'] } },
            domain: ['a', 'b'],
            registered_at: NOW,
          },
        },
      ]);
  });

  it('refuses a name already registered by the application', () => {
    given(registered).when(register({ name: 'level' })).thenFails('already_exists');
  });

  it('lets another application register the same name', () => {
    const other = register({ name: 'level' }) as Extract<PropertyDefinitionCommand, { type: 'register_property' }>;
    expect(decidePropertyDefinitions(foldPropertyDefinitions([registered]), { ...other, definition: { ...other.definition, namespace: 'b'.repeat(32) } })).toHaveLength(1);
  });

  it.each([
    ['no location', { access: {} }, /at least one location/],
    ['a location without roles', { access: { chat: {} } }, /access.chat: at least one role/],
    ['a role without access', { access: { chat: { agent: [] } } }, /read, write or both/],
    ['both a domain and a range', { domain: [1], range: { from: 1, to: 2 } }, /cannot both be given/],
    ['an empty domain', { domain: [] }, /at least one value/],
    ['a domain of the wrong type', { domain: [1, 'two'] }, /domain: "two" must be an integer/],
    ['a range on a string', { type: 'string', range: { from: 1, to: 2 } }, /only int properties/],
    ['a backwards range', { range: { from: 3, to: 2 } }, /from must not be greater/],
    ['a default outside its range', { range: { from: 1, to: 2 }, default_value: 3 }, /default_value: must be between 1 and 2/],
    ['a default of the wrong type', { default_value: true }, /default_value: must be an integer/],
    ['a default outside license and group', { access: { chat: { agent: ['read'] } }, default_value: 1 }, /only properties at the license or group/],
  ])('refuses %s', (_, definition, message) => {
    given().when(register(definition)).thenFails('validation', message);
  });

  it(`stops at ${MAX_PROPERTIES_PER_NAMESPACE} properties per application`, () => {
    const many = Array.from({ length: MAX_PROPERTIES_PER_NAMESPACE }, (_, i): PropertyDefinitionEvent => ({
      type: 'property_registered',
      data: { ...levelDefinition, name: `p${i}`, registered_at: NOW },
    }));
    given(...many).when(register({ name: 'one_more' })).thenFails('limit_reached');
  });
});

describe('publishing and unregistering', () => {
  const publish = (access_type: Array<'read' | 'write'>): PropertyDefinitionCommand => ({ type: 'publish_property', namespace: APP, name: 'level', access_type });
  const published: PropertyDefinitionEvent = { type: 'property_published', data: { namespace: APP, name: 'level', public_access: ['read'] } };

  it('publishes, and a later publication only adds access', () => {
    given(registered).when(publish(['read'])).then([published]);
    given(registered, published).when(publish(['write'])).then([{ ...published, data: { ...published.data, public_access: ['read', 'write'] } }]);
    given(registered, published).when(publish(['read'])).then([]);
  });

  it('unregisters a private property, never a published one', () => {
    given(registered).when({ type: 'unregister_property', namespace: APP, name: 'level' }).then([{ type: 'property_unregistered', data: { namespace: APP, name: 'level' } }]);
    given(registered, published).when({ type: 'unregister_property', namespace: APP, name: 'level' }).thenFails('validation', /published/);
  });

  it('answers not_found for a property that is not registered (any more)', () => {
    const unregistered: PropertyDefinitionEvent = { type: 'property_unregistered', data: { namespace: APP, name: 'level' } };
    given(registered, unregistered).when(publish(['read'])).thenFails('not_found');
    given(registered, unregistered).when({ type: 'unregister_property', namespace: APP, name: 'level' }).thenFails('not_found');
    given(registered).when({ type: 'unregister_property', namespace: 'b'.repeat(32), name: 'level' }).thenFails('not_found');
  });
});

describe('license and group values', () => {
  const catalog = propertyCatalog(foldPropertyDefinitions([registered]));
  const owner = { role: 'agent' as const, owns: (ns: string) => ns === APP, reachesOthers: true };

  it('records only non-empty changes', () => {
    expect(decidePropertyValues(catalog, owner, { type: 'update_license_properties', properties: { [APP]: { level: 2 }, test: {} } })).toEqual([
      { type: 'license_properties_updated', data: { properties: { [APP]: { level: 2 } } } },
    ]);
    expect(decidePropertyValues(catalog, owner, { type: 'update_license_properties', properties: {} })).toEqual([]);
    expect(decidePropertyValues(catalog, owner, { type: 'delete_license_properties', properties: { [APP]: [] } })).toEqual([]);
    expect(decidePropertyValues(catalog, owner, { type: 'delete_license_properties', properties: { [APP]: ['level', 'level'] } })).toEqual([
      { type: 'license_properties_deleted', data: { properties: { [APP]: ['level'] } } },
    ]);
  });

  it('refuses values the rules refuse, recording nothing', () => {
    expect(() => decidePropertyValues(catalog, owner, { type: 'update_license_properties', properties: { [APP]: { level: 11 } } })).toThrow(PropertyRuleError);
  });
});
