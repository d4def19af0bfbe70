import { ApiError } from '../errors';
import { validatePayload } from './registry';

const APP = 'a'.repeat(32);
const BASE = { action: 'incoming_event', secret_key: 'k', url: 'https://hooks.example/lc', type: 'license', owner_client_id: APP };

function rejection(action: string, payload: unknown): string {
  try {
    validatePayload('configuration', action, payload);
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).type).toBe('validation');
    return (error as ApiError).message;
  }
  throw new Error(`${action} accepted ${JSON.stringify(payload)}`);
}

describe('register_webhook payloads', () => {
  it('accepts the filters and additional data its action supports', () => {
    const payload = {
      ...BASE,
      description: 'CRM',
      additional_data: ['chat_properties', 'chat_presence_user_ids'],
      filters: { author_type: 'customer', only_my_chats: true, source_type: ['my_client'], chat_presence: { user_ids: { exclude_values: ['bot1'] }, my_bots: false } },
    };
    expect(validatePayload('configuration', 'register_webhook', payload)).toEqual(payload);
  });

  it('takes auto_access_created as auto_access_added', () => {
    expect(validatePayload('configuration', 'register_webhook', { ...BASE, action: 'auto_access_created' })).toMatchObject({ action: 'auto_access_added' });
  });

  it('needs an action of the catalogue, a secret key, an absolute http(s) URL, a type and the owner client id', () => {
    expect(rejection('register_webhook', { ...BASE, action: 'chat_started' })).toMatch(/^action: is not a webhook action/);
    expect(rejection('register_webhook', { ...BASE, secret_key: '' })).toMatch(/^secret_key: /);
    expect(rejection('register_webhook', { ...BASE, secret_key: 'k'.repeat(257) })).toMatch(/^secret_key: must be at most 256/);
    for (const url of ['/relative', 'ftp://hooks.example/', 'javascript:alert(1)', '', `https://x.example/${'a'.repeat(2048)}`]) {
      expect(rejection('register_webhook', { ...BASE, url })).toMatch(/^url: /);
    }
    expect(rejection('register_webhook', { ...BASE, type: 'global' })).toMatch(/^type: /);
    const { owner_client_id: _owner, ...withoutOwner } = BASE;
    expect(rejection('register_webhook', withoutOwner)).toBe('owner_client_id: Required');
  });

  it('refuses filters and additional data the action does not support, and unknown filters', () => {
    expect(rejection('register_webhook', { ...BASE, action: 'incoming_chat', filters: { author_type: 'agent' } })).toBe('filters.author_type: is not a filter of incoming_chat');
    expect(rejection('register_webhook', { ...BASE, action: 'agent_created', filters: { only_my_chats: true } })).toMatch(/^filters.only_my_chats: /);
    expect(rejection('register_webhook', { ...BASE, filters: { agent_ids: { values: ['a'] } } })).toMatch(/^filters.agent_ids: /);
    expect(rejection('register_webhook', { ...BASE, filters: { chat_member_ids: { agents_any: ['a'] } } })).toMatch(/^filters: /);
    expect(rejection('register_webhook', { ...BASE, action: 'agent_deleted', additional_data: ['chat_properties'] })).toBe(
      'additional_data: chat_properties is not additional data of agent_deleted',
    );
    expect(rejection('register_webhook', { ...BASE, additional_data: ['chat_history'] })).toMatch(/^additional_data.0: /);
  });

  it('needs exactly one of values and exclude_values', () => {
    const both = { chat_presence: { user_ids: { values: ['a'], exclude_values: ['b'] } } };
    expect(rejection('register_webhook', { ...BASE, filters: both })).toMatch(/^filters.chat_presence.user_ids: exactly one of values, exclude_values/);
    expect(rejection('register_webhook', { ...BASE, filters: { chat_presence: { user_ids: {} } } })).toMatch(/exactly one/);
    const agents = { ...BASE, action: 'routing_status_set', filters: { agent_ids: { values: ['a'], exclude_values: ['b'] } } };
    expect(rejection('register_webhook', agents)).toMatch(/^filters.agent_ids: exactly one/);
    expect(validatePayload('configuration', 'register_webhook', { ...agents, filters: { agent_ids: { exclude_values: ['b'] } } })).toMatchObject({
      filters: { agent_ids: { exclude_values: ['b'] } },
    });
  });
});

describe('the other webhook management payloads', () => {
  it('list_webhook_names answers versions 3.4 (the default) and 3.5 only', () => {
    expect(validatePayload('configuration', 'list_webhook_names', {})).toEqual({ version: '3.4' });
    expect(validatePayload('configuration', 'list_webhook_names', { version: '3.5' })).toEqual({ version: '3.5' });
    expect(rejection('list_webhook_names', { version: '3.3' })).toMatch(/^version: /);
  });

  it('enable/disable/get state take owner_client_id or client_id, not two different ones', () => {
    expect(validatePayload('configuration', 'get_license_webhooks_state', { client_id: APP })).toEqual({ client_id: APP });
    expect(validatePayload('configuration', 'enable_license_webhooks', {})).toEqual({});
    expect(validatePayload('configuration', 'disable_license_webhooks', { owner_client_id: APP, client_id: APP })).toEqual({ owner_client_id: APP, client_id: APP });
    expect(rejection('disable_license_webhooks', { owner_client_id: APP, client_id: 'b' })).toMatch(/^client_id: /);
  });

  it('list and unregister need the owner client id', () => {
    expect(rejection('list_webhooks', {})).toBe('owner_client_id: Required');
    expect(rejection('unregister_webhook', { id: 'w' })).toBe('owner_client_id: Required');
  });
});
