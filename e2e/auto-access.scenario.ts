import { callWeb } from '@switchboard/testing';
import { createTeam, IdentityUrls, Part, rtmLogin, Team } from './identity.scenario';

/**
 * Auto access rules as an integrator manages them over the Configuration Web
 * API, in two organizations: add, list in order, update, reorder, delete, with
 * the refusals on the way; an agent of each, logged in over RTM on a gateway,
 * hears its own organization's changes and nothing of the other's.
 */
export async function checkAutoAccess(urls: IdentityUrls, adminToken: string, name: string): Promise<void> {
  const acme = await createTeam(urls, adminToken, `${name}A`);
  const other = await createTeam(urls, adminToken, `${name}B`);
  const config = (team: Team, action: string, payload: unknown, as: Part = 'owner') =>
    callWeb(urls.configuration, 'configuration', action, payload, { token: team.tokens[as] });
  const list = async (team: Team, as: Part = 'owner') => {
    const listed = await config(team, 'list_auto_accesses', {}, as);
    expect(listed.status).toBe(200);
    return listed.body as Array<{ id: string }>;
  };
  const order = async (team: Team) => (await list(team)).map((r) => r.id);

  for (const group of ['Sales', 'Support']) {
    const created = await config(acme, 'create_group', { name: group, agent_priorities: { [acme.ids.normal]: 'normal' } });
    expect(created.status).toBe(200);
  }
  // A normal agent holds access_rules:ro: it hears the changes, on the first gateway.
  const listening = await rtmLogin(urls.agent[0], acme.tokens.normal);
  const outsider = await rtmLogin(urls.agent[urls.agent.length - 1], other.tokens.normal);
  expect(await list(acme)).toEqual([]);

  // Added: the answer is the new rule's id; logged-in agents hear the whole rule.
  const chile = {
    description: 'Chats from Chile',
    access: { groups: [1] },
    conditions: { geolocation: { values: [{ country: 'Chile', country_code: 'CL' }] } },
  };
  const pricing = { access: { groups: [2, 0] }, conditions: { url: { values: [{ value: 'example.com/pricing', exact_match: true }] } } };
  const notShop = { access: { groups: [1] }, conditions: { domain: { exclude_values: [{ value: 'shop.example.com' }] } } };
  const berlin = { access: { groups: [2] }, conditions: { geolocation: { values: [{ city: 'Berlin' }] }, url: { values: [{ value: '/de/' }] } } };
  const ids: Record<string, string> = {};
  for (const [key, rule] of [
    ['A', chile],
    ['B', pricing],
    ['C', notShop],
    ['D', { ...berlin, next_id: '' }],
  ] as const) {
    const added = await config(acme, 'add_auto_access', rule);
    expect(added.status).toBe(200);
    expect(added.body).toEqual({ id: expect.stringMatching(/^[0-9a-f]{32}$/) });
    ids[key] = added.body.id;
  }
  expect(new Set(Object.values(ids)).size).toBe(4);
  const { A, B, C, D } = ids;
  const heardA = await listening.nextPush('auto_access_added', (f) => f.payload.id === A, 20_000);
  expect(heardA.payload).toEqual({ id: A, ...chile });

  // Listed in list order, each rule naming the next one; the last names none.
  expect(await list(acme)).toEqual([
    { id: A, ...chile, next_id: B },
    { id: B, ...pricing, next_id: C },
    { id: C, ...notShop, next_id: D },
    { id: D, ...berlin },
  ]);

  // Inserted before a given rule: the push says where.
  const e = await config(acme, 'add_auto_access', { ...notShop, description: 'Before B', next_id: B });
  expect(e.status).toBe(200);
  const E = e.body.id;
  expect((await listening.nextPush('auto_access_added', (f) => f.payload.id === E, 20_000)).payload).toEqual({
    id: E,
    ...notShop,
    description: 'Before B',
    next_id: B,
  });
  expect(await order(acme)).toEqual([A, E, B, C, D]);
  expect(await config(acme, 'delete_auto_access', { id: E })).toEqual({ status: 200, body: {} });
  expect((await listening.nextPush('auto_access_deleted', (f) => f.payload.id === E, 20_000)).payload).toEqual({ id: E });
  expect(await order(acme)).toEqual([A, B, C, D]);

  // Reordered: A→B→C→D with {id: C, next_id: B} gives A→C→B→D; "" moves a rule to the end.
  expect(await config(acme, 'update_auto_access', { id: C, next_id: B })).toEqual({ status: 200, body: {} });
  expect((await listening.nextPush('auto_access_updated', (f) => f.payload.id === C, 20_000)).payload).toEqual({ id: C, next_id: B });
  expect(await order(acme)).toEqual([A, C, B, D]);
  expect(await config(acme, 'update_auto_access', { id: A, next_id: '' })).toEqual({ status: 200, body: {} });
  expect((await listening.nextPush('auto_access_updated', (f) => f.payload.id === A, 20_000)).payload).toEqual({ id: A, next_id: '' });
  expect(await order(acme)).toEqual([C, B, D, A]);

  // Updated: only the given fields are overwritten, and the push names only what changed.
  const newAccess = { groups: [1, 2] };
  expect(await config(acme, 'update_auto_access', { id: B, description: 'Pricing page', access: newAccess, conditions: pricing.conditions })).toEqual({
    status: 200,
    body: {},
  });
  expect((await listening.nextPush('auto_access_updated', (f) => f.payload.id === B, 20_000)).payload).toEqual({
    id: B,
    description: 'Pricing page',
    access: newAccess,
  });
  const rulesNow = [
    { id: C, ...notShop, next_id: B },
    { id: B, description: 'Pricing page', access: newAccess, conditions: pricing.conditions, next_id: D },
    { id: D, ...berlin, next_id: A },
    { id: A, ...chile },
  ];
  expect(await list(acme)).toEqual(rulesNow);

  // Refused, naming the field, and nothing changes.
  const unknownId = 'f'.repeat(32);
  for (const [action, payload, status, type, field] of [
    ['add_auto_access', { conditions: chile.conditions }, 400, 'validation', 'access'],
    ['add_auto_access', { access: { groups: [] }, conditions: chile.conditions }, 400, 'validation', 'access.groups'],
    ['add_auto_access', { access: { groups: [1] } }, 400, 'validation', 'conditions'],
    ['add_auto_access', { access: { groups: [1] }, conditions: {} }, 400, 'validation', 'conditions'],
    ['add_auto_access', { access: { groups: [1] }, conditions: { url: { values: [{ value: 'a' }], exclude_values: [{ value: 'b' }] } } }, 400, 'validation', 'conditions.url.exclude_values'],
    ['add_auto_access', { access: { groups: [1] }, conditions: { domain: { values: [{ exact_match: true }] } } }, 400, 'validation', 'conditions.domain.values.0.value'],
    ['add_auto_access', { access: { groups: [1] }, conditions: { geolocation: { values: [{}] } } }, 400, 'validation', 'conditions.geolocation.values.0'],
    ['add_auto_access', { access: { groups: ['1'] }, conditions: chile.conditions }, 400, 'validation', 'access.groups.0'],
    ['add_auto_access', { ...chile, access: { groups: [1, 99] } }, 404, 'group_not_found', 'access.groups'],
    ['add_auto_access', { ...chile, next_id: unknownId }, 404, 'not_found', 'next_id'],
    ['update_auto_access', { description: 'No id' }, 400, 'validation', 'id'],
    ['update_auto_access', { id: B, next_id: B }, 400, 'validation', 'next_id'],
    ['update_auto_access', { id: B, conditions: { url: { values: [] } } }, 400, 'validation', 'conditions.url.values'],
    ['update_auto_access', { id: B, access: { groups: [7] } }, 404, 'group_not_found', 'access.groups'],
    ['update_auto_access', { id: B, next_id: unknownId }, 404, 'not_found', 'next_id'],
    ['update_auto_access', { id: unknownId, description: 'Ghost' }, 404, 'not_found', ''],
    ['delete_auto_access', { id: unknownId }, 404, 'not_found', ''],
    ['delete_auto_access', {}, 400, 'validation', 'id'],
  ] as const) {
    const refused = await config(acme, action, payload);
    expect([action, payload, refused.status, refused.body.error?.type]).toEqual([action, payload, status, type]);
    expect(refused.body.error.message).toContain(field);
  }
  // A normal agent reads the rules but cannot change them.
  expect(await list(acme, 'normal')).toEqual(rulesNow);
  for (const [action, payload] of [
    ['add_auto_access', chile],
    ['update_auto_access', { id: B, description: 'Mine' }],
    ['delete_auto_access', { id: B }],
  ] as const) {
    const refused = await config(acme, action, payload, 'normal');
    expect([action, refused.status, refused.body.error?.type]).toEqual([action, 403, 'authorization']);
  }
  expect(await list(acme)).toEqual(rulesNow);

  // Another organization neither sees nor changes these rules: its ids do not exist there.
  expect(await list(other)).toEqual([]);
  for (const [action, payload] of [
    ['update_auto_access', { id: B, description: 'Taken' }],
    ['update_auto_access', { id: B, next_id: '' }],
    ['delete_auto_access', { id: B }],
    ['add_auto_access', { ...chile, access: { groups: [0] }, next_id: B }],
  ] as const) {
    const refused = await config(other, action, payload);
    expect([action, refused.status, refused.body.error?.type]).toEqual([action, 404, 'not_found']);
  }
  expect(await list(acme)).toEqual(rulesNow);
  // Its agents hear only their own organization's rules: the first they hear of is their own.
  const own = await config(other, 'add_auto_access', { access: { groups: [0] }, conditions: { domain: { values: [{ value: 'other.example' }] } } });
  expect(own.status).toBe(200);
  expect((await outsider.nextPush('auto_access_added', () => true, 20_000)).payload.id).toBe(own.body.id);
  expect(await order(other)).toEqual([own.body.id]);

  // Deleted: gone from the list, its neighbours linked to each other; a second deletion finds nothing.
  expect(await config(acme, 'delete_auto_access', { id: D })).toEqual({ status: 200, body: {} });
  expect((await listening.nextPush('auto_access_deleted', (f) => f.payload.id === D, 20_000)).payload).toEqual({ id: D });
  expect(await list(acme)).toEqual([rulesNow[0], { ...rulesNow[1], next_id: A }, rulesNow[3]]);
  expect((await config(acme, 'delete_auto_access', { id: D })).body.error.type).toBe('not_found');

  // An organization has at most 100 rules.
  for (let i = (await list(other)).length; i < 100; i++) {
    const added = await config(other, 'add_auto_access', { access: { groups: [0] }, conditions: { url: { values: [{ value: `/page-${i}` }] } } });
    expect(added.status).toBe(200);
  }
  const beyond = await config(other, 'add_auto_access', { access: { groups: [0] }, conditions: { url: { values: [{ value: '/one-more' }] } } });
  expect([beyond.status, beyond.body.error?.type]).toEqual([422, 'limit_reached']);
  expect(await list(other)).toHaveLength(100);
  expect(await order(acme)).toEqual([C, B, A]);
  listening.close();
  outsider.close();
}
