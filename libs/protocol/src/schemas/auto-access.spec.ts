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

const access = { groups: [1, 2] };

describe('auto access payloads', () => {
  it('add_auto_access takes every documented condition', () => {
    const rule = {
      description: 'Chats from Chile',
      access,
      conditions: {
        url: { values: [{ value: 'example.com/pricing', exact_match: true }] },
        domain: { exclude_values: [{ value: 'shop.example.com' }] },
        geolocation: { values: [{ country: 'Chile', country_code: 'CL', region: 'Santiago', city: 'Santiago' }, { city: 'Valparaíso' }] },
      },
      next_id: '',
    };
    expect(validatePayload('configuration', 'add_auto_access', rule)).toEqual(rule);
  });

  it('add_auto_access needs groups and at least one condition, each well formed', () => {
    const geo = { geolocation: { values: [{ country: 'Chile' }] } };
    expect(rejection('add_auto_access', { conditions: geo })).toBe('access: Required');
    expect(rejection('add_auto_access', { access: { groups: [] }, conditions: geo })).toBe('access.groups: must not be empty');
    expect(rejection('add_auto_access', { access: { groups: [-1] }, conditions: geo })).toMatch(/^access\.groups\.0: /);
    expect(rejection('add_auto_access', { access })).toBe('conditions: Required');
    expect(rejection('add_auto_access', { access, conditions: {} })).toBe('conditions: at least one of url, domain, geolocation is required');
    expect(rejection('add_auto_access', { access, conditions: { url: {} } })).toBe('conditions.url: one of values, exclude_values is required');
    expect(rejection('add_auto_access', { access, conditions: { url: { values: [{ value: 'a' }], exclude_values: [{ value: 'b' }] } } })).toBe(
      'conditions.url.exclude_values: cannot be combined with values',
    );
    expect(rejection('add_auto_access', { access, conditions: { domain: { values: [] } } })).toBe('conditions.domain.values: must not be empty');
    expect(rejection('add_auto_access', { access, conditions: { domain: { values: [{ value: '' }] } } })).toBe(
      'conditions.domain.values.0.value: must not be empty',
    );
    expect(rejection('add_auto_access', { access, conditions: { domain: { values: [{ value: 'a', exact_match: 'yes' }] } } })).toMatch(
      /^conditions\.domain\.values\.0\.exact_match: /,
    );
    expect(rejection('add_auto_access', { access, conditions: { geolocation: { values: [{}] } } })).toBe(
      'conditions.geolocation.values.0: at least one of country, country_code, region, city is required',
    );
  });

  it('update_auto_access needs only the id; what it is given is checked as on add', () => {
    expect(validatePayload('configuration', 'update_auto_access', { id: 'a1', next_id: '' })).toEqual({ id: 'a1', next_id: '' });
    expect(rejection('update_auto_access', { next_id: 'a1' })).toBe('id: Required');
    expect(rejection('update_auto_access', { id: 'a1', access: {} })).toBe('access.groups: Required');
    expect(rejection('update_auto_access', { id: 'a1', conditions: {} })).toBe('conditions: at least one of url, domain, geolocation is required');
    expect(rejection('delete_auto_access', { id: '' })).toBe('id: must not be empty');
  });
});
