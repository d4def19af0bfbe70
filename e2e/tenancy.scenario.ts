import { METHOD_CATALOG } from '@switchboard/protocol';
import { callWeb } from '@switchboard/testing';
import { createTeam, IdentityUrls, post, Team } from './identity.scenario';

type Reply = { status: number; body: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

/** What the first organization has, by id: every kind of thing the Configuration API manages. */
interface Holdings {
  agent: string;
  group: number;
  application: string;
  defaultApplication: string;
  bot: string;
  rule: string;
  personalAccessToken: string;
  webhook: string;
}

/** Public id look-ups by design. */
const NOT_PROBED = new Set(['get_license_id', 'get_organization_id']);

const MARKER = 'Zephyr';
const ALL_AGENT_FIELDS = ['work_scheduler', 'groups', 'email_subscriptions', 'notifications', 'job_title', 'mobile', 'max_chats_count', 'suspended', 'awaiting_approval'];
const ALL_BOT_FIELDS = ['groups', 'work_scheduler', 'job_title', 'max_chats_count', 'timezone'];

/** Every Configuration API method, aimed by the second organization at the first one's things. */
function probes(a: Holdings): Record<string, unknown> {
  const anyUrl = { url: { values: [{ value: 'example.com' }] } };
  return {
    create_agent: { id: a.agent, name: 'Stolen' },
    get_agent: { id: a.agent, fields: ALL_AGENT_FIELDS },
    list_agents: { fields: ALL_AGENT_FIELDS },
    update_agent: { id: a.agent, name: 'Hijacked', max_chats_count: 1 },
    delete_agent: { id: a.agent },
    suspend_agent: { id: a.agent },
    unsuspend_agent: { id: a.agent },
    approve_agent: { id: a.agent },
    request_agent_unsuspension: {},
    add_auto_access: { access: { groups: [0] }, conditions: anyUrl, next_id: a.rule },
    list_auto_accesses: {},
    update_auto_access: { id: a.rule, description: 'Hijacked' },
    delete_auto_access: { id: a.rule },
    create_bot: { name: 'Stolen', owner_client_id: a.application },
    delete_bot: { id: a.bot },
    update_bot: { id: a.bot, name: 'Hijacked' },
    list_bots: { all: true, fields: ALL_BOT_FIELDS },
    get_bot: { id: a.bot, fields: ALL_BOT_FIELDS },
    // The JS SDK's updateGroup: create_group with an id.
    create_group: { id: a.group, name: 'Hijacked' },
    update_group: { id: a.group, name: 'Hijacked' },
    delete_group: { id: a.group },
    list_groups: { fields: ['agent_priorities', 'routing_status'] },
    get_group: { id: a.group, fields: ['agent_priorities', 'routing_status'] },
    register_property: { name: 'stolen', owner_client_id: a.defaultApplication, type: 'int', access: { license: { agent: ['read'] } } },
    unregister_property: { name: 'zephyr_tier', owner_client_id: a.defaultApplication },
    publish_property: { name: 'zephyr_tier', owner_client_id: a.defaultApplication, access_type: ['read', 'write'] },
    list_properties: { owner_client_id: a.defaultApplication },
    update_license_properties: { properties: { [a.defaultApplication]: { zephyr_tier: 5 } } },
    list_license_properties: { namespace: a.defaultApplication },
    delete_license_properties: { properties: { [a.defaultApplication]: ['zephyr_tier'] } },
    update_group_properties: { group_id: a.group, properties: { [a.defaultApplication]: { zephyr_tier: 5 } } },
    list_group_properties: { id: a.group },
    delete_group_properties: { id: a.group, properties: { [a.defaultApplication]: ['zephyr_tier'] } },
    register_webhook: { action: 'incoming_chat', secret_key: MARKER, url: 'https://zephyr.example/stolen', type: 'license', owner_client_id: a.defaultApplication },
    list_webhooks: { owner_client_id: a.defaultApplication },
    unregister_webhook: { id: a.webhook, owner_client_id: a.defaultApplication },
    list_webhook_names: {},
    enable_license_webhooks: { client_id: a.defaultApplication },
    disable_license_webhooks: { owner_client_id: a.defaultApplication },
    get_license_webhooks_state: { client_id: a.application },
  };
}

/**
 * The first organization's things, each named with the marker, each kind the
 * Configuration API manages: an agent, a group, an application, a bot, an
 * auto access rule, a property with license and group values, a personal
 * access token.
 */
async function furnish(urls: IdentityUrls, team: Team): Promise<Holdings> {
  const config = async (action: string, payload: unknown): Promise<Reply> => {
    const reply = await callWeb(urls.configuration, 'configuration', action, payload, { token: team.owner });
    expect([action, reply.status]).toEqual([action, 200]);
    return reply;
  };
  const domain = team.ids.owner.split('@')[1];
  const agent = `zephyr@${domain}`;
  await config('create_agent', { id: agent, name: `${MARKER} agent`, job_title: MARKER, work_scheduler: { monday: { start: '09:00', end: '17:00' } } });
  const group = (await config('create_group', { name: `${MARKER} group`, agent_priorities: { [agent]: 'normal' } })).body.id as number;
  const application = (await post(urls.configuration, '/auth/applications', { name: `${MARKER} app` }, team.owner)).body.client_id as string;
  const applications = await fetch(`${urls.configuration}/auth/applications`, { headers: { Authorization: `Bearer ${team.owner}` } });
  const defaultApplication = ((await applications.json()) as Array<{ client_id: string }>)[0].client_id;
  const bot = (await config('create_bot', { name: `${MARKER} bot`, groups: [{ id: group, priority: 'first' }] })).body.id as string;
  const rule = (await config('add_auto_access', { description: `${MARKER} rule`, access: { groups: [group] }, conditions: { url: { values: [{ value: 'zephyr' }] } } })).body.id as string;
  const access = { license: { agent: ['read', 'write'], customer: ['read'] }, group: { agent: ['read', 'write'] } };
  await config('register_property', { name: 'zephyr_tier', owner_client_id: defaultApplication, type: 'int', access, description: MARKER, default_value: 1 });
  await config('update_license_properties', { properties: { [defaultApplication]: { zephyr_tier: 3 } } });
  await config('update_group_properties', { group_id: group, properties: { [defaultApplication]: { zephyr_tier: 4 } } });
  const pat = await post(urls.configuration, '/auth/personal_access_tokens', { name: `${MARKER} token` }, team.owner);
  expect(pat.status).toBe(200);
  const webhook = { action: 'incoming_event', secret_key: `${MARKER} secret`, url: 'https://zephyr.example/hook', type: 'license', description: MARKER, owner_client_id: defaultApplication };
  const webhookId = (await config('register_webhook', webhook)).body.id as string;
  await config('disable_license_webhooks', { client_id: application });
  return { agent, group, application, defaultApplication, bot, rule, personalAccessToken: pat.body.id, webhook: webhookId };
}

/** Everything the first organization's owner can read of it, to compare before and after. */
async function snapshot(urls: IdentityUrls, team: Team, a: Holdings): Promise<unknown> {
  const read = async (action: string, payload: unknown) => (await callWeb(urls.configuration, 'configuration', action, payload, { token: team.owner })).body;
  const get = async (path: string) => (await fetch(`${urls.configuration}${path}`, { headers: { Authorization: `Bearer ${team.owner}` } })).json();
  return {
    agents: await read('list_agents', { fields: ALL_AGENT_FIELDS }),
    groups: await read('list_groups', { fields: ['agent_priorities'] }),
    bots: await read('list_bots', { all: true, fields: ALL_BOT_FIELDS }),
    rules: await read('list_auto_accesses', {}),
    properties: await read('list_properties', { owner_client_id: a.defaultApplication }),
    license: await read('list_license_properties', {}),
    group: await read('list_group_properties', { id: a.group }),
    webhooks: await read('list_webhooks', { owner_client_id: a.defaultApplication }),
    webhookStates: [await read('get_license_webhooks_state', { client_id: a.defaultApplication }), await read('get_license_webhooks_state', { client_id: a.application })],
    applications: await get('/auth/applications'),
    tokens: await get('/auth/personal_access_tokens'),
  };
}

/**
 * Two organizations: the second one's owner — the most powerful agent there
 * is, with a Bearer token and with a personal access token — calls every
 * Configuration API method and account endpoint aimed at the first one's
 * agents, groups, bots, rules, properties and applications. No answer shows
 * any of it, and afterwards the first organization has exactly what it had.
 */
export async function checkTenancy(urls: IdentityUrls, adminToken: string, name: string): Promise<void> {
  const acme = await createTeam(urls, adminToken, `${name}A`);
  const other = await createTeam(urls, adminToken, `${name}B`);
  const a = await furnish(urls, acme);
  const before = await snapshot(urls, acme, a);
  expect(JSON.stringify(before)).toContain(MARKER);

  // Every method of the Configuration API but the two public id look-ups is probed.
  const table = probes(a);
  const methods = METHOD_CATALOG.filter((m) => m.api === 'configuration' && !NOT_PROBED.has(m.action)).map((m) => m.action);
  expect(Object.keys(table).sort()).toEqual(methods.sort());

  const theirPat = await post(urls.configuration, '/auth/personal_access_tokens', { name: 'probe' }, other.owner);
  const credentials = {
    bearer: { Authorization: `Bearer ${other.owner}` },
    pat: { Authorization: `Basic ${Buffer.from(`${other.ids.owner}:${theirPat.body.token}`).toString('base64')}` },
  };
  const secrets = [MARKER, acme.organizationId, a.agent, a.application, a.defaultApplication, a.bot, a.rule, a.personalAccessToken, a.webhook];
  // What the first organization has that an answer shows, beyond what the caller itself sent (an error may echo an id).
  const leaks = (reply: Reply, sent: unknown) =>
    secrets.filter((secret) => JSON.stringify(reply.body).includes(secret) && !JSON.stringify(sent).includes(secret));
  for (const [credential, headers] of Object.entries(credentials)) {
    for (const [action, payload] of Object.entries(table)) {
      const reply = await callWeb(urls.configuration, 'configuration', action, payload, { headers });
      // Refused, or answered about the caller's own organization only.
      expect({ credential, action, status: reply.status, leaks: leaks(reply, payload) }).toEqual({ credential, action, status: reply.status, leaks: [] });
    }
  }

  // Webhooks: the first one's webhook id is unknown to the second one's own application; its client ids are not the second one's.
  const theirClient = ((await (await fetch(`${urls.configuration}/auth/applications`, { headers: credentials.bearer })).json()) as Array<{ client_id: string }>)[0].client_id;
  for (const [credential, headers] of Object.entries(credentials)) {
    const unregister = await callWeb(urls.configuration, 'configuration', 'unregister_webhook', { id: a.webhook, owner_client_id: theirClient }, { headers });
    expect([credential, unregister.status, unregister.body.error?.type]).toEqual([credential, 404, 'not_found']);
    for (const [action, payload] of Object.entries(table).filter(([action]) => action.includes('webhooks') || action.endsWith('_webhook'))) {
      const reply = await callWeb(urls.configuration, 'configuration', action, payload, { headers });
      expect([credential, action, reply.status, reply.body.error?.type]).toEqual([credential, action, 400, 'validation']);
    }
  }

  // The account endpoints: tokens for the first one's agent or application, revoking its tokens.
  for (const [path, body] of [
    ['/auth/agent_token', { agent_id: a.agent }],
    ['/auth/agent_token', { agent_id: other.ids.owner, client_id: a.application }],
    ['/auth/revoke', { agent_id: a.agent }],
    ['/auth/personal_access_tokens/revoke', { id: a.personalAccessToken }],
  ] as const) {
    const reply = await post(urls.configuration, path, body, other.owner);
    expect([path, reply.status, leaks(reply, body)]).toEqual([path, expect.any(Number), []]);
    expect(reply.status).not.toBe(200);
  }
  // Acting as the first one's bot over the Agent Chat API.
  const asBot = await callWeb(urls.agent[0], 'agent', 'set_routing_status', { agent_id: a.bot, status: 'accepting_chats' }, { token: other.owner, headers: { 'X-Author-Id': a.bot } });
  expect(asBot.body.error.type).toBe('authorization');

  expect(await snapshot(urls, acme, a)).toEqual(before);
}
