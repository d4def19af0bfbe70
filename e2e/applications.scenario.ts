import { callWeb, RtmClient, waitFor } from '@switchboard/testing';
import { createTeam, expectDisconnected, IdentityUrls, post, rtmLogin, Team } from './identity.scenario';

/** Where the APIs are: the configuration API, the agent gateways and a customer gateway. */
export interface AccountUrls extends IdentityUrls {
  customer: string;
}

async function get(url: string, path: string, bearer: string): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const response = await fetch(`${url}${path}`, { headers: { Authorization: `Bearer ${bearer}` } });
  return { status: response.status, body: await response.json() };
}

const basic = (accountId: string, secret: string) => `Basic ${Buffer.from(`${accountId}:${secret}`).toString('base64')}`;

/**
 * Applications as an owner and an operator register them: the default one is
 * always there, tokens are issued for an application and say which, and no
 * organization can use another's applications.
 */
export async function checkApplications(urls: AccountUrls, adminToken: string, name: string): Promise<void> {
  const acme = await createTeam(urls, adminToken, `${name}A`);
  const other = await createTeam(urls, adminToken, `${name}B`);

  // Every organization starts with its default application; tokens issued without naming one are its.
  const initial = await get(urls.configuration, '/auth/applications', acme.tokens.normal);
  expect(initial.status).toBe(200);
  expect(initial.body).toEqual([{ client_id: expect.stringMatching(/^[0-9a-f]{32}$/), name: 'Switchboard', default: true }]);
  const defaultClientId = initial.body[0].client_id;
  const renewed = await post(urls.configuration, '/auth/agent_token', { agent_id: acme.ids.normal }, acme.tokens.normal);
  expect(renewed.body.client_id).toBe(defaultClientId);

  // The owner registers an application; an administrator may not; the operator may, for any organization.
  const crm = await post(urls.configuration, '/auth/applications', { name: 'CRM sync' }, acme.owner);
  expect(crm).toEqual({ status: 200, body: { client_id: expect.stringMatching(/^[0-9a-f]{32}$/), name: 'CRM sync' } });
  const refused = await post(urls.configuration, '/auth/applications', { name: 'Mine' }, acme.tokens.admin);
  expect(refused.body.error.type).toBe('authorization');
  const desk = await post(urls.configuration, '/admin/applications', { organization_id: acme.organizationId, name: 'Help desk' }, adminToken);
  expect(desk.status).toBe(200);
  expect((await post(urls.configuration, '/admin/applications', { organization_id: 'nope', name: 'X' }, adminToken)).body.error.type).toBe('not_found');
  for (const body of [{}, { name: '' }, { name: 'x'.repeat(181) }, { name: 7 }]) {
    expect((await post(urls.configuration, '/auth/applications', body, acme.owner)).body.error.type).toBe('validation');
  }
  const listed = await get(urls.configuration, '/auth/applications', acme.tokens.admin);
  expect(listed.body).toEqual([
    { client_id: defaultClientId, name: 'Switchboard', default: true },
    { client_id: crm.body.client_id, name: 'CRM sync', default: false },
    { client_id: desk.body.client_id, name: 'Help desk', default: false },
  ]);

  // A token for an application carries its client id, and works like any other.
  const crmToken = await post(urls.configuration, '/auth/agent_token', { agent_id: acme.ids.normal, client_id: crm.body.client_id }, acme.owner);
  expect(crmToken.body).toMatchObject({ client_id: crm.body.client_id, agent_id: acme.ids.normal });
  expect((await callWeb(urls.configuration, 'configuration', 'list_groups', {}, { token: crmToken.body.access_token })).status).toBe(200);
  // Renewing it keeps its application.
  expect((await post(urls.configuration, '/auth/agent_token', { agent_id: acme.ids.normal }, crmToken.body.access_token)).body.client_id).toBe(crm.body.client_id);

  // Another organization neither sees nor uses them.
  const theirs = await get(urls.configuration, '/auth/applications', other.owner);
  expect(theirs.body.map((a: { client_id: string }) => a.client_id)).not.toContain(crm.body.client_id);
  expect(theirs.body[0].client_id).not.toBe(defaultClientId);
  for (const clientId of [crm.body.client_id, defaultClientId]) {
    const stolen = await post(urls.configuration, '/auth/agent_token', { agent_id: other.ids.normal, client_id: clientId }, other.owner);
    expect(stolen.body.error.type).toBe('not_found');
  }
  const operatorToken = await post(urls.configuration, '/admin/tokens', { organization_id: other.organizationId, agent_id: other.ids.normal, client_id: crm.body.client_id }, adminToken);
  expect(operatorToken.body.error.type).toBe('not_found');
  expect((await post(urls.configuration, '/auth/agent_token', { agent_id: acme.ids.normal, client_id: 'CRM' }, acme.owner)).body.error.type).toBe('validation');
}

