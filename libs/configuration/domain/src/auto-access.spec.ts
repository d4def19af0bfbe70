import { ConfigurationRuleError } from './agent';
import {
  AutoAccessCommand,
  AutoAccessEvent,
  decideAutoAccess,
  evolveAutoAccess,
  foldAutoAccess,
  MAX_AUTO_ACCESSES,
} from './auto-access';

const GROUPS = [0, 1, 2];
const chile = { geolocation: { values: [{ country: 'Chile' }] } };
const added = (id: string, next_id?: string): AutoAccessEvent => ({
  type: 'auto_access_added',
  data: { id, access: { groups: [1] }, conditions: chile, ...(next_id && { next_id }) },
});
const add = (id: string, extra: Partial<Extract<AutoAccessCommand, { type: 'add_auto_access' }>> = {}): AutoAccessCommand => ({
  type: 'add_auto_access',
  id,
  access: { groups: [1] },
  conditions: chile,
  group_ids: GROUPS,
  ...extra,
});
const update = (id: string, changes: Extract<AutoAccessCommand, { type: 'update_auto_access' }>['changes']): AutoAccessCommand => ({
  type: 'update_auto_access',
  id,
  changes,
  group_ids: GROUPS,
});

/** A→B→C→D */
const fourRules = [added('A'), added('B'), added('C'), added('D')];

/** The list order after these events, then those the command records. */
const orderAfter = (events: AutoAccessEvent[], command: AutoAccessCommand) => {
  const state = foldAutoAccess(events);
  const recorded = decideAutoAccess(state, command);
  return recorded.reduce(evolveAutoAccess, state ?? { rules: [] }).rules.map((r) => r.id).join('');
};

const failure = (events: AutoAccessEvent[], command: AutoAccessCommand): ConfigurationRuleError => {
  try {
    decideAutoAccess(foldAutoAccess(events), command);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationRuleError);
    return error as ConfigurationRuleError;
  }
  throw new Error(`${command.type} was accepted`);
};

describe('auto access rules of an organization', () => {
  describe('add_auto_access', () => {
    it('records the whole rule, with the rule it is placed before', () => {
      expect(decideAutoAccess(foldAutoAccess(fourRules), add('E', { description: 'Chile', next_id: 'B' }))).toEqual([
        { type: 'auto_access_added', data: { id: 'E', description: 'Chile', access: { groups: [1] }, conditions: chile, next_id: 'B' } },
      ]);
    });

    it('appends by default, and inserts before next_id', () => {
      expect(orderAfter(fourRules, add('E'))).toBe('ABCDE');
      expect(orderAfter(fourRules, add('E', { next_id: '' }))).toBe('ABCDE');
      expect(orderAfter(fourRules, add('E', { next_id: 'A' }))).toBe('EABCD');
      expect(orderAfter(fourRules, add('E', { next_id: 'C' }))).toBe('ABECD');
    });

    it('refuses a next_id that names no rule', () => {
      expect(failure(fourRules, add('E', { next_id: 'Z' })).type).toBe('not_found');
    });

    it('refuses groups the organization does not have, and an empty group list', () => {
      expect(failure([], add('E', { access: { groups: [1, 7] } }))).toMatchObject({ type: 'group_not_found', message: 'access.groups: group 7 not found' });
      expect(failure([], add('E', { access: { groups: [] } }))).toMatchObject({ type: 'validation', message: 'access.groups: must not be empty' });
    });

    it(`refuses a rule beyond the ${MAX_AUTO_ACCESSES} an organization may have`, () => {
      const full = Array.from({ length: MAX_AUTO_ACCESSES }, (_, i) => added(`R${i}`));
      expect(failure(full, add('E')).type).toBe('limit_reached');
      const oneDeleted: AutoAccessEvent[] = [...full, { type: 'auto_access_deleted', data: { id: 'R5' } }];
      expect(decideAutoAccess(foldAutoAccess(oneDeleted), add('E'))).toHaveLength(1);
    });

    it('never gives an id twice', () => {
      expect(failure(fourRules, add('B')).type).toBe('already_exists');
    });
  });

  describe('update_auto_access', () => {
    it('moves the rule before next_id: A→B→C→D with {id: C, next_id: B} gives A→C→B→D', () => {
      expect(decideAutoAccess(foldAutoAccess(fourRules), update('C', { next_id: 'B' }))).toEqual([
        { type: 'auto_access_updated', data: { id: 'C', next_id: 'B' } },
      ]);
      expect(orderAfter(fourRules, update('C', { next_id: 'B' }))).toBe('ACBD');
      expect(orderAfter(fourRules, update('A', { next_id: 'D' }))).toBe('BCAD');
      expect(orderAfter(fourRules, update('D', { next_id: 'A' }))).toBe('DABC');
    });

    it('moves the rule to the end with an empty next_id', () => {
      expect(orderAfter(fourRules, update('A', { next_id: '' }))).toBe('BCDA');
    });

    it('overwrites only the given fields and records only what changed', () => {
      const url = { values: [{ value: 'example.com/pricing', exact_match: true }] };
      const state = foldAutoAccess(fourRules);
      const recorded = decideAutoAccess(state, update('B', { description: 'Pricing', conditions: { url }, access: { groups: [1] } }));
      expect(recorded).toEqual([{ type: 'auto_access_updated', data: { id: 'B', description: 'Pricing', conditions: { url } } }]);
      expect(recorded.reduce(evolveAutoAccess, state ?? { rules: [] }).rules[1]).toEqual({
        id: 'B',
        description: 'Pricing',
        access: { groups: [1] },
        conditions: { url },
      });
    });

    it('records nothing when nothing changes, the place included', () => {
      expect(decideAutoAccess(foldAutoAccess(fourRules), update('B', { next_id: 'C', access: { groups: [1] }, conditions: chile }))).toEqual([]);
      expect(decideAutoAccess(foldAutoAccess(fourRules), update('D', { next_id: '' }))).toEqual([]);
    });

    it('refuses unknown rules, unknown next rules, a rule placed before itself and unknown groups', () => {
      expect(failure(fourRules, update('Z', { description: 'x' })).type).toBe('not_found');
      expect(failure(fourRules, update('B', { next_id: 'Z' })).type).toBe('not_found');
      expect(failure(fourRules, update('B', { next_id: 'B' })).type).toBe('validation');
      expect(failure(fourRules, update('B', { access: { groups: [9] } })).type).toBe('group_not_found');
    });
  });

  describe('delete_auto_access', () => {
    it('removes the rule and keeps the others in order', () => {
      expect(orderAfter(fourRules, { type: 'delete_auto_access', id: 'B' })).toBe('ACD');
    });

    it('refuses an unknown rule, a deleted one included', () => {
      const deleted: AutoAccessEvent[] = [...fourRules, { type: 'auto_access_deleted', data: { id: 'B' } }];
      expect(failure(deleted, { type: 'delete_auto_access', id: 'B' }).type).toBe('not_found');
      expect(failure([], { type: 'delete_auto_access', id: 'A' }).type).toBe('not_found');
    });
  });
});
