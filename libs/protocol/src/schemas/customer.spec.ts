import { ApiError } from '../errors';
import { validatePayload } from './registry';

/** The validation message for a rejected payload. */
function rejection(action: string, payload: unknown): string {
  try {
    validatePayload('customer', action, payload);
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).type).toBe('validation');
    return (error as ApiError).message;
  }
  throw new Error(`customer ${action} accepted ${JSON.stringify(payload)}`);
}

describe('customer payloads', () => {
  it('login needs a token and keeps what the widget reports', () => {
    const login = {
      token: 'Bearer dal:test_token',
      customer: { name: 'Thomas Anderson', email: 't.anderson@example.com', session_fields: [{ custom_key: 'custom_value' }] },
      customer_page: { url: 'https://www.example.com/pricing', title: 'Pricing' },
      customer_side_storage: { lc_greeting: 'seen' },
      is_mobile: false,
      group_id: 0,
      application: { name: 'Widget', version: '1.0', channel_type: 'code' },
      pushes: { '3.4': ['incoming_chat', 'incoming_event'] },
    };
    expect(validatePayload('customer', 'login', login)).toEqual(login);
    expect(rejection('login', {})).toBe('token: Required');
    expect(rejection('login', { token: 'Bearer x', customer: { session_fields: [{ a: '1', b: '2' }] } })).toBe(
      'customer.session_fields.0: each session field must have exactly one key',
    );
  });

  it('start_chat fills active and continuous and accepts initial events', () => {
    expect(validatePayload('customer', 'start_chat', {})).toEqual({ active: true, continuous: false });
    const payload = {
      chat: {
        properties: { source: { type: 'my_app' } },
        access: { group_ids: [0] },
        thread: { events: [{ type: 'message', text: 'Hello, I need help' }] },
      },
      continuous: true,
    };
    expect(validatePayload('customer', 'start_chat', payload)).toEqual({
      chat: { ...payload.chat, thread: { events: [{ type: 'message', text: 'Hello, I need help', visibility: 'all' }] } },
      active: true,
      continuous: true,
    });
    expect(rejection('start_chat', { chat: { access: { group_ids: ['sales'] } } })).toMatch(/^chat\.access\.group_ids\.0: /);
    expect(rejection('start_chat', { chat: { thread: { events: [{ type: 'message' }] } } })).toBe('chat.thread.events.0.text: Required');
  });

  it('resume_chat needs the chat id and leaves continuous unset unless given', () => {
    expect(validatePayload('customer', 'resume_chat', { chat: { id: 'PJ0MRSHTDG' } })).toEqual({
      chat: { id: 'PJ0MRSHTDG' },
      active: true,
    });
    expect(rejection('resume_chat', {})).toBe('chat: Required');
    expect(rejection('resume_chat', { chat: {} })).toBe('chat.id: Required');
  });

  it('send_event needs chat_id and an event', () => {
    expect(validatePayload('customer', 'send_event', { chat_id: 'PJ0MRSHTDG', event: { type: 'message', text: 'hi' } })).toEqual({
      chat_id: 'PJ0MRSHTDG',
      event: { type: 'message', text: 'hi', visibility: 'all' },
      attach_to_last_thread: false,
    });
    expect(rejection('send_event', { event: { type: 'message', text: 'hi' } })).toBe('chat_id: Required');
    expect(rejection('send_event', { chat_id: 'PJ0MRSHTDG' })).toBe('event: Required');
    expect(rejection('send_event', { chat_id: 42, event: { type: 'message', text: 'hi' } })).toMatch(/^chat_id: .*expected string/);
  });

  it('get_chat needs chat_id; thread_id is optional', () => {
    expect(validatePayload('customer', 'get_chat', { chat_id: 'PJ0MRSHTDG', thread_id: 'K600PKZON8' })).toEqual({
      chat_id: 'PJ0MRSHTDG',
      thread_id: 'K600PKZON8',
    });
    expect(rejection('get_chat', { thread_id: 'K600PKZON8' })).toBe('chat_id: Required');
    expect(rejection('get_chat', { chat_id: '' })).toBe('chat_id: must not be empty');
  });

  it('list_chats defaults to 10 newest first and allows at most 25', () => {
    expect(validatePayload('customer', 'list_chats', {})).toEqual({ limit: 10, sort_order: 'desc' });
    expect(validatePayload('customer', 'list_chats', { limit: 25, sort_order: 'asc' })).toEqual({ limit: 25, sort_order: 'asc' });
    expect(validatePayload('customer', 'list_chats', { page_id: 'MTUxNzM5ODEzMTQ5Ng==' })).toEqual({ page_id: 'MTUxNzM5ODEzMTQ5Ng==' });
    expect(rejection('list_chats', { limit: 26 })).toMatch(/^limit: Too big/);
    expect(rejection('list_chats', { limit: 0 })).toMatch(/^limit: Too small/);
    expect(rejection('list_chats', { sort_order: 'newest' })).toMatch(/^sort_order: /);
    expect(rejection('list_chats', { page_id: 'MTUxNzM5ODEzMTQ5Ng==', limit: 5 })).toBe('limit: cannot be combined with page_id');
  });

  it('list_threads defaults to 3 threads, or none when min_events_count is asked for', () => {
    expect(validatePayload('customer', 'list_threads', { chat_id: 'PJ0MRSHTDG' })).toEqual({
      chat_id: 'PJ0MRSHTDG',
      sort_order: 'desc',
      limit: 3,
    });
    expect(validatePayload('customer', 'list_threads', { chat_id: 'PJ0MRSHTDG', min_events_count: 20 })).toEqual({
      chat_id: 'PJ0MRSHTDG',
      sort_order: 'desc',
      min_events_count: 20,
    });
    expect(rejection('list_threads', { chat_id: 'PJ0MRSHTDG', min_events_count: 20, limit: 5 })).toBe(
      'limit: cannot be combined with min_events_count',
    );
    expect(rejection('list_threads', { chat_id: 'PJ0MRSHTDG', min_events_count: 101 })).toMatch(/^min_events_count: Too big/);
    expect(rejection('list_threads', { chat_id: 'PJ0MRSHTDG', limit: 101 })).toMatch(/^limit: Too big/);
    expect(rejection('list_threads', { chat_id: 'PJ0MRSHTDG', page_id: 'abc', sort_order: 'asc' })).toBe(
      'sort_order: cannot be combined with page_id',
    );
    expect(rejection('list_threads', {})).toBe('chat_id: Required');
  });

  it('deactivate_chat takes the chat as id (chat_id was the v3.2 name)', () => {
    expect(validatePayload('customer', 'deactivate_chat', { id: 'PJ0MRSHTDG' })).toEqual({ id: 'PJ0MRSHTDG' });
    expect(rejection('deactivate_chat', { chat_id: 'PJ0MRSHTDG' })).toBe('id: Required');
  });
});
