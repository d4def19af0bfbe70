import {
  accessProblem,
  checkPropertyDeletes,
  checkPropertyWrites,
  PropertyDefinition,
  PropertyRequester,
  PropertyRuleError,
  propertyCatalog,
  PropertyValues,
  readableProperties,
  valueProblem,
} from './property-rules';

const MINE = 'a'.repeat(32);
const THEIRS = 'b'.repeat(32);

const level: PropertyDefinition = {
  namespace: MINE,
  name: 'level',
  type: 'int',
  access: { license: { agent: ['read', 'write'], customer: ['read'] }, chat: { agent: ['read'] } },
  range: { from: 1, to: 10 },
  default_value: 5,
};
const colour: PropertyDefinition = {
  namespace: MINE,
  name: 'colour',
  type: 'string',
  access: { license: { agent: ['read', 'write'] }, group: { agent: ['read', 'write'], customer: ['read'] } },
  domain: ['red', 'green'],
};
const secret: PropertyDefinition = { namespace: MINE, name: 'secret', type: 'string', access: { license: { agent: ['read'] } } };
const shared: PropertyDefinition = {
  namespace: THEIRS,
  name: 'shared',
  type: 'bool',
  access: { license: { agent: ['read', 'write'] } },
  public_access: ['read'],
};
const hidden: PropertyDefinition = { namespace: THEIRS, name: 'hidden', type: 'bool', access: { license: { agent: ['read', 'write'] } } };

const catalog = propertyCatalog([level, colour, secret, shared, hidden]);
const agent = (reachesOthers = true): PropertyRequester => ({ role: 'agent', owns: (ns) => ns === MINE, reachesOthers });
const customer: PropertyRequester = { role: 'customer' };

function refusal(check: () => void): { type: string; message: string } | undefined {
  try {
    check();
  } catch (error) {
    expect(error).toBeInstanceOf(PropertyRuleError);
    return { type: (error as PropertyRuleError).type, message: (error as Error).message };
  }
  return undefined;
}

describe('a property value against its definition', () => {
  it.each([
    ['int', 7, undefined],
    ['int', 7.5, 'must be an integer (type int)'],
    ['int', '7', 'must be an integer (type int)'],
    ['int', 2 ** 31, 'must be a 32-bit integer (type int)'],
    ['int', -(2 ** 31), undefined],
    ['bool', false, undefined],
    ['bool', 'true', 'must be true or false (type bool)'],
    ['string', 'hello', undefined],
    ['string', 1, 'must be a string (type string)'],
    ['tokenized_string', 'many words of text', undefined],
    ['tokenized_string', true, 'must be a string (type tokenized_string)'],
    ['string', 'x'.repeat(4097), 'must be at most 4096 characters'],
  ] as const)('%s %j: %s', (type, value, problem) => {
    expect(valueProblem({ type }, value)).toBe(problem);
  });

  it('keeps a value inside its domain or range', () => {
    expect(valueProblem(colour, 'red')).toBeUndefined();
    expect(valueProblem(colour, 'blue')).toBe('must be one of ["red","green"]');
    expect(valueProblem(level, 10)).toBeUndefined();
    expect(valueProblem(level, 11)).toBe('must be between 1 and 10');
    expect(valueProblem(level, 0)).toBe('must be between 1 and 10');
  });
});

describe('who may read and write a property', () => {
  it('follows the access of the role at the location', () => {
    expect(accessProblem(level, agent(), 'license', 'write')).toBeUndefined();
    expect(accessProblem(level, agent(), 'chat', 'write')).toBe('the agent role has no write access at location chat');
    expect(accessProblem(level, agent(), 'group', 'read')).toBe('the agent role has no read access at location group');
    expect(accessProblem(level, customer, 'license', 'read')).toBeUndefined();
    expect(accessProblem(level, customer, 'license', 'write')).toBe('the customer role has no write access at location license');
  });

  it("reaches another application's property only once published for that access, and only with the --all scope", () => {
    expect(accessProblem(shared, agent(), 'license', 'read')).toBeUndefined();
    expect(accessProblem(shared, agent(), 'license', 'write')).toMatch(/not published for write/);
    expect(accessProblem(shared, agent(false), 'license', 'read')).toMatch(/--all scope/);
    expect(accessProblem(hidden, agent(), 'license', 'read')).toMatch(/not published for read/);
  });

  it('lets everyone read and write the test namespace everywhere', () => {
    for (const location of ['chat', 'thread', 'event', 'license', 'group'] as const) {
      expect(refusal(() => checkPropertyWrites(catalog, customer, location, { test: { int_property: 1, bool_property: true } }))).toBeUndefined();
      expect(refusal(() => checkPropertyWrites(catalog, agent(), location, { test: { string_property: 's', tokenized_string_property: 't' } }))).toBeUndefined();
    }
    expect(refusal(() => checkPropertyWrites(catalog, agent(false), 'license', { test: { int_property: 1 } }))?.type).toBe('authorization');
  });
});

