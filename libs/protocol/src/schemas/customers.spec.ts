import { ApiError } from '../errors';
import { validatePayload } from './registry';

const refused = (api: 'agent' | 'customer', action: string, payload: unknown): string => {
  try {
    validatePayload(api, action, payload);
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return (error as Error).message;
  }
  throw new Error(`${action} accepted ${JSON.stringify(payload)}`);
};

describe('customer payloads (agent-chat-api §7, customer-chat-api §5, data-structures §9.5)', () => {
  it('list_customers takes every filter family, sort key and page size up to 100', () => {
    const payload = {
      limit: 100,
      sort_by: 'customer_last_event',
      sort_order: 'asc',
      filters: {
        country: { values: ['PL'] },
        email: { exclude_values: ['a@b.c'] },
        chat_group_ids: { values: [0, 1] },
        threads_count: { gte: 1, lt: 5 },
        created_at: { gt: '2026-01-01T00:00:00Z' },
        include_customers_without_chats: false,
      },
    };
    expect(validatePayload('agent', 'list_customers', payload)).toEqual(payload);
  });

  it('list_customers refuses what the spec does not allow, naming the field', () => {
    expect(refused('agent', 'list_customers', { page_id: 'x.y', filters: {} })).toMatch(/^filters: cannot be combined with page_id/);
    expect(refused('agent', 'list_customers', { page_id: 'x.y', sort_by: 'created_at' })).toMatch(/^sort_by: /);
    expect(refused('agent', 'list_customers', { limit: 101 })).toMatch(/^limit: /);
    expect(refused('agent', 'list_customers', { sort_by: 'name' })).toMatch(/^sort_by: /);
    expect(refused('agent', 'list_customers', { filters: { name: { values: ['a'], exclude_values: ['b'] } } })).toMatch(/^filters\.name: /);
    expect(refused('agent', 'list_customers', { filters: { visits_count: {} } })).toMatch(/^filters\.visits_count: /);
    expect(refused('agent', 'list_customers', { filters: { chat_group_ids: { values: Array.from({ length: 41 }, (_, i) => i) } } })).toMatch(/^filters\.chat_group_ids\.values: /);
    // The filters travel inside every page id: a few kilobytes at most.
    expect(refused('agent', 'list_customers', { filters: { name: { values: Array.from({ length: 50 }, (_, i) => `${i}`.padEnd(180, 'x')) } } })).toMatch(/^filters/);
  });

  it('an agent update names the customer and changes at least one field; a ban lasts whole days', () => {
    expect(refused('agent', 'update_customer', { id: 'c' })).toMatch(/at least one of name, email, avatar, session_fields/);
    expect(validatePayload('agent', 'update_customer', { id: 'c', avatar: 'https://example.com/a.png' })).toEqual({ id: 'c', avatar: 'https://example.com/a.png' });
    expect(refused('agent', 'ban_customer', { id: 'c', ban: { days: 1.5 } })).toMatch(/^ban\.days: /);
    expect(refused('agent', 'ban_customer', { id: 'c' })).toMatch(/^ban: Required/);
  });

  it('the customer sets at most 100 session fields of one key each, validated as the agent API does', () => {
    const fields = (n: number) => Array.from({ length: n }, (_, i) => ({ [`k${i}`]: 'v' }));
    expect(validatePayload('customer', 'set_customer_session_fields', { session_fields: fields(100) })).toEqual({ session_fields: fields(100) });
    expect(refused('customer', 'set_customer_session_fields', { session_fields: fields(101) })).toMatch(/^session_fields: /);
    expect(refused('customer', 'set_customer_session_fields', { session_fields: [{ a: '1', b: '2' }] })).toMatch(/exactly one key/);
    expect(refused('customer', 'update_customer', {})).toMatch(/at least one of/);
    expect(refused('agent', 'create_customer', { name: 'n'.repeat(181) })).toMatch(/^name: /);
    expect(refused('customer', 'update_customer', { name: 'n'.repeat(181) })).toMatch(/^name: /);
  });
});
