import { callWeb } from '@switchboard/testing';
import { createTeam, Part, post, Team } from './identity.scenario';

/** Where the Configuration API and the Customer Chat API are (one URL for both in the embedded mode). */
export interface PropertiesUrls {
  configuration: string;
  customer: string;
}

async function defaultClientId(url: string, team: Team): Promise<string> {
  const response = await fetch(`${url}/auth/applications`, { headers: { Authorization: `Bearer ${team.owner}` } });
  expect(response.status).toBe(200);
  const [first] = (await response.json()) as Array<{ client_id: string; default: boolean }>;
  expect(first.default).toBe(true);
  return first.client_id;
}

/**
 * Properties as integrators use them over the Configuration Web API, in two
 * organizations: an application registers, lists, publishes and unregisters
 * its properties; license and group values are set, listed (with defaults and
 * the filters both spellings give), deleted; every refusal changes nothing;
 * another application of the organization reaches only what was published;
 * a customer without a token reads only what its role may read; and the other
 * organization neither sees nor changes any of it.
 */
export async function checkProperties(urls: PropertiesUrls, adminToken: string, name: string): Promise<void> {
  const acme = await createTeam({ configuration: urls.configuration, agent: [] }, adminToken, `${name}A`);
  const other = await createTeam({ configuration: urls.configuration, agent: [] }, adminToken, `${name}B`);
  const mine = await defaultClientId(urls.configuration, acme);
  const theirs = await defaultClientId(urls.configuration, other);
  // A second application of acme, and its administrator's token for it.
  const partnerApp = await post(urls.configuration, '/admin/applications', { organization_id: acme.organizationId, name: 'Partner' }, adminToken);
  expect(partnerApp.status).toBe(200);
  const partnerToken = await post(urls.configuration, '/auth/agent_token', { agent_id: acme.ids.admin, client_id: partnerApp.body.client_id }, acme.owner);
  expect(partnerToken.status).toBe(200);
  const partner = partnerToken.body.access_token as string;

  const config = (team: Team, action: string, payload: unknown, as: Part = 'owner') =>
    callWeb(urls.configuration, 'configuration', action, payload, { token: team.tokens[as] });
  const asPartner = (action: string, payload: unknown) => callWeb(urls.configuration, 'configuration', action, payload, { token: partner });
  const ok = { status: 200, body: {} };

  // Registered for the caller's application: owner_client_id names the namespace.
  const tier = { type: 'int', access: { license: { agent: ['read', 'write'], customer: ['read'] }, group: { agent: ['read', 'write'], customer: ['read'] } }, range: { from: 1, to: 5 }, default_value: 1, description: 'Support tier' };
  const plan = { type: 'string', access: { license: { agent: ['read', 'write'] } }, domain: ['free', 'pro'], default_value: 'free' };
  const note = { type: 'tokenized_string', access: { license: { agent: ['read', 'write'] } } };
  const locked = { type: 'bool', access: { license: { agent: ['read'], customer: ['read'] } }, default_value: false };
  const flag = { type: 'bool', access: { chat: { agent: ['read', 'write'], customer: ['read'] } } };
  for (const [property, definition] of Object.entries({ tier, plan, note, locked, chat_flag: flag })) {
    expect([property, await config(acme, 'register_property', { name: property, owner_client_id: mine, ...definition })]).toEqual([property, ok]);
  }
  const registered = {
    tier: { ...tier },
    plan: { ...plan, description: '' },
    note: { ...note, description: '' },
    locked: { ...locked, description: '' },
    chat_flag: { ...flag, description: '' },
  };
  const listProperties = async () => (await config(acme, 'list_properties', { owner_client_id: mine })).body;
  expect(await listProperties()).toEqual(registered);

  // Refused, and nothing is registered: no or another organization's owner, a duplicate, a definition that does not hold, a normal agent.
  for (const [payload, status, type] of [
    [{ name: 'x', type: 'int', access: tier.access }, 400, 'validation'],
    [{ name: 'x', owner_client_id: theirs, type: 'int', access: tier.access }, 400, 'validation'],
    [{ name: 'tier', owner_client_id: mine, ...tier }, 409, 'already_exists'],
    [{ name: 'x', owner_client_id: mine, type: 'string', access: tier.access, range: { from: 1, to: 2 } }, 400, 'validation'],
    [{ name: 'x', owner_client_id: mine, type: 'int', access: tier.access, domain: [1, 2], default_value: 3 }, 400, 'validation'],
    [{ name: 'x', owner_client_id: mine, type: 'int', access: { chat: { agent: ['read'] } }, default_value: 3 }, 400, 'validation'],
    [{ name: 'x', owner_client_id: mine, type: 'float', access: tier.access }, 400, 'validation'],
    [{ name: 'x', owner_client_id: mine, type: 'int', access: {} }, 400, 'validation'],
    [{ name: 'x', owner_client_id: mine, type: 'int', access: { license: { bot: ['read'] } } }, 400, 'validation'],
    [{ name: 'bad name!', owner_client_id: mine, type: 'int', access: tier.access }, 400, 'validation'],
  ] as const) {
    const refused = await config(acme, 'register_property', payload);
    expect([payload, refused.status, refused.body.error?.type]).toEqual([payload, status, type]);
  }
  // Definitions need properties.configuration:rw, which normal agents do not hold.
  for (const [action, payload] of [
    ['register_property', { name: 'x', owner_client_id: mine, ...tier }],
    ['list_properties', { owner_client_id: mine }],
    ['publish_property', { name: 'plan', owner_client_id: mine, access_type: ['read'] }],
    ['unregister_property', { name: 'plan', owner_client_id: mine }],
  ] as const) {
    const refused = await config(acme, action, payload, 'normal');
    expect([action, refused.status, refused.body.error?.type]).toEqual([action, 403, 'authorization']);
  }
  expect(await listProperties()).toEqual(registered);

  // Published (only ever widened); a published property stays, a private one can be unregistered once.
  expect(await config(acme, 'publish_property', { name: 'tier', owner_client_id: mine, access_type: ['read'] })).toEqual(ok);
  expect((await config(acme, 'unregister_property', { name: 'tier', owner_client_id: mine })).body.error.type).toBe('validation');
  expect(await config(acme, 'unregister_property', { name: 'chat_flag', owner_client_id: mine })).toEqual(ok);
  expect((await config(acme, 'unregister_property', { name: 'chat_flag', owner_client_id: mine })).body.error.type).toBe('not_found');
  expect((await config(acme, 'publish_property', { name: 'nope', owner_client_id: mine, access_type: ['read'] })).body.error.type).toBe('not_found');
  expect((await config(acme, 'publish_property', { name: 'tier', owner_client_id: mine, access_type: [] })).body.error.type).toBe('validation');
  const { chat_flag: _gone, ...remaining } = registered;
  expect(await listProperties()).toEqual({ ...remaining, tier: { ...tier, public_access: ['read'] } });

  // License values: unset ones show their defaults; updates merge.
  const licenseValues = async (team: Team = acme, payload: unknown = {}) => (await config(team, 'list_license_properties', payload)).body;
  expect(await licenseValues()).toEqual({ [mine]: { tier: 1, plan: 'free', locked: false } });
  expect(await config(acme, 'update_license_properties', { properties: { [mine]: { tier: 3, note: 'gold customers only' } } })).toEqual(ok);
  expect(await config(acme, 'update_license_properties', { properties: { [mine]: { plan: 'pro' }, test: { int_property: 7 } } })).toEqual(ok);
  const acmeValues = { [mine]: { tier: 3, plan: 'pro', note: 'gold customers only', locked: false }, test: { int_property: 7 } };
  expect(await licenseValues()).toEqual(acmeValues);
  // Filters: the docs' namespace, the JS SDK's namespace_prefix, name_prefix; POST and GET alike.
  expect(await licenseValues(acme, { namespace: mine, name_prefix: 'p' })).toEqual({ [mine]: { plan: 'pro' } });
  expect(await licenseValues(acme, { namespace_prefix: 'te' })).toEqual({ test: { int_property: 7 } });
  const viaGet = await callWeb(urls.configuration, 'configuration', 'list_license_properties', undefined, {
    method: 'GET',
    token: acme.tokens.owner,
    query: { namespace_prefix: mine.slice(0, 6), name_prefix: 'ti' },
  });
  expect(viaGet).toEqual({ status: 200, body: { [mine]: { tier: 3 } } });
  // Normal agents read (properties.license.value--all:ro) but do not write.
  expect(await licenseValues(acme, { namespace: mine })).toEqual({ [mine]: acmeValues[mine] });
  expect((await config(acme, 'list_license_properties', {}, 'normal')).body).toEqual(acmeValues);

  // Refused, and no value changes: unknown, wrong type, outside the range or domain, no write access, bad input, no scope.
  for (const [properties, status, type] of [
    [{ [mine]: { nope: 1 } }, 400, 'validation'],
    [{ ['f'.repeat(32)]: { tier: 1 } }, 400, 'validation'],
    [{ [mine]: { tier: 'high' } }, 400, 'validation'],
    [{ [mine]: { tier: 2.5 } }, 400, 'validation'],
    [{ [mine]: { tier: 9 } }, 400, 'validation'],
    [{ [mine]: { tier: 2, plan: 'gold' } }, 400, 'validation'],
    [{ [mine]: { note: 7 } }, 400, 'validation'],
    [{ [mine]: { tier: 2, locked: true } }, 403, 'authorization'],
    [{ [mine]: { tier: { nested: 1 } } }, 400, 'validation'],
    [[mine], 400, 'validation'],
  ] as const) {
    const refused = await config(acme, 'update_license_properties', { properties });
    expect([properties, refused.status, refused.body.error?.type]).toEqual([properties, status, type]);
  }
  for (const [action, payload, status, type] of [
    ['update_license_properties', {}, 400, 'validation'],
    ['delete_license_properties', { properties: { [mine]: ['nope'] } }, 400, 'validation'],
    ['delete_license_properties', { properties: { [mine]: ['tier', 'locked'] } }, 403, 'authorization'],
    ['delete_license_properties', { properties: { [mine]: 'tier' } }, 400, 'validation'],
  ] as const) {
    const refused = await config(acme, action, payload);
    expect([action, payload, refused.status, refused.body.error?.type]).toEqual([action, payload, status, type]);
  }
  for (const action of ['update_license_properties', 'delete_license_properties']) {
    const payload = { properties: action.startsWith('update') ? { [mine]: { tier: 2 } } : { [mine]: ['tier'] } };
    const refused = await config(acme, action, payload, 'normal');
    expect([action, refused.status, refused.body.error?.type]).toEqual([action, 403, 'authorization']);
  }
  expect(await licenseValues()).toEqual(acmeValues);

  // Another application of the organization reaches what was published, for what it was published.
  expect(await asPartner('list_license_properties', {})).toEqual({
    status: 200,
    body: { [mine]: { tier: 3 }, test: { int_property: 7 } },
  });
  expect((await asPartner('update_license_properties', { properties: { [mine]: { tier: 4 } } })).body.error.type).toBe('authorization');
  expect((await asPartner('update_license_properties', { properties: { [mine]: { plan: 'free' } } })).body.error.type).toBe('authorization');
  expect(await config(acme, 'publish_property', { name: 'tier', owner_client_id: mine, access_type: ['write'] })).toEqual(ok);
  expect(await asPartner('update_license_properties', { properties: { [mine]: { tier: 4 } } })).toEqual(ok);
  expect((await licenseValues())[mine].tier).toBe(4);
  // …and registers in its own namespace with the same name, kept apart.
  expect(await asPartner('register_property', { name: 'tier', owner_client_id: partnerApp.body.client_id, ...tier })).toEqual(ok);
  expect((await asPartner('list_properties', { owner_client_id: partnerApp.body.client_id })).body).toEqual({ tier });

  // Deleted: back to the default, or gone.
  expect(await config(acme, 'delete_license_properties', { properties: { [mine]: ['tier', 'note'] } })).toEqual(ok);
  // (The partner's own tier is private: acme's default application does not see it.)
  const afterDelete = { [mine]: { tier: 1, plan: 'pro', locked: false }, test: { int_property: 7 } };
  expect(await licenseValues()).toEqual(afterDelete);

  // Group values: the JS SDK's group_id and the docs' id, GET and POST; defaults for groups without a value.
  const sales = await config(acme, 'create_group', { name: 'Sales', agent_priorities: { [acme.ids.normal]: 'normal' } });
  expect(sales.body).toEqual({ id: 1 });
  expect(await config(acme, 'update_group_properties', { group_id: 1, properties: { [mine]: { tier: 5 } } })).toEqual(ok);
  expect(await config(acme, 'update_group_properties', { id: 0, properties: { test: { string_property: 'everyone' } } })).toEqual(ok);
  const groupValues = async (id: number) => (await config(acme, 'list_group_properties', { id, namespace: mine })).body;
  expect(await groupValues(1)).toEqual({ [mine]: { tier: 5 } });
  expect(await groupValues(0)).toEqual({ [mine]: { tier: 1 } });
  const groupViaGet = await callWeb(urls.configuration, 'configuration', 'list_group_properties', undefined, {
    method: 'GET',
    token: acme.tokens.owner,
    query: { id: '0', namespace_prefix: 'te' },
  });
  expect(groupViaGet).toEqual({ status: 200, body: { test: { string_property: 'everyone' } } });
  for (const [action, payload, status, type] of [
    ['update_group_properties', { group_id: 99, properties: { [mine]: { tier: 2 } } }, 404, 'group_not_found'],
    ['list_group_properties', { id: 99 }, 404, 'group_not_found'],
    ['delete_group_properties', { id: 99, properties: { [mine]: ['tier'] } }, 404, 'group_not_found'],
    ['update_group_properties', { id: 1, properties: { [mine]: { plan: 'pro' } } }, 403, 'authorization'],
    ['update_group_properties', { id: 1, properties: { [mine]: { tier: 6 } } }, 400, 'validation'],
    ['update_group_properties', { properties: { [mine]: { tier: 2 } } }, 400, 'validation'],
    ['update_group_properties', { id: 1, group_id: 2, properties: { [mine]: { tier: 2 } } }, 400, 'validation'],
    ['list_group_properties', { id: -1 }, 400, 'validation'],
  ] as const) {
    const refused = await config(acme, action, payload);
    expect([action, payload, refused.status, refused.body.error?.type]).toEqual([action, payload, status, type]);
  }
  expect(await groupValues(1)).toEqual({ [mine]: { tier: 5 } });
  expect(await config(acme, 'delete_group_properties', { id: 0, properties: { test: ['string_property'] } })).toEqual(ok);
  expect((await config(acme, 'list_group_properties', { id: 0, namespace: 'test' })).body).toEqual({});

  // A customer, without a token, reads what the customer role may read — and nothing else.
  const customer = (action: string, organizationId: string | undefined, query: Record<string, string> = {}) =>
    callWeb(urls.customer, 'customer', action, undefined, { method: 'GET', organizationId, query });
  expect(await customer('list_license_properties', acme.organizationId)).toEqual({
    status: 200,
    body: { [mine]: { tier: 1, locked: false }, [partnerApp.body.client_id]: { tier: 1 }, test: { int_property: 7 } },
  });
  expect((await customer('list_license_properties', acme.organizationId, { namespace: mine, name: 'tier' })).body).toEqual({ [mine]: { tier: 1 } });
  expect((await customer('list_group_properties', acme.organizationId, { id: '1', namespace: mine })).body).toEqual({ [mine]: { tier: 5 } });
  expect((await customer('list_group_properties', acme.organizationId, { id: '99' })).body.error.type).toBe('group_not_found');
  expect((await customer('list_license_properties', undefined)).body.error.type).toBe('validation');
  expect((await customer('list_license_properties', '00000000-0000-4000-8000-000000000000')).body.error.type).toBe('license_not_found');

  // The other organization sees none of it and changes none of it: acme's namespace is unknown there.
  for (const [action, payload, status, type] of [
    ['list_properties', { owner_client_id: mine }, 400, 'validation'],
    ['register_property', { name: 'tier', owner_client_id: mine, ...tier }, 400, 'validation'],
    ['publish_property', { name: 'tier', owner_client_id: mine, access_type: ['read', 'write'] }, 400, 'validation'],
    ['unregister_property', { name: 'plan', owner_client_id: mine }, 400, 'validation'],
    ['update_license_properties', { properties: { [mine]: { tier: 2 } } }, 400, 'validation'],
    ['delete_license_properties', { properties: { [mine]: ['plan'] } }, 400, 'validation'],
    ['update_group_properties', { id: 1, properties: { [mine]: { tier: 2 } } }, 404, 'group_not_found'],
    ['update_group_properties', { id: 0, properties: { [mine]: { tier: 2 } } }, 400, 'validation'],
    ['list_group_properties', { id: 1 }, 404, 'group_not_found'],
  ] as const) {
    const refused = await config(other, action, payload);
    expect([action, refused.status, refused.body.error?.type]).toEqual([action, status, type]);
  }
  expect(await licenseValues(other)).toEqual({});
  expect((await config(other, 'list_group_properties', { id: 0 })).body).toEqual({});
  expect((await config(other, 'list_properties', { owner_client_id: theirs })).body).toEqual({});
  expect((await customer('list_license_properties', other.organizationId)).body).toEqual({});
  expect(await licenseValues()).toEqual(afterDelete);
  expect(await listProperties()).toEqual({ ...remaining, tier: { ...tier, public_access: ['read', 'write'] } });
}