describe('checking an update or a deletion', () => {
  it('accepts registered, writable, fitting values', () => {
    expect(refusal(() => checkPropertyWrites(catalog, agent(), 'license', { [MINE]: { level: 3, colour: 'green' } }))).toBeUndefined();
    expect(refusal(() => checkPropertyDeletes(catalog, agent(), 'license', { [MINE]: ['level', 'colour'] }))).toBeUndefined();
  });

  it.each([
    ['an unknown property', { [MINE]: { nope: 1 } }, 'validation', /no such property is registered/],
    ['an unknown namespace', { ['c'.repeat(32)]: { level: 1 } }, 'validation', /no such property is registered/],
    ['a wrong type', { [MINE]: { level: 'high' } }, 'validation', /must be an integer/],
    ['a value outside the range', { [MINE]: { level: 99 } }, 'validation', /must be between 1 and 10/],
    ['a value outside the domain', { [MINE]: { colour: 'blue' } }, 'validation', /must be one of/],
    ['a read-only property', { [MINE]: { secret: 'x' } }, 'authorization', /no write access at location license/],
    ['a property published for reading only', { [THEIRS]: { shared: true } }, 'authorization', /not published for write/],
  ])('refuses %s', (_, values, type, message) => {
    const refused = refusal(() => checkPropertyWrites(catalog, agent(), 'license', values));
    expect(refused?.type).toBe(type);
    expect(refused?.message).toMatch(message);
  });

  it('refuses the whole update when any one value is refused', () => {
    expect(refusal(() => checkPropertyWrites(catalog, agent(), 'license', { [MINE]: { level: 2, colour: 'blue' } }))?.type).toBe('validation');
  });

  it('refuses deleting what is unknown or not writable', () => {
    expect(refusal(() => checkPropertyDeletes(catalog, agent(), 'license', { [MINE]: ['nope'] }))?.type).toBe('validation');
    expect(refusal(() => checkPropertyDeletes(catalog, agent(), 'license', { [MINE]: ['secret'] }))?.type).toBe('authorization');
    expect(refusal(() => checkPropertyDeletes(catalog, customer, 'license', { [MINE]: ['level'] }))?.type).toBe('authorization');
  });
});

describe('listing values', () => {
  const stored: PropertyValues = { [MINE]: { colour: 'red', secret: 's' }, [THEIRS]: { shared: true, hidden: false }, test: { int_property: 4 }, gone: { old: 1 } };

  it('shows what the requester may read, with defaults at the license, and nothing unregistered', () => {
    expect(readableProperties(catalog, agent(), 'license', stored)).toEqual({
      [MINE]: { level: 5, colour: 'red', secret: 's' },
      [THEIRS]: { shared: true },
      test: { int_property: 4 },
    });
  });

  it('shows a customer only what its role may read', () => {
    expect(readableProperties(catalog, customer, 'license', stored)).toEqual({ [MINE]: { level: 5 }, test: { int_property: 4 } });
    expect(readableProperties(catalog, customer, 'group', { [MINE]: { colour: 'green' } })).toEqual({ [MINE]: { colour: 'green' } });
  });

  it('filters by namespace, namespace prefix, name and name prefix', () => {
    expect(readableProperties(catalog, agent(), 'license', stored, { namespace: MINE, namePrefix: 'l' })).toEqual({ [MINE]: { level: 5 } });
    expect(readableProperties(catalog, agent(), 'license', stored, { namespacePrefix: 'te' })).toEqual({ test: { int_property: 4 } });
    expect(readableProperties(catalog, agent(), 'license', stored, { name: 'secret' })).toEqual({ [MINE]: { secret: 's' } });
    expect(readableProperties(catalog, agent(), 'license', stored, { namespace: 'nobody' })).toEqual({});
  });

  it('gives no defaults outside license and group', () => {
    expect(readableProperties(catalog, agent(), 'chat', {})).toEqual({});
  });
});
