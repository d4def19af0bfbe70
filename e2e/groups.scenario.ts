import { callWeb } from '@switchboard/testing';
import { createTeam, IdentityUrls, Part, rtmLogin, Team } from './identity.scenario';

/**
 * Groups as an integrator manages them over the Configuration Web API, in two
 * organizations: create, read, list, update (`update_group` and the JS SDK's
 * `create_group` with an `id`), delete, with the refusals on the way; an agent
 * of the first, logged in over RTM on a gateway, hears every change.
 */
export async function checkGroups(urls: IdentityUrls, adminToken: string, name: string): Promise<void> {
  const acme = await createTeam(urls, adminToken, `${name}A`);
  const other = await createTeam(urls, adminToken, `${name}B`);
  const config = (team: Team, action: string, payload: unknown, as: Part = 'owner') =>
    callWeb(urls.configuration, 'configuration', action, payload, { token: team.tokens[as] });
  const agentApi = (team: Team, action: string, payload: unknown) =>
    callWeb(urls.agent[urls.agent.length - 1], 'agent', action, payload, { token: team.tokens.owner });
  const { normal: max, other: sam } = acme.ids;
  const listening = await rtmLogin(urls.agent[0], acme.tokens.normal);

  // Created: the answer is the new id, and logged-in agents hear the whole group.
  const sales = await config(acme, 'create_group', { name: 'Sales', language_code: 'en', agent_priorities: { [max]: 'normal', [sam]: 'last' } });
  expect(sales).toEqual({ status: 200, body: { id: 1 } });
  const support = await config(acme, 'create_group', { name: 'Support', agent_priorities: { [sam]: 'normal' } });
  expect(support.body).toEqual({ id: 2 });
  const created = await listening.nextPush('group_created', (f) => f.payload.id === 1, 20_000);
  expect(created.payload).toEqual({ id: 1, name: 'Sales', language_code: 'en', agent_priorities: { [max]: 'normal', [sam]: 'last' } });

  // Read: the basics, and the extra fields asked for; members see the group among their own.
  expect((await config(acme, 'get_group', { id: 1 })).body).toEqual({ id: 1, name: 'Sales', language_code: 'en' });
  const withFields = await config(acme, 'get_group', { id: 1, fields: ['agent_priorities', 'routing_status'] }, 'normal');
  expect(withFields.body).toMatchObject({ id: 1, agent_priorities: { [max]: 'normal', [sam]: 'last' } });
  expect(['accepting_chats', 'not_accepting_chats', 'offline']).toContain(withFields.body.routing_status);
  const listed = await config(acme, 'list_groups', { fields: ['agent_priorities'] });
  expect(listed.body).toEqual([
    { id: 0, name: 'General', language_code: 'en', agent_priorities: {} },
    { id: 1, name: 'Sales', language_code: 'en', agent_priorities: { [max]: 'normal', [sam]: 'last' } },
    { id: 2, name: 'Support', language_code: 'en', agent_priorities: { [sam]: 'normal' } },
  ]);
  const samGroups = async () => (await config(acme, 'get_agent', { id: sam, fields: ['groups'] })).body.groups;
  expect(await samGroups()).toEqual(expect.arrayContaining([{ id: 1, priority: 'last' }, { id: 2, priority: 'normal' }]));

  // Two chats open to Sales: one only to it, one to Support as well.
  const onlySales = await agentApi(acme, 'start_chat', { chat: { access: { group_ids: [1] } } });
  const salesAndSupport = await agentApi(acme, 'start_chat', { chat: { access: { group_ids: [1, 2] } } });
  expect([onlySales.status, salesAndSupport.status]).toEqual([200, 200]);

  // Updated through update_group: the priorities are replaced, not merged; the push names only what changed.
  expect(await config(acme, 'update_group', { id: 1, name: 'Sales EU', agent_priorities: { [max]: 'normal' } })).toEqual({ status: 200, body: {} });
  const renamed = await listening.nextPush('group_updated', (f) => f.payload.id === 1, 20_000);
  expect(renamed.payload).toEqual({ id: 1, name: 'Sales EU', agent_priorities: { [max]: 'normal' } });
  expect(await samGroups()).toEqual([expect.objectContaining({ id: 0 }), { id: 2, priority: 'normal' }]);
  // … and through create_group with an id, as the JS SDK's updateGroup sends it.
  expect(await config(acme, 'create_group', { id: 1, language_code: 'de' })).toEqual({ status: 200, body: {} });
  expect((await listening.nextPush('group_updated', (f) => f.payload.id === 1, 20_000)).payload).toEqual({ id: 1, language_code: 'de' });
  const salesNow = { id: 1, name: 'Sales EU', language_code: 'de', agent_priorities: { [max]: 'normal' } };
  expect((await config(acme, 'get_group', { id: 1, fields: ['agent_priorities'] })).body).toEqual(salesNow);

  // Refused, and nothing changes: bad input, unknown groups, group 0, a normal agent (groups--all:ro only).
  for (const [action, payload, status, type] of [
    ['update_group', { id: 1, agent_priorities: { [max]: 'first' } }, 400, 'validation'],
    ['update_group', { id: 1, name: '' }, 400, 'validation'],
    ['create_group', { id: 1, name: 'x'.repeat(181) }, 400, 'validation'],
    ['update_group', { id: 0, agent_priorities: { [max]: 'normal' } }, 400, 'validation'],
    ['delete_group', { id: 0 }, 400, 'validation'],
    ['get_group', { id: 99 }, 404, 'group_not_found'],
    ['update_group', { id: 99, name: 'Ghost' }, 404, 'group_not_found'],
    ['create_group', { id: 99, name: 'Ghost' }, 404, 'group_not_found'],
    ['delete_group', { id: 99 }, 404, 'group_not_found'],
  ] as const) {
    const refused = await config(acme, action, payload);
    expect([action, payload, refused.status, refused.body.error?.type]).toEqual([action, payload, status, type]);
  }
  for (const [action, payload] of [
    ['create_group', { name: 'Mine', agent_priorities: { [max]: 'normal' } }],
    ['update_group', { id: 1, name: 'Mine' }],
    ['delete_group', { id: 1 }],
  ] as const) {
    const refused = await config(acme, action, payload, 'normal');
    expect([action, refused.status, refused.body.error?.type]).toEqual([action, 403, 'authorization']);
  }
  expect((await config(acme, 'get_group', { id: 1, fields: ['agent_priorities'] })).body).toEqual(salesNow);
  expect((await config(acme, 'get_group', { id: 0 })).body).toEqual({ id: 0, name: 'General', language_code: 'en' });

  // Another organization neither reads nor changes these groups: they do not exist there.
  for (const [action, payload] of [
    ['get_group', { id: 1 }],
    ['update_group', { id: 1, name: 'Taken' }],
    ['create_group', { id: 1, name: 'Taken' }],
    ['delete_group', { id: 1 }],
  ] as const) {
    const refused = await config(other, action, payload);
    expect([action, refused.status, refused.body.error?.type]).toEqual([action, 404, 'group_not_found']);
  }
  expect((await config(other, 'list_groups', {})).body).toEqual([{ id: 0, name: 'General', language_code: 'en' }]);
  expect((await config(acme, 'get_group', { id: 1, fields: ['agent_priorities'] })).body).toEqual(salesNow);

  // Deleted: gone from the list and from its members' groups; its chats keep their other groups, or fall back to group 0.
  expect(await config(acme, 'delete_group', { id: 1 })).toEqual({ status: 200, body: {} });
  expect((await listening.nextPush('group_deleted', (f) => f.payload.id === 1, 20_000)).payload).toEqual({ id: 1 });
  expect((await config(acme, 'get_group', { id: 1 })).body.error.type).toBe('group_not_found');
  expect((await config(acme, 'list_groups', {})).body.map((g: { id: number }) => g.id)).toEqual([0, 2]);
  const maxGroups = (await config(acme, 'get_agent', { id: max, fields: ['groups'] })).body.groups;
  expect(maxGroups.map((g: { id: number }) => g.id)).toEqual([0]);
  const access = async (chatId: string) => (await agentApi(acme, 'get_chat', { chat_id: chatId })).body.access;
  expect(await access(onlySales.body.chat_id)).toEqual({ group_ids: [0] });
  expect(await access(salesAndSupport.body.chat_id)).toEqual({ group_ids: [2] });
  // A new group never takes a deleted group's id.
  expect((await config(acme, 'create_group', { name: 'Sales again', agent_priorities: { [max]: 'normal' } })).body).toEqual({ id: 3 });
  listening.close();
}
