import { ConfigurationRuleError } from './agent';
import { decideOrganization, foldOrganization, OrganizationCommand, OrganizationEvent } from './organization';

const organizationCreated: OrganizationEvent = {
  type: 'organization_created',
  data: { organization_id: 'o', license_id: 123456789, name: 'Acme', owner_id: 'boss@acme.com', created_at: 't' },
};
const salesCreated: OrganizationEvent = {
  type: 'group_created',
  data: { id: 1, name: 'Sales', language_code: 'en', agent_priorities: { 'jo@acme.com': 'normal', 'al@acme.com': 'last' } },
};

/** Given these events, when this command is decided: the events it records, or the rule it breaks. */
const given = (...events: OrganizationEvent[]) => ({
  when: (command: OrganizationCommand) => ({
    then: (expected: OrganizationEvent[]) => expect(decideOrganization(foldOrganization(events), command)).toEqual(expected),
    thenFails: (type: ConfigurationRuleError['type']) => {
      let thrown: unknown;
      try {
        decideOrganization(foldOrganization(events), command);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ConfigurationRuleError);
      expect((thrown as ConfigurationRuleError).type).toBe(type);
    },
  }),
});

describe('groups of an organization', () => {
  describe('update_group', () => {
    it('records only the fields that change', () => {
      given(organizationCreated, salesCreated)
        .when({ type: 'update_group', id: 1, changes: { name: 'Sales EU', language_code: 'en' } })
        .then([{ type: 'group_updated', data: { id: 1, name: 'Sales EU' } }]);
    });

    it('replaces the agent priorities as a whole', () => {
      given(organizationCreated, salesCreated)
        .when({ type: 'update_group', id: 1, changes: { agent_priorities: { 'kim@acme.com': 'normal' } } })
        .then([{ type: 'group_updated', data: { id: 1, agent_priorities: { 'kim@acme.com': 'normal' } } }]);
    });

    it('records nothing when nothing changes, the priorities given in another order included', () => {
      given(organizationCreated, salesCreated)
        .when({ type: 'update_group', id: 1, changes: { name: 'Sales', agent_priorities: { 'al@acme.com': 'last', 'jo@acme.com': 'normal' } } })
        .then([]);
    });

    it('is applied to the group: a later update compares with the updated group', () => {
      given(organizationCreated, salesCreated, { type: 'group_updated', data: { id: 1, name: 'Sales EU' } })
        .when({ type: 'update_group', id: 1, changes: { name: 'Sales EU' } })
        .then([]);
    });

    it('refuses priorities without a normal member', () => {
      given(organizationCreated, salesCreated)
        .when({ type: 'update_group', id: 1, changes: { agent_priorities: { 'jo@acme.com': 'first' } } })
        .thenFails('validation');
    });

    it('renames group 0 but does not give it members', () => {
      given(organizationCreated)
        .when({ type: 'update_group', id: 0, changes: { name: 'Everyone' } })
        .then([{ type: 'group_updated', data: { id: 0, name: 'Everyone' } }]);
      given(organizationCreated)
        .when({ type: 'update_group', id: 0, changes: { agent_priorities: { 'jo@acme.com': 'normal' } } })
        .thenFails('validation');
    });

    it('refuses an unknown or deleted group with group_not_found', () => {
      given(organizationCreated).when({ type: 'update_group', id: 7, changes: { name: 'X' } }).thenFails('group_not_found');
      given(organizationCreated, salesCreated, { type: 'group_deleted', data: { id: 1 } })
        .when({ type: 'update_group', id: 1, changes: { name: 'X' } })
        .thenFails('group_not_found');
    });
  });

  describe('delete_group', () => {
    it('deletes a group', () => {
      given(organizationCreated, salesCreated).when({ type: 'delete_group', id: 1 }).then([{ type: 'group_deleted', data: { id: 1 } }]);
    });

    it('never deletes group 0', () => {
      given(organizationCreated, salesCreated).when({ type: 'delete_group', id: 0 }).thenFails('validation');
    });

    it('refuses an unknown group, or one deleted already, with group_not_found', () => {
      given(organizationCreated).when({ type: 'delete_group', id: 3 }).thenFails('group_not_found');
      given(organizationCreated, salesCreated, { type: 'group_deleted', data: { id: 1 } }).when({ type: 'delete_group', id: 1 }).thenFails('group_not_found');
    });

    it('does not give a deleted group id to a new group', () => {
      given(organizationCreated, salesCreated, { type: 'group_deleted', data: { id: 1 } })
        .when({ type: 'create_group', name: 'Support', agent_priorities: { 'jo@acme.com': 'normal' } })
        .then([{ type: 'group_created', data: { id: 2, name: 'Support', language_code: 'en', agent_priorities: { 'jo@acme.com': 'normal' } } }]);
    });
  });

  it('refuses group changes in an organization that does not exist', () => {
    given().when({ type: 'delete_group', id: 1 }).thenFails('not_found');
  });
});
