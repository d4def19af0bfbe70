import { AgentProfile, ConfigurationRuleError, decideAgent, foldAgent } from './agent';
import { decideOrganization, foldOrganization } from './organization';

const profile: AgentProfile = {
  id: 'jo@example.com',
  name: 'Jo',
  role: 'normal',
  login_status: 'accepting chats',
  max_chats_count: 6,
  awaiting_approval: false,
  groups: [{ id: 0, priority: 'normal' }],
};

const fails = (run: () => unknown, type: string) => {
  expect(run).toThrow(ConfigurationRuleError);
  try {
    run();
  } catch (error) {
    expect((error as ConfigurationRuleError).type).toBe(type);
  }
};

describe('agents', () => {
  const created = decideAgent(undefined, { type: 'create_agent', profile });

  it('are created once; a second create is already_exists', () => {
    expect(created).toEqual([{ type: 'agent_created', data: profile }]);
    fails(() => decideAgent(foldAgent(created), { type: 'create_agent', profile }), 'already_exists');
  });

  it('record only the fields an update really changes', () => {
    expect(decideAgent(foldAgent(created), { type: 'update_agent', id: profile.id, changes: { name: 'Jo', max_chats_count: 3 } })).toEqual([
      { type: 'agent_updated', data: { id: profile.id, max_chats_count: 3 } },
    ]);
  });

  it('once deleted, cannot be updated, but can be created again', () => {
    const deleted = [...created, ...decideAgent(foldAgent(created), { type: 'delete_agent', id: profile.id })];
    fails(() => decideAgent(foldAgent(deleted), { type: 'update_agent', id: profile.id, changes: { name: 'X' } }), 'not_found');
    expect(decideAgent(foldAgent(deleted), { type: 'create_agent', profile })).toHaveLength(1);
  });

  it('start offline and record routing status changes, not repeats', () => {
    const state = foldAgent(created)!;
    expect(state.routing_status).toBe('offline');
    const set = decideAgent(state, { type: 'set_routing_status', id: profile.id, status: 'accepting_chats' });
    expect(set).toEqual([{ type: 'routing_status_set', data: { agent_id: profile.id, status: 'accepting_chats' } }]);
    expect(decideAgent(foldAgent([...created, ...set]), { type: 'set_routing_status', id: profile.id, status: 'accepting_chats' })).toEqual([]);
  });
});

describe('organizations and groups', () => {
  const org = decideOrganization(undefined, { type: 'create_organization', organization_id: 'o', name: 'Acme', owner_id: 'boss@acme.com', now: 't' });

  it('start with group 0 and number new groups after it', () => {
    const state = foldOrganization(org)!;
    expect(state.groups.map((g) => g.id)).toEqual([0]);
    const group = decideOrganization(state, { type: 'create_group', name: 'Sales', agent_priorities: { 'jo@example.com': 'normal' } });
    expect(group).toEqual([
      { type: 'group_created', data: { id: 1, name: 'Sales', language_code: 'en', agent_priorities: { 'jo@example.com': 'normal' } } },
    ]);
  });

  it('refuse a group without a normal member', () => {
    fails(() => decideOrganization(foldOrganization(org), { type: 'create_group', name: 'Bots', agent_priorities: { b: 'first' } }), 'validation');
  });
});