/**
 * Personal access tokens, as an integrator scripts against the APIs with
 * one: created with a Bearer token and shown once, listed without the secret,
 * accepted as `Basic base64(agent_id:token)` on the Configuration and Agent
 * Chat APIs on every gateway (Web and RTM) but never on the Customer Chat API;
 * revoked, suspended or deleted, it stops working everywhere, and the RTM
 * sessions opened with it end while the agent's other sessions stay.
 */
export async function checkPersonalAccessTokens(urls: AccountUrls, adminToken: string, name: string): Promise<void> {
  const acme = await createTeam(urls, adminToken, `${name}A`);
  const other = await createTeam(urls, adminToken, `${name}B`);
  const max = acme.ids.normal;
  const create = (team: Team, part: keyof Team['tokens'], patName: string) =>
    post(urls.configuration, '/auth/personal_access_tokens', { name: patName }, team.tokens[part]);

  const created = await create(acme, 'normal', 'nightly export');
  expect(created).toEqual({
    status: 200,
    body: { id: expect.stringMatching(/^[0-9a-f]{32}$/), name: 'nightly export', token: expect.stringMatching(/^sbpat_/), created_at: expect.any(String) },
  });
  const second = await create(acme, 'normal', 'laptop');
  const pat = basic(max, created.body.token);
  const listedTokens = await get(urls.configuration, '/auth/personal_access_tokens', acme.tokens.normal);
  expect(listedTokens.body).toEqual([
    { id: created.body.id, name: 'nightly export', created_at: created.body.created_at },
    { id: second.body.id, name: 'laptop', created_at: second.body.created_at },
  ]);
  expect(JSON.stringify(listedTokens.body)).not.toContain(created.body.token);
  for (const body of [{}, { name: '' }, { name: ['x'] }]) {
    expect((await post(urls.configuration, '/auth/personal_access_tokens', body, acme.tokens.normal)).body.error.type).toBe('validation');
  }

  // Basic works on the Configuration API and on every gateway's Agent API, with the agent's own scopes.
  const config = (action: string, payload: unknown, authorization: string) =>
    callWeb(urls.configuration, 'configuration', action, payload, { headers: { Authorization: authorization } });
  const me = await config('get_agent', { id: max }, pat);
  expect(me).toMatchObject({ status: 200, body: { id: max } });
  expect((await config('create_agent', { id: `new@${name.toLowerCase()}.example`, name: 'New' }, pat)).body.error.type).toBe('authorization');
  for (const gateway of urls.agent) {
    expect((await callWeb(gateway, 'agent', 'list_chats', {}, { headers: { Authorization: pat } })).status).toBe(200);
  }
  // … never on the Customer Chat API, never for another account, never made up.
  const onCustomer = await callWeb(urls.customer, 'customer', 'list_chats', {}, { organizationId: acme.organizationId, headers: { Authorization: pat } });
  expect(onCustomer.status).toBe(401);
  expect(onCustomer.body.error.type).toBe('authentication');
  for (const wrong of [basic(acme.ids.other, created.body.token), basic(max, `${created.body.token}x`), 'Basic !!!', basic(other.ids.normal, created.body.token)]) {
    expect((await config('list_groups', {}, wrong)).body.error.type).toBe('authentication');
  }
  // A personal access token cannot mint another one.
  const minted = await fetch(`${urls.configuration}/auth/personal_access_tokens`, {
    method: 'POST',
    headers: { Authorization: pat, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'more' }),
  });
  expect(((await minted.json()) as { error: { type: string } }).error.type).toBe('authorization');

  // RTM: login with the Basic value works; revoking the token ends that session, not the Bearer one.
  const viaPat = await RtmClient.connect(urls.agent[0], 'agent');
  expect((await viaPat.request('login', { token: pat })).success).toBe(true);
  const viaBearer = await rtmLogin(urls.agent[urls.agent.length - 1], acme.tokens.normal);
  const revoked = await post(urls.configuration, '/auth/personal_access_tokens/revoke', { id: created.body.id }, acme.tokens.normal);
  expect(revoked).toEqual({ status: 200, body: {} });
  await expectDisconnected(viaPat, 'access_token_revoked');
  for (const gateway of urls.agent) {
    await waitFor(async () => (await callWeb(gateway, 'agent', 'list_chats', {}, { headers: { Authorization: pat } })).status === 401, 20_000);
  }
  expect((await config('list_groups', {}, pat)).body.error.type).toBe('authentication');
  expect((await viaBearer.request('list_chats', {})).success).toBe(true);
  expect((await get(urls.configuration, '/auth/personal_access_tokens', acme.tokens.normal)).body.map((t: { id: string }) => t.id)).toEqual([second.body.id]);
  // Revoking again, or another agent's token, is not_found.
  expect((await post(urls.configuration, '/auth/personal_access_tokens/revoke', { id: created.body.id }, acme.tokens.normal)).body.error.type).toBe('not_found');
  expect((await post(urls.configuration, '/auth/personal_access_tokens/revoke', { id: second.body.id }, other.tokens.normal)).body.error.type).toBe('not_found');
  viaBearer.close();

  // Suspension stops it (only request_agent_unsuspension is let through); deletion ends it for good.
  const laptop = basic(max, second.body.token);
  expect((await callWeb(urls.configuration, 'configuration', 'suspend_agent', { id: max }, { token: acme.owner })).status).toBe(200);
  for (const gateway of urls.agent) {
    await waitFor(async () => (await callWeb(gateway, 'agent', 'list_chats', {}, { headers: { Authorization: laptop } })).body.error?.type === 'requester_suspended', 20_000);
  }
  expect((await callWeb(urls.configuration, 'configuration', 'unsuspend_agent', { id: max }, { token: acme.owner })).status).toBe(200);
  await waitFor(async () => (await config('list_groups', {}, laptop)).status === 200, 20_000);
  expect((await callWeb(urls.configuration, 'configuration', 'delete_agent', { id: max }, { token: acme.owner })).status).toBe(200);
  expect((await callWeb(urls.configuration, 'configuration', 'create_agent', { id: max, name: 'Max again' }, { token: acme.owner })).status).toBe(200);
  expect((await config('list_groups', {}, laptop)).body.error.type).toBe('authentication');
  for (const gateway of urls.agent) {
    await waitFor(async () => (await callWeb(gateway, 'agent', 'list_chats', {}, { headers: { Authorization: laptop } })).status === 401, 20_000);
  }
}

