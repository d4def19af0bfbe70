import { ApiError } from '../errors';
import { validatePayload } from './registry';

/** The validation message for a rejected payload. */
function rejection(action: string, payload: unknown): string {
  try {
    validatePayload('configuration', action, payload);
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).type).toBe('validation');
    return (error as ApiError).message;
  }
  throw new Error(`configuration ${action} accepted ${JSON.stringify(payload)}`);
}

describe('configuration payloads', () => {
  it('create_agent needs an e-mail id and a name, and fills the documented defaults', () => {
    expect(validatePayload('configuration', 'create_agent', { id: 'smith@example.com', name: 'Agent Smith' })).toEqual({
      id: 'smith@example.com',
      name: 'Agent Smith',
      role: 'normal',
      login_status: 'not accepting chats',
      max_chats_count: 6,
    });
    const full = {
      id: 'smith@example.com',
      name: 'Agent Smith',
      role: 'administrator',
      avatar: 'https://domain.com/avatar.jpg',
      login_status: 'accepting chats',
      job_title: 'Support Hero',
      mobile: '+1 555 0100',
      max_chats_count: 100,
      awaiting_approval: false,
      groups: [{ id: 5, priority: 'first' }, { id: 0, priority: 'normal' }],
      notifications: ['new_visitor', 'incoming_chat'],
      email_subscriptions: ['weekly_summary'],
      work_scheduler: { monday: { start: '08:30', end: '16:00' } },
    };
    expect(validatePayload('configuration', 'create_agent', full)).toEqual(full);
  });

  it('create_agent rejects what the spec does not allow', () => {
    expect(rejection('create_agent', { name: 'Agent Smith' })).toBe('id: Required');
    expect(rejection('create_agent', { id: 'smith', name: 'Agent Smith' })).toMatch(/^id: /);
    expect(rejection('create_agent', { id: 'smith@example.com' })).toBe('name: Required');
    expect(rejection('create_agent', { id: 'smith@example.com', name: 'S', role: 'owner' })).toMatch(/^role: /);
    expect(rejection('create_agent', { id: 'smith@example.com', name: 'S', max_chats_count: 101 })).toMatch(/^max_chats_count: Too big/);
    expect(rejection('create_agent', { id: 'smith@example.com', name: 'S', groups: [{ id: 1 }] })).toBe('groups.0.priority: Required');
    expect(rejection('create_agent', { id: 'smith@example.com', name: 'S', login_status: 'accepting_chats' })).toMatch(/^login_status: /);
    expect(rejection('create_agent', { id: 'smith@example.com', name: 'S', work_scheduler: { funday: {} } })).toMatch(/^work_scheduler: /);
    expect(
      rejection('create_agent', { id: 'smith@example.com', name: 'S', work_scheduler: { monday: { start: '8', end: '16:00' } } }),
    ).toBe('work_scheduler.monday.start: must be HH:MM');
  });

  it('get_agent and list_agents take known extra fields', () => {
    expect(validatePayload('configuration', 'get_agent', { id: 'smith@example.com', fields: ['groups', 'max_chats_count'] })).toEqual({
      id: 'smith@example.com',
      fields: ['groups', 'max_chats_count'],
    });
    expect(rejection('get_agent', { id: 'smith@example.com', fields: ['password'] })).toMatch(/^fields\.0: /);
    expect(rejection('get_agent', {})).toBe('id: Required');
    expect(validatePayload('configuration', 'list_agents', { filters: { group_ids: [0] }, fields: ['suspended'] })).toEqual({
      filters: { group_ids: [0] },
      fields: ['suspended'],
    });
    expect(validatePayload('configuration', 'list_agents', {})).toEqual({});
  });

  it('update_agent changes only given fields and may hand over ownership', () => {
    expect(validatePayload('configuration', 'update_agent', { id: 'smith@example.com', job_title: 'Lead' })).toEqual({
      id: 'smith@example.com',
      job_title: 'Lead',
    });
    expect(validatePayload('configuration', 'update_agent', { id: 'smith@example.com', role: 'owner' })).toEqual({
      id: 'smith@example.com',
      role: 'owner',
    });
    expect(rejection('update_agent', { name: 'No id' })).toBe('id: Required');
  });

  it('delete_agent needs an id', () => {
    expect(validatePayload('configuration', 'delete_agent', { id: 'smith@example.com' })).toEqual({ id: 'smith@example.com' });
    expect(rejection('delete_agent', {})).toBe('id: Required');
  });

  it('create_group needs a name and agent priorities with at least one normal member', () => {
    const group = {
      name: 'Sales',
      language_code: 'en',
      agent_priorities: { 'agent1@example.com': 'normal', '5c9871d5372c824cbf22d860a707a578': 'first', 'boss@example.com': 'supervisor' },
    };
    expect(validatePayload('configuration', 'create_group', group)).toEqual(group);
    expect(rejection('create_group', { agent_priorities: { 'a@example.com': 'normal' } })).toBe('name: Required');
    expect(rejection('create_group', { name: 'Sales' })).toBe('agent_priorities: Required');
    expect(rejection('create_group', { name: 'Sales', agent_priorities: { 'a@example.com': 'last' } })).toBe(
      'agent_priorities: at least one member must have priority normal',
    );
    expect(rejection('create_group', { name: 'Sales', agent_priorities: { 'a@example.com': 'primary' } })).toMatch(
      /^agent_priorities\.a@example\.com: /,
    );
    expect(rejection('create_group', { name: 'x'.repeat(181), agent_priorities: { 'a@example.com': 'normal' } })).toMatch(/^name: must be at most 180 characters/);
  });

  it('create_group with an id, as the JS SDK sends for updateGroup, is validated as update_group', () => {
    const update = { id: 19, name: 'Sales EU', agent_priorities: { 'a@example.com': 'normal' } };
    expect(validatePayload('configuration', 'create_group', update)).toEqual(update);
    expect(validatePayload('configuration', 'create_group', { id: 19, name: 'Sales EU' })).toEqual({ id: 19, name: 'Sales EU' });
    expect(rejection('create_group', { id: 19, agent_priorities: { 'a@example.com': 'last' } })).toBe(
      'agent_priorities: at least one member must have priority normal',
    );
  });

  it('update_group needs the group id; every other field is optional but checked as in create_group', () => {
    expect(validatePayload('configuration', 'update_group', { id: 0, language_code: 'de' })).toEqual({ id: 0, language_code: 'de' });
    expect(rejection('update_group', { name: 'Sales' })).toBe('id: Required');
    expect(rejection('update_group', { id: 1, name: '' })).toMatch(/^name: /);
    expect(rejection('update_group', { id: -1 })).toMatch(/^id: /);
    expect(rejection('update_group', { id: 1, agent_priorities: { 'a@example.com': 'first' } })).toBe(
      'agent_priorities: at least one member must have priority normal',
    );
  });

  it('get_group and delete_group take a group id; get_group the same extra fields as list_groups', () => {
    expect(validatePayload('configuration', 'get_group', { id: 3, fields: ['routing_status'] })).toEqual({ id: 3, fields: ['routing_status'] });
    expect(rejection('get_group', { id: '3' })).toMatch(/^id: /);
    expect(rejection('delete_group', {})).toBe('id: Required');
  });

  it('list_groups takes agent_priorities and routing_status as extra fields', () => {
    expect(validatePayload('configuration', 'list_groups', { fields: ['agent_priorities', 'routing_status'] })).toEqual({
      fields: ['agent_priorities', 'routing_status'],
    });
    expect(rejection('list_groups', { fields: ['members'] })).toMatch(/^fields\.0: /);
  });
});
