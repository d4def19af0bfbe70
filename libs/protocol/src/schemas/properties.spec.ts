import { ApiError } from '../errors';
import { validatePayload } from './registry';

const APP = 'a'.repeat(32);

function rejection(api: 'configuration' | 'customer', action: string, payload: unknown): string {
  try {
    validatePayload(api, action, payload);
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).type).toBe('validation');
    return (error as ApiError).message;
  }
  throw new Error(`${api} ${action} accepted ${JSON.stringify(payload)}`);
}

describe('property payloads', () => {
  it('register_property needs a name, the owner client id, a type and access by location and role', () => {
    const payload = { name: 'queue.limit', owner_client_id: APP, type: 'int', access: { license: { agent: ['read', 'write'] } }, range: { from: 0, to: 9 } };
    expect(validatePayload('configuration', 'register_property', payload)).toEqual(payload);
    expect(rejection('configuration', 'register_property', { name: 'x', type: 'int', access: {} })).toBe('owner_client_id: Required');
    expect(rejection('configuration', 'register_property', { ...payload, type: 'float' })).toMatch(/^type: /);
    expect(rejection('configuration', 'register_property', { ...payload, access: { inbox: { agent: ['read'] } } })).toMatch(/^access: /);
    expect(rejection('configuration', 'register_property', { ...payload, access: { chat: { bot: ['read'] } } })).toMatch(/^access.chat: /);
    expect(rejection('configuration', 'register_property', { ...payload, access: { chat: { agent: ['delete'] } } })).toMatch(/^access.chat.agent.0: /);
    expect(rejection('configuration', 'register_property', { ...payload, name: 'white space' })).toMatch(/^name: may contain only/);
    expect(rejection('configuration', 'register_property', { ...payload, default_value: { a: 1 } })).toMatch(/^default_value: /);
  });

  it('publish_property needs read, write or both', () => {
    expect(validatePayload('configuration', 'publish_property', { name: 'p', owner_client_id: APP, access_type: ['write'] })).toEqual({
      name: 'p',
      owner_client_id: APP,
      access_type: ['write'],
    });
    expect(rejection('configuration', 'publish_property', { name: 'p', owner_client_id: APP, access_type: [] })).toBe('access_type: read, write or both');
  });

  it('license values are {namespace: {name: value}}, deletions {namespace: [names]}', () => {
    expect(validatePayload('configuration', 'update_license_properties', { properties: { [APP]: { a: 1, b: true, c: 's' } } })).toBeTruthy();
    expect(rejection('configuration', 'update_license_properties', { properties: { [APP]: { a: [1] } } })).toMatch(/^properties/);
    expect(rejection('configuration', 'delete_license_properties', { properties: { [APP]: { a: 1 } } })).toMatch(/^properties/);
  });

  it('accepts the docs\' namespace and the JS SDK\'s namespace_prefix', () => {
    expect(validatePayload('configuration', 'list_license_properties', { namespace: APP, namespace_prefix: 'a', name_prefix: 'q' })).toEqual({
      namespace: APP,
      namespace_prefix: 'a',
      name_prefix: 'q',
    });
  });

  it('names the group by id or group_id, as a number or as query-string text', () => {
    expect(validatePayload('configuration', 'update_group_properties', { group_id: 3, properties: {} })).toEqual({ id: 3, properties: {} });
    expect(validatePayload('configuration', 'delete_group_properties', { id: 3, properties: {} })).toEqual({ id: 3, properties: {} });
    expect(validatePayload('configuration', 'list_group_properties', { id: '12', namespace_prefix: 'a' })).toEqual({ id: 12, namespace_prefix: 'a' });
    expect(validatePayload('customer', 'list_group_properties', { id: '0', name: 'tier' })).toEqual({ id: 0, name: 'tier' });
    expect(rejection('configuration', 'list_group_properties', {})).toBe('id: Required');
    expect(rejection('configuration', 'list_group_properties', { id: 'one' })).toMatch(/^id: /);
    expect(rejection('configuration', 'list_group_properties', { id: '-1' })).toMatch(/^id: /);
    expect(rejection('configuration', 'update_group_properties', { id: 1, group_id: 2, properties: {} })).toBe('group_id: names another group than id');
  });
});
