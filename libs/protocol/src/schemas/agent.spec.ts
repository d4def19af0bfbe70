import { ApiError } from '../errors';
import { validatePayload } from './registry';

/** The validation message for a rejected payload. */
function rejection(action: string, payload: unknown): string {
  try {
    validatePayload('agent', action, payload);
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).type).toBe('validation');
    return (error as ApiError).message;
  }
  throw new Error(`agent ${action} accepted ${JSON.stringify(payload)}`);
}

describe('agent payloads', () => {
  it('login takes the full authorization value as token and starts connections not away', () => {
    const login = {
      token: 'Bearer dal:test_token',
      timezone: 'Europe/Warsaw',
      reconnect: true,
      push_notifications: { platform: 'ios', firebase_token: 'ft' },
      application: { name: 'Agent App', version: '1.0.0' },
      customer_monitoring_level: 'chatting',
      pushes: { '3.4': ['incoming_chat', 'incoming_multicast'], '3.5': ['all'] },
    };
    expect(validatePayload('agent', 'login', login)).toEqual({ ...login, away: false });
    expect(rejection('login', { timezone: 'UTC' })).toBe('token: Required');
    expect(rejection('login', { token: 'Bearer x', push_notifications: { firebase_token: 'ft' } })).toBe(
      'push_notifications.platform: Required',
    );
    expect(rejection('login', { token: 'Bearer x', customer_monitoring_level: 'everyone' })).toMatch(/^customer_monitoring_level: /);
  });

  it('set_routing_status takes one of the three statuses', () => {
    expect(validatePayload('agent', 'set_routing_status', { status: 'accepting_chats' })).toEqual({ status: 'accepting_chats' });
    expect(validatePayload('agent', 'set_routing_status', { status: 'offline', agent_id: '5c9871d5372c824cbf22d860a707a578' })).toEqual({
      status: 'offline',
      agent_id: '5c9871d5372c824cbf22d860a707a578',
    });
    // The Configuration API spells statuses with spaces; the Agent Chat API does not.
    expect(rejection('set_routing_status', { status: 'accepting chats' })).toMatch(/^status: /);
    expect(rejection('set_routing_status', {})).toBe('status: Required');
  });

  it('list_routing_statuses filters by integer group ids', () => {
    expect(validatePayload('agent', 'list_routing_statuses', {})).toEqual({});
    expect(validatePayload('agent', 'list_routing_statuses', { filters: { group_ids: [0, 1] } })).toEqual({ filters: { group_ids: [0, 1] } });
    expect(rejection('list_routing_statuses', { filters: { group_ids: ['1'] } })).toMatch(/^filters\.group_ids\.0: /);
  });

  it('list_chats fills the first page defaults: 10 newest chats, active ones and ones without threads included', () => {
    expect(validatePayload('agent', 'list_chats', {})).toEqual({
      filters: { include_active: true, include_chats_without_threads: true },
      sort_order: 'desc',
      limit: 10,
    });
    const filtered = {
      filters: {
        include_active: false,
        group_ids: [0, 19],
        properties: { routing: { unassigned: { values: [true] } }, test: { int_property: { exists: true } } },
      },
      sort_order: 'asc',
      limit: 100,
    };
    expect(validatePayload('agent', 'list_chats', filtered)).toEqual({
      ...filtered,
      filters: { ...filtered.filters, include_chats_without_threads: true },
    });
  });

  it('list_chats rejects limits over 100, too many groups and ambiguous property filters', () => {
    expect(rejection('list_chats', { limit: 101 })).toMatch(/^limit: Too big/);
    expect(rejection('list_chats', { limit: 2.5 })).toMatch(/^limit: /);
    expect(rejection('list_chats', { filters: { group_ids: Array.from({ length: 201 }, (_, i) => i) } })).toMatch(
      /^filters\.group_ids: must have at most 200 elements/,
    );
    expect(rejection('list_chats', { filters: { properties: { routing: { idle: { exists: true, values: [true] } } } } })).toBe(
      'filters.properties.routing.idle: exactly one of exists, values, exclude_values is required',
    );
  });

  it('list_chats with a page_id accepts nothing that the page id already remembers', () => {
    expect(validatePayload('agent', 'list_chats', { page_id: 'MTUxNzM5ODEzMTQ5Ng==' })).toEqual({ page_id: 'MTUxNzM5ODEzMTQ5Ng==' });
    expect(rejection('list_chats', { page_id: 'MTUxNzM5ODEzMTQ5Ng==', filters: { include_active: true } })).toBe(
      'filters: cannot be combined with page_id',
    );
    expect(rejection('list_chats', { page_id: 'MTUxNzM5ODEzMTQ5Ng==', limit: 10, sort_order: 'asc' })).toBe(
      'limit: cannot be combined with page_id; sort_order: cannot be combined with page_id',
    );
  });

  it('list_threads accepts a date range but not together with min_events_count', () => {
    const ranged = { chat_id: 'PJ0MRSHTDG', filters: { from: '2019-12-17T07:57:41.512000Z', to: '2019-12-18T00:00:00+01:00' } };
    expect(validatePayload('agent', 'list_threads', ranged)).toEqual({ ...ranged, sort_order: 'desc', limit: 3 });
    expect(rejection('list_threads', { chat_id: 'PJ0MRSHTDG', filters: { from: 'yesterday' } })).toMatch(/^filters\.from: /);
    expect(rejection('list_threads', { chat_id: 'PJ0MRSHTDG', min_events_count: 5, filters: { from: ranged.filters.from } })).toBe(
      'filters: cannot be combined with min_events_count',
    );
    expect(rejection('list_threads', { chat_id: 'PJ0MRSHTDG', min_events_count: 0 })).toMatch(/^min_events_count: Too small/);
    expect(rejection('list_threads', { chat_id: 'PJ0MRSHTDG', page_id: 'x', filters: {} })).toBe('filters: cannot be combined with page_id');
  });

  it('get_chat needs chat_id', () => {
    expect(validatePayload('agent', 'get_chat', { chat_id: 'PJ0MRSHTDG' })).toEqual({ chat_id: 'PJ0MRSHTDG' });
    expect(rejection('get_chat', {})).toBe('chat_id: Required');
  });

  it('send_event accepts a whisper and the legacy attach_to_last_thread flag', () => {
    const payload = {
      chat_id: 'PJ0MRSHTDG',
      event: { type: 'message', text: 'Only for agents', visibility: 'agents' },
      attach_to_last_thread: true,
    };
    expect(validatePayload('agent', 'send_event', payload)).toEqual(payload);
    expect(rejection('send_event', { chat_id: 'PJ0MRSHTDG', event: { type: 'message', text: 'x', visibility: 'customers' } })).toMatch(
      /^event\.visibility: /,
    );
    expect(rejection('send_event', { chat_id: 'PJ0MRSHTDG', event: { text: 'x' } })).toMatch(/^event\.type: /);
  });

  it('deactivate_chat needs id and defaults ignore_requester_presence to false', () => {
    expect(validatePayload('agent', 'deactivate_chat', { id: 'PJ0MRSHTDG' })).toEqual({ id: 'PJ0MRSHTDG', ignore_requester_presence: false });
    expect(rejection('deactivate_chat', { ignore_requester_presence: true })).toBe('id: Required');
  });

  it('start_chat accepts existing users and initial events, with at most one customer', () => {
    const payload = {
      chat: {
        users: [
          { id: 'b7eff798-f8df-4364-8059-649c35c9ed0c', type: 'customer' },
          { id: 'smith@example.com', type: 'agent' },
        ],
        access: { group_ids: [0] },
        thread: {
          events: [{ type: 'message', text: 'Hi! How can I help you?', author_id: 'forged@example.com' }],
          properties: { test: { string_property: 'x' } },
        },
      },
      active: false,
    };
    expect(validatePayload('agent', 'start_chat', payload)).toEqual({
      chat: { ...payload.chat, thread: { ...payload.chat.thread, events: [{ type: 'message', text: 'Hi! How can I help you?', visibility: 'all' }] } },
      active: false,
      continuous: false,
    });
    const twoCustomers = { chat: { users: [{ id: 'a', type: 'customer' }, { id: 'b', type: 'customer' }] } };
    expect(rejection('start_chat', twoCustomers)).toBe('chat.users: a chat has at most one customer');
    expect(rejection('start_chat', { chat: { users: [{ id: 'a', type: 'bot' }] } })).toMatch(/^chat\.users\.0\.type: /);
  });

  it('resume_chat needs chat.id', () => {
    expect(validatePayload('agent', 'resume_chat', { chat: { id: 'PJ0MRSHTDG' }, continuous: true })).toEqual({
      chat: { id: 'PJ0MRSHTDG' },
      active: true,
      continuous: true,
    });
    expect(rejection('resume_chat', { chat: { access: { group_ids: [0] } } })).toBe('chat.id: Required');
  });
});
