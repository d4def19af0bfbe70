import { AgentProfile, ConfigurationRuleError, decideAgent, foldAgent, MAX_PERSONAL_ACCESS_TOKENS } from './agent';
import { mayGrantRole, outranks } from './roles';
import { MAX_APPLICATIONS } from './applications';
import { decideOrganization, foldOrganization, legacyLicenseId } from './organization';

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
  const org = decideOrganization(undefined, {
    type: 'create_organization',
    organization_id: 'o',
    license_id: 123456789,
    name: 'Acme',
    owner_id: 'boss@acme.com',
    now: 't',
  });

  it('keep the license id they were created with', () => {
    expect(org[0]).toMatchObject({ type: 'organization_created', data: { organization_id: 'o', license_id: 123456789 } });
  });

  it('give an organization created before license ids a 9-digit one derived from its id, the same every time', () => {
    const id = '0a1b2c3d-0000-4000-8000-000000000000';
    expect(legacyLicenseId(id)).toBe((0x0a1b2c3d % 900_000_000) + 100_000_000);
    expect(legacyLicenseId(id)).toBe(legacyLicenseId(id));
    for (const other of ['ffffffff-ffff-4fff-bfff-ffffffffffff', '00000000-0000-4000-8000-000000000000']) {
      expect(legacyLicenseId(other)).toBeGreaterThanOrEqual(100_000_000);
      expect(legacyLicenseId(other)).toBeLessThanOrEqual(999_999_999);
    }
  });

  it('register applications up to a limit', () => {
    let events = decideOrganization(undefined, { type: 'create_organization', organization_id: 'o', license_id: 123456789, name: 'Acme', owner_id: 'a@b.c', now: 'now' });
    for (let n = 0; n < MAX_APPLICATIONS; n++) {
      events = [...events, ...decideOrganization(foldOrganization(events), { type: 'create_application', client_id: `c${n}`, name: `app ${n}`, now: 'now' })];
    }
    expect(foldOrganization(events)?.applications[0]).toEqual({ client_id: 'c0', name: 'app 0' });
    fails(() => decideOrganization(foldOrganization(events), { type: 'create_application', client_id: 'x', name: 'x', now: 'now' }), 'limit_reached');
  });

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

describe('agent access', () => {
  const created = decideAgent(undefined, { type: 'create_agent', profile });
  const then = (events: ReturnType<typeof decideAgent>, command: Parameters<typeof decideAgent>[1]) => [
    ...events,
    ...decideAgent(foldAgent(events), command),
  ];

  it('an agent awaiting approval is approved once; approving an approved agent changes nothing; an unknown one is not found', () => {
    const waiting = decideAgent(undefined, { type: 'create_agent', profile: { ...profile, awaiting_approval: true } });
    const approved = then(waiting, { type: 'approve_agent', id: profile.id });
    expect(approved.slice(waiting.length)).toEqual([{ type: 'agent_approved', data: { id: profile.id } }]);
    expect(foldAgent(approved)?.profile.awaiting_approval).toBe(false);
    expect(decideAgent(foldAgent(approved), { type: 'approve_agent', id: profile.id })).toEqual([]);
    fails(() => decideAgent(undefined, { type: 'approve_agent', id: profile.id }), 'not_found');
  });

  it('suspension is recorded once and can be lifted; a suspended agent cannot go accepting', () => {
    const suspended = then(created, { type: 'suspend_agent', id: profile.id });
    expect(foldAgent(suspended)).toMatchObject({ suspended: true, routing_status: 'offline' });
    expect(decideAgent(foldAgent(suspended), { type: 'suspend_agent', id: profile.id })).toEqual([]);
    fails(() => decideAgent(foldAgent(suspended), { type: 'set_routing_status', id: profile.id, status: 'accepting_chats' }), 'validation');
    expect(foldAgent(then(suspended, { type: 'unsuspend_agent', id: profile.id }))).toMatchObject({ suspended: false });
  });

  it('the owner cannot be suspended or deleted', () => {
    const owner = decideAgent(undefined, { type: 'create_agent', profile: { ...profile, role: 'owner' } });
    fails(() => decideAgent(foldAgent(owner), { type: 'suspend_agent', id: profile.id }), 'validation');
    fails(() => decideAgent(foldAgent(owner), { type: 'delete_agent', id: profile.id }), 'validation');
  });

  it('each revocation moves the token generation on, and so does coming back after deletion', () => {
    const revoked = then(then(created, { type: 'revoke_tokens', id: profile.id, reason: 'revoked' }), {
      type: 'revoke_tokens',
      id: profile.id,
      reason: 'logout',
    });
    expect(foldAgent(revoked)?.token_generation).toBe(2);
    const recreated = then(then(revoked, { type: 'delete_agent', id: profile.id }), { type: 'create_agent', profile });
    expect(foldAgent(recreated)?.token_generation).toBe(3);
  });

  it('personal access tokens are held up to a limit, revoked once, and do not survive the agent coming back', () => {
    const token = (n: number) => ({ id: `t${n}`, name: `token ${n}`, hash: `h${n}`, created_at: '2026-11-27T00:00:00Z' });
    let events = created;
    for (let n = 0; n < MAX_PERSONAL_ACCESS_TOKENS; n++) events = then(events, { type: 'create_personal_access_token', id: profile.id, token: token(n) });
    expect(foldAgent(events)?.personal_access_tokens).toHaveLength(MAX_PERSONAL_ACCESS_TOKENS);
    fails(() => decideAgent(foldAgent(events), { type: 'create_personal_access_token', id: profile.id, token: token(99) }), 'limit_reached');
    const revoked = then(events, { type: 'revoke_personal_access_token', id: profile.id, token_id: 't0' });
    expect(revoked.at(-1)).toEqual({ type: 'personal_access_token_revoked', data: { agent_id: profile.id, id: 't0' } });
    fails(() => decideAgent(foldAgent(revoked), { type: 'revoke_personal_access_token', id: profile.id, token_id: 't0' }), 'not_found');
    const recreated = then(then(revoked, { type: 'delete_agent', id: profile.id }), { type: 'create_agent', profile });
    expect(foldAgent(recreated)?.personal_access_tokens).toEqual([]);
  });
});

describe('roles', () => {
  it('rank owner > vice owner > administrator > normal; only a higher rank manages a lower one', () => {
    expect(outranks('owner', 'viceowner')).toBe(true);
    expect(outranks('administrator', 'normal')).toBe(true);
    expect(outranks('administrator', 'administrator')).toBe(false);
    expect(outranks('viceowner', 'owner')).toBe(false);
  });

  it('nobody grants a role above their own, and the owner role is never granted', () => {
    expect(mayGrantRole('administrator', 'administrator')).toBe(true);
    expect(mayGrantRole('administrator', 'viceowner')).toBe(false);
    expect(mayGrantRole('owner', 'viceowner')).toBe(true);
    expect(mayGrantRole('owner', 'owner')).toBe(false);
  });
});