/**
 * A personal access token acts for the whole organization where the spec
 * says so: it names the application a bot or a property belongs to
 * (`owner_client_id`, required), lists the bots created with personal access
 * tokens as its own, and acts as any bot of the organization — where a Bearer
 * token acts only for its own application.
 */
export async function checkPersonalAccessTokensWithBotsAndProperties(urls: AccountUrls, adminToken: string, name: string): Promise<void> {
  const acme = await createTeam(urls, adminToken, `${name}A`);
  const other = await createTeam(urls, adminToken, `${name}B`);
  const app = (await post(urls.configuration, '/auth/applications', { name: 'Integration' }, acme.owner)).body.client_id as string;
  const theirs = (await post(urls.configuration, '/auth/applications', { name: 'Theirs' }, other.owner)).body.client_id as string;
  const pat = await post(urls.configuration, '/auth/personal_access_tokens', { name: 'ci' }, acme.owner);
  const headers = { Authorization: basic(acme.ids.owner, pat.body.token) };
  const withPat = (action: string, payload: unknown) => callWeb(urls.configuration, 'configuration', action, payload, { headers });
  const withBearer = (action: string, payload: unknown) => callWeb(urls.configuration, 'configuration', action, payload, { token: acme.owner });

  // Bots: owner_client_id is required with a PAT, must be the organization's, and is refused with a Bearer token naming another.
  expect((await withPat('create_bot', { name: 'No owner' })).body.error).toMatchObject({ type: 'validation', message: expect.stringContaining('owner_client_id') });
  expect((await withPat('create_bot', { name: 'Stolen', owner_client_id: theirs })).body.error.type).toBe('validation');
  expect((await withBearer('create_bot', { name: 'Elsewhere', owner_client_id: app })).body.error.type).toBe('validation');
  const patBot = (await withPat('create_bot', { name: 'Pat bot', owner_client_id: app })).body.id as string;
  const bearerBot = (await withBearer('create_bot', { name: 'Bearer bot' })).body.id as string;
  expect((await withPat('get_bot', { id: patBot })).body).toMatchObject({ id: patBot, owner_client_id: app });
  // "My bots": for a PAT those created with PATs; for a Bearer token its application's.
  expect((await withPat('list_bots', {})).body.map((b: { id: string }) => b.id)).toEqual([patBot]);
  expect((await withBearer('list_bots', {})).body.map((b: { id: string }) => b.id)).toEqual([bearerBot]);
  expect((await withBearer('list_bots', { all: true })).body.map((b: { id: string }) => b.id).sort()).toEqual([patBot, bearerBot].sort());

  // Acting as a bot: the PAT may act as any bot of its organization; a Bearer token only as its application's.
  const act = (bot: string, authorization: string) =>
    callWeb(urls.agent[0], 'agent', 'set_routing_status', { agent_id: bot, status: 'accepting_chats' }, { headers: { Authorization: authorization, 'X-Author-Id': bot } });
  expect((await act(patBot, headers.Authorization)).status).toBe(200);
  expect((await act(bearerBot, headers.Authorization)).status).toBe(200);
  expect((await act(bearerBot, `Bearer ${acme.owner}`)).status).toBe(200);
  expect((await act(patBot, `Bearer ${acme.owner}`)).body.error.type).toBe('authorization');
  const otherPat = await post(urls.configuration, '/auth/personal_access_tokens', { name: 'theirs' }, other.owner);
  expect((await act(patBot, basic(other.ids.owner, otherPat.body.token))).body.error.type).toBe('authorization');

  // Properties: a PAT registers in, and writes to, any namespace of its organization.
  const access = { license: { agent: ['read', 'write'] } };
  expect((await withPat('register_property', { name: 'sync', owner_client_id: app, type: 'bool', access })).status).toBe(200);
  expect((await withPat('register_property', { name: 'sync', owner_client_id: theirs, type: 'bool', access })).body.error.type).toBe('validation');
  expect((await withPat('update_license_properties', { properties: { [app]: { sync: true } } })).status).toBe(200);
  expect((await withPat('list_license_properties', { namespace: app })).body).toEqual({ [app]: { sync: true } });
}
