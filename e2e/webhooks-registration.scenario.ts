import { callWeb } from '@switchboard/testing';
import { createTeam, post, Team } from './identity.scenario';

type Reply = { status: number; body: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface WebhookRegistrationOptions {
  /** The server runs with WEBHOOK_BLOCK_PRIVATE_TARGETS=true. */
  blocksPrivateTargets: boolean;
}

const WEBHOOK_ID = /^[0-9a-f]{32}$/;
const basic = (accountId: string, secret: string) => `Basic ${Buffer.from(`${accountId}:${secret}`).toString('base64')}`;

async function defaultClientId(url: string, team: Team): Promise<string> {
  const response = await fetch(`${url}/auth/applications`, { headers: { Authorization: `Bearer ${team.owner}` } });
  return ((await response.json()) as Array<{ client_id: string }>)[0].client_id;
}

/**
 * Webhook management as an integrator uses it over the Configuration Web
 * API: the catalogue without a token; registering license and bot webhooks
 * for an application of the organization, listing and unregistering them,
 * the limit of three per action and client id, every refusal changing
 * nothing; license webhooks disabled and enabled per client id, with a
 * Bearer token (its own client id by default) and a personal access token
 * (the client id named, as `owner_client_id` or the JS SDK's `client_id`);
 * and another organization neither sees nor touches any of it.
 */
export async function checkWebhookRegistration(configuration: string, adminToken: string, name: string, options: WebhookRegistrationOptions): Promise<void> {
  const acme = await createTeam({ configuration, agent: [] }, adminToken, `${name}A`);
  const other = await createTeam({ configuration, agent: [] }, adminToken, `${name}B`);
  const mine = await defaultClientId(configuration, acme);
  const theirs = await defaultClientId(configuration, other);
  const partner = (await post(configuration, '/admin/applications', { organization_id: acme.organizationId, name: 'Partner' }, adminToken)).body.client_id as string;
  const pat = (await post(configuration, '/auth/personal_access_tokens', { name: 'hooks' }, acme.owner)).body.token as string;

  const call = (action: string, payload: unknown, auth: { token?: string; headers?: Record<string, string> } = { token: acme.owner }): Promise<Reply> =>
    callWeb(configuration, 'configuration', action, payload, auth);
  const asPat = { headers: { Authorization: basic(acme.ids.owner, pat) } };
  const refusal = (reply: Reply) => [reply.status, reply.body?.error?.type];
  const list = async (clientId = mine) => (await call('list_webhooks', { owner_client_id: clientId })).body;

  // The catalogue: no token needed, 36 actions, each with what it supports; 3.4 by default, 3.5 the same.
  const names = await callWeb(configuration, 'configuration', 'list_webhook_names', {});
  expect(names.status).toBe(200);
  expect(names.body).toHaveLength(36);
  expect(names.body).toContainEqual({ action: 'incoming_event', filters: ['chat_presence', 'author_type', 'only_my_chats', 'source_type'], additional_data: ['chat_properties', 'chat_presence_user_ids'] });
  expect(names.body).toContainEqual({ action: 'agent_deleted', filters: ['source_type'] });
  expect((await callWeb(configuration, 'configuration', 'list_webhook_names', { version: '3.5' })).body).toEqual(names.body);
  expect((await call('list_webhook_names', {})).body).toEqual(names.body);
  expect(refusal(await callWeb(configuration, 'configuration', 'list_webhook_names', { version: '3.2' }))).toEqual([400, 'validation']);

  // Registered for an application of the organization: a new 32-hex id; list_webhooks shows all of it.
  const crm = {
    action: 'incoming_event',
    secret_key: 'crm-secret',
    url: 'https://crm.example/livechat',
    type: 'license',
    description: 'CRM sync',
    additional_data: ['chat_properties'],
    filters: { author_type: 'customer', source_type: ['other_clients', 'system'], chat_presence: { user_ids: { exclude_values: [acme.ids.normal] } } },
  };
  const registered = await call('register_webhook', { ...crm, owner_client_id: mine });
  expect(registered.status).toBe(200);
  expect(Object.keys(registered.body)).toEqual(['id']);
  expect(registered.body.id).toMatch(WEBHOOK_ID);
  const crmId: string = registered.body.id;
  const botHook = { action: 'incoming_chat', secret_key: 'bot-secret', url: 'http://bot.example:8080/hook', type: 'bot', filters: { chat_presence: { my_bots: true } } };
  const botId = (await call('register_webhook', { ...botHook, owner_client_id: mine })).body.id as string;
  // The alias of Register Webhook's table is kept under the delivered name.
  const accessId = (await call('register_webhook', { action: 'auto_access_created', secret_key: 's', url: 'https://crm.example/rules', type: 'license', owner_client_id: mine })).body.id as string;
  const listed = [
    { id: crmId, url: crm.url, description: crm.description, action: 'incoming_event', secret_key: crm.secret_key, filters: crm.filters, additional_data: crm.additional_data, owner_client_id: mine, type: 'license' },
    { id: botId, url: botHook.url, action: 'incoming_chat', secret_key: botHook.secret_key, filters: botHook.filters, owner_client_id: mine, type: 'bot' },
    { id: accessId, url: 'https://crm.example/rules', action: 'auto_access_added', secret_key: 's', owner_client_id: mine, type: 'license' },
  ];
  expect(await list()).toEqual(listed);
  expect(await list(partner)).toEqual([]);

  // Three per action per client id, license and bot together: the fourth is refused; another action or client id still fits.
  const simple = (action: string, clientId = mine) => ({ action, secret_key: 'k', url: 'https://crm.example/more', type: 'license', owner_client_id: clientId });
  const second = (await call('register_webhook', { ...simple('incoming_event'), type: 'bot' })).body.id as string;
  const third = (await call('register_webhook', simple('incoming_event'))).body.id as string;
  expect(refusal(await call('register_webhook', simple('incoming_event')))).toEqual([422, 'limit_reached']);
  const partnerHook = (await call('register_webhook', simple('incoming_event', partner))).body.id as string;
  expect(partnerHook).toMatch(WEBHOOK_ID);
  const full = await list();
  expect(full.map((w: { id: string }) => w.id)).toEqual([crmId, botId, accessId, second, third]);

  // Refused at the edge or by the rules, and nothing is registered.
  const theirOwner = { ...simple('chat_deactivated'), owner_client_id: theirs };
  for (const [payload, expected] of [
    [{ ...simple('chat_deactivated'), owner_client_id: undefined }, [400, 'validation']],
    [theirOwner, [400, 'validation']],
    [{ ...simple('chat_deactivated'), owner_client_id: 'f'.repeat(32) }, [400, 'validation']],
    [simple('chat_closed'), [400, 'validation']],
    [{ ...simple('incoming_chat'), filters: { author_type: 'agent' } }, [400, 'validation']],
    [{ ...simple('agent_created'), additional_data: ['chat_properties'] }, [400, 'validation']],
    [{ ...simple('incoming_chat'), filters: { chat_presence: { user_ids: { values: ['a'], exclude_values: ['b'] } } } }, [400, 'validation']],
    [{ ...simple('incoming_chat'), filters: { chat_member_ids: { agents_any: ['a'] } } }, [400, 'validation']],
    [{ ...simple('incoming_chat'), url: 'ftp://crm.example/' }, [400, 'validation']],
    [{ ...simple('incoming_chat'), url: 'crm.example/hook' }, [400, 'validation']],
    [{ ...simple('incoming_chat'), secret_key: '' }, [400, 'validation']],
    [{ ...simple('incoming_chat'), type: 'global' }, [400, 'validation']],
  ] as const) {
    expect([payload, refusal(await call('register_webhook', payload))]).toEqual([payload, expected]);
  }
  expect(await list()).toEqual(full);

  // Unregistered by its client id only; unknown and already unregistered ids are not_found; the place is free again.
  expect(refusal(await call('unregister_webhook', { id: 'f'.repeat(32), owner_client_id: mine }))).toEqual([404, 'not_found']);
  expect(refusal(await call('unregister_webhook', { id: partnerHook, owner_client_id: mine }))).toEqual([404, 'not_found']);
  expect(refusal(await call('unregister_webhook', { id: third, owner_client_id: theirs }))).toEqual([400, 'validation']);
  expect(await call('unregister_webhook', { id: third, owner_client_id: mine })).toEqual({ status: 200, body: {} });
  expect(refusal(await call('unregister_webhook', { id: third, owner_client_id: mine }))).toEqual([404, 'not_found']);
  expect((await list()).map((w: { id: string }) => w.id)).toEqual([crmId, botId, accessId, second]);
  const fourth = (await call('register_webhook', simple('incoming_event'))).body.id as string;
  expect(fourth).toMatch(WEBHOOK_ID);

  // Scopes: administrators hold webhooks.configuration:rw and webhooks.state:rw; normal agents neither.
  expect((await call('list_webhooks', { owner_client_id: mine }, { token: acme.tokens.admin })).body).toHaveLength(5);
  for (const [action, payload] of [
    ['register_webhook', simple('chat_deactivated')],
    ['list_webhooks', { owner_client_id: mine }],
    ['unregister_webhook', { id: crmId, owner_client_id: mine }],
    ['enable_license_webhooks', {}],
    ['disable_license_webhooks', {}],
    ['get_license_webhooks_state', {}],
  ] as const) {
    expect([action, refusal(await call(action, payload, { token: acme.tokens.normal }))]).toEqual([action, [403, 'authorization']]);
  }
  expect((await list()).map((w: { id: string }) => w.id)).toEqual([crmId, botId, accessId, second, fourth]);

  // License webhooks: enabled by default; with a Bearer token and no client id named, the token's own client id.
  const state = async (payload: unknown, auth?: { token?: string; headers?: Record<string, string> }) => (await call('get_license_webhooks_state', payload, auth)).body;
  expect(await state({})).toEqual({ license_webhooks_enabled: true });
  expect(await call('disable_license_webhooks', {})).toEqual({ status: 200, body: {} });
  expect(await call('disable_license_webhooks', { client_id: mine })).toEqual({ status: 200, body: {} });
  expect(await state({})).toEqual({ license_webhooks_enabled: false });
  expect(await state({ owner_client_id: mine })).toEqual({ license_webhooks_enabled: false });
  expect(await state({ client_id: partner })).toEqual({ license_webhooks_enabled: true });
  // Kept across unregistering and registering again (a reinstall), until enabled.
  await call('unregister_webhook', { id: fourth, owner_client_id: mine });
  await call('register_webhook', simple('incoming_event'));
  expect(await state({ client_id: mine })).toEqual({ license_webhooks_enabled: false });
  // With a personal access token the client id is named, by either name; another organization's is refused.
  expect(refusal(await call('get_license_webhooks_state', {}, asPat))).toEqual([400, 'validation']);
  expect(await call('enable_license_webhooks', { client_id: mine }, asPat)).toEqual({ status: 200, body: {} });
  expect(await state({ owner_client_id: mine }, asPat)).toEqual({ license_webhooks_enabled: true });
  expect(await call('disable_license_webhooks', { owner_client_id: partner }, asPat)).toEqual({ status: 200, body: {} });
  expect(await state({ client_id: partner }, asPat)).toEqual({ license_webhooks_enabled: false });
  expect(await state({})).toEqual({ license_webhooks_enabled: true });
  for (const action of ['enable_license_webhooks', 'disable_license_webhooks', 'get_license_webhooks_state']) {
    expect([action, refusal(await call(action, { client_id: theirs }))]).toEqual([action, [400, 'validation']]);
    expect([action, refusal(await call(action, { owner_client_id: mine, client_id: partner }))]).toEqual([action, [400, 'validation']]);
  }
  expect(await state({ client_id: partner })).toEqual({ license_webhooks_enabled: false });

  // A personal access token registers, lists and unregisters for the application it names.
  const byPat = await call('register_webhook', simple('group_created', partner), asPat);
  expect(byPat.body.id).toMatch(WEBHOOK_ID);
  expect((await call('list_webhooks', { owner_client_id: partner }, asPat)).body.map((w: { id: string }) => w.id)).toEqual([partnerHook, byPat.body.id]);
  expect(await call('unregister_webhook', { id: byPat.body.id, owner_client_id: partner }, asPat)).toEqual({ status: 200, body: {} });

  // Targets on this host or a private network: refused when the server says so, accepted otherwise (local integrations).
  for (const url of ['http://127.0.0.1:9000/hook', 'http://localhost:3000/hook', 'http://[::1]/hook', 'http://10.1.2.3/hook']) {
    const reply = await call('register_webhook', { ...simple('group_deleted'), url });
    if (options.blocksPrivateTargets) {
      expect([url, refusal(reply)]).toEqual([url, [400, 'validation']]);
    } else {
      expect([url, reply.status]).toEqual([url, 200]);
      await call('unregister_webhook', { id: reply.body.id, owner_client_id: mine });
    }
  }
  expect((await list()).filter((w: { action: string }) => w.action === 'group_deleted')).toEqual([]);

  // Another organization sees none of it and changes nothing.
  const before = { mine: await list(), partner: await list(partner), state: await state({ client_id: partner }) };
  const theirCall = (action: string, payload: unknown) => call(action, payload, { token: other.owner });
  expect((await theirCall('list_webhooks', { owner_client_id: theirs })).body).toEqual([]);
  expect(refusal(await theirCall('list_webhooks', { owner_client_id: mine }))).toEqual([400, 'validation']);
  expect(refusal(await theirCall('unregister_webhook', { id: crmId, owner_client_id: theirs }))).toEqual([404, 'not_found']);
  expect(refusal(await theirCall('unregister_webhook', { id: crmId, owner_client_id: mine }))).toEqual([400, 'validation']);
  expect(refusal(await theirCall('enable_license_webhooks', { client_id: partner }))).toEqual([400, 'validation']);
  expect((await theirCall('get_license_webhooks_state', {})).body).toEqual({ license_webhooks_enabled: true });
  expect({ mine: await list(), partner: await list(partner), state: await state({ client_id: partner }) }).toEqual(before);
}
