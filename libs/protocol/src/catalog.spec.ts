import { ApiName, findMethod, METHOD_CATALOG } from './catalog';

const of = (api: ApiName) => METHOD_CATALOG.filter((method) => method.api === api);
const actions = (filter: (m: (typeof METHOD_CATALOG)[number]) => boolean) =>
  METHOD_CATALOG.filter(filter).map((m) => `${m.api}/${m.action}`).sort();

describe('method catalog', () => {
  it('lists the 117 methods of the index: agent 40, customer 35, configuration 42', () => {
    expect(METHOD_CATALOG).toHaveLength(117);
    expect(of('agent')).toHaveLength(40);
    expect(of('customer')).toHaveLength(35);
    expect(of('configuration')).toHaveLength(42);
    expect(new Set(METHOD_CATALOG.map((m) => `${m.api}/${m.action}`)).size).toBe(117);
  });

  it('splits the agent API into 36 Web methods and 4 RTM-only ones', () => {
    expect(of('agent').filter((m) => m.web)).toHaveLength(36);
    expect(actions((m) => m.api === 'agent' && !m.web)).toEqual([
      'agent/change_push_notifications',
      'agent/login',
      'agent/logout',
      'agent/set_away_status',
    ]);
    expect(actions((m) => m.api === 'agent' && !m.rtm)).toEqual(['agent/upload_file']);
  });

  it('splits the customer API into 25 both, 8 Web-only and 2 RTM-only methods', () => {
    expect(of('customer').filter((m) => m.web && m.rtm)).toHaveLength(25);
    expect(of('customer').filter((m) => m.web && !m.rtm)).toHaveLength(8);
    expect(actions((m) => m.api === 'customer' && !m.web)).toEqual(['customer/login', 'customer/update_customer_page']);
  });

  it('serves the Configuration API on the Web only', () => {
    expect(of('configuration').every((m) => m.web && !m.rtm)).toBe(true);
  });

  it('allows GET exactly where the index and README §2 say so', () => {
    expect(actions((m) => m.httpGet)).toEqual([
      'configuration/get_license_id',
      'configuration/get_organization_id',
      'configuration/list_group_properties',
      'configuration/list_license_properties',
      'customer/get_configuration',
      'customer/get_dynamic_configuration',
      'customer/get_localization',
      'customer/list_group_properties',
      'customer/list_license_properties',
    ]);
    expect(findMethod('configuration', 'list_license_properties')?.transport).toBe('web POST|GET');
    expect(findMethod('customer', 'get_configuration')?.transport).toBe('web GET');
  });

  it('lets customers read license and group properties without a token', () => {
    expect(findMethod('customer', 'list_license_properties')?.noAuth).toBe(true);
    expect(findMethod('customer', 'list_group_properties')?.noAuth).toBe(true);
    expect(findMethod('customer', 'get_chat')?.noAuth).toBeUndefined();
    expect(findMethod('configuration', 'list_license_properties')?.noAuth).toBeUndefined();
  });

  it('finds methods by API and action', () => {
    expect(findMethod('agent', 'send_event')).toEqual({
      api: 'agent',
      action: 'send_event',
      web: true,
      rtm: true,
      httpGet: false,
      transport: 'both',
    });
    expect(findMethod('customer', 'list_archives')).toBeUndefined();
    expect(findMethod('agent', 'ping')).toBeUndefined();
    expect(findMethod('agent', 'get_chats_summary')).toBeUndefined();
  });
});
