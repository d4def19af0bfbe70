import { callWeb, RtmClient, waitFor } from '@switchboard/testing';
import { createOrganization } from './conversation.scenario';

/** Where the configuration API and the agent gateways are (one URL for all in the embedded mode). */
export interface IdentityUrls {
  configuration: string;
  agent: string[];
}

/** Agents by part: the owner, an administrator and two normal agents. */
export type Part = 'owner' | 'admin' | 'normal' | 'other';

export interface Team {
  organizationId: string;
  owner: string;
  ids: Record<Part, string>;
  tokens: Record<Part, string>;
}

export async function post(url: string, path: string, body: unknown, bearer?: string): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(bearer && { Authorization: `Bearer ${bearer}` }) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

/** An organization `name` with its owner, an administrator and two normal agents, each with a token. */
export async function createTeam(urls: IdentityUrls, adminToken: string, name: string): Promise<Team> {
  const { organizationId, ownerToken } = await createOrganization(urls.configuration, adminToken, name);
  const domain = `${name.toLowerCase()}.example`;
  const ids: Record<Part, string> = { owner: `boss@${domain}`, admin: `ada@${domain}`, normal: `max@${domain}`, other: `sam@${domain}` };
  const tokens = { owner: ownerToken } as Record<Part, string>;
  for (const [part, role] of [
    ['admin', 'administrator'],
    ['normal', 'normal'],
    ['other', 'normal'],
  ] as const) {
    const created = await callWeb(urls.configuration, 'configuration', 'create_agent', { id: ids[part], name: part, role }, { token: ownerToken });
    expect(created.status).toBe(200);
    const issued = await post(urls.configuration, '/auth/agent_token', { agent_id: ids[part] }, ownerToken);
    expect(issued.status).toBe(200);
    tokens[part] = issued.body.access_token;
  }
  return { organizationId, owner: ownerToken, ids, tokens };
}

export async function rtmLogin(url: string, token: string): Promise<RtmClient> {
  const client = await RtmClient.connect(url, 'agent');
  const login = await client.request('login', { token: `Bearer ${token}` });
  expect(login.success).toBe(true);
  return client;
}

/** The client hears `agent_disconnected` with `reason`, then its socket closes. */
export async function expectDisconnected(client: RtmClient, reason: string): Promise<void> {
  const push = await client.nextPush('agent_disconnected', () => true, 20_000);
  expect(push.payload).toEqual({ reason });
  await client.closed;
}

const listChats = (url: string, token: string) => callWeb(url, 'agent', 'list_chats', {}, { token });

/**
 * Polls every gateway until `token` is refused there with `type`; resolves
 * with the milliseconds it took on the slowest one.
 */
export async function timeUntilRefused(urls: IdentityUrls, token: string, type: string, since: number): Promise<number> {
  let slowest = 0;
  await Promise.all(
    urls.agent.map(async (url) => {
      await waitFor(async () => (await listChats(url, token)).body.error?.type === type, 20_000, 10);
      slowest = Math.max(slowest, Date.now() - since);
    }),
  );
  return slowest;
}

/** What the scenario measured, for the closing note. */
export interface IdentityTimings {
  deletion: number;
  suspension: number;
  demotion: number;
  revocation: number;
}

/**
 * Deleting, suspending, demoting an agent and revoking its tokens each take
 * effect on every gateway's Web API and close the agent's RTM connections on
 * every gateway with `agent_disconnected` (`access_token_revoked`).
 */
export async function checkAccessEndsEverywhere(urls: IdentityUrls, team: Team): Promise<IdentityTimings> {
  const config = (action: string, payload: unknown, token = team.owner) => callWeb(urls.configuration, 'configuration', action, payload, { token });
  const [first, last] = [urls.agent[0], urls.agent[urls.agent.length - 1]];
  const timings = {} as IdentityTimings;

  // Revocation: the agent revokes its own tokens; a token issued afterwards works at once, everywhere.
  let clients = [await rtmLogin(first, team.tokens.normal), await rtmLogin(last, team.tokens.normal)];
  let since = Date.now();
  expect(await post(urls.configuration, '/auth/revoke', {}, team.tokens.normal)).toEqual({ status: 200, body: {} });
  [timings.revocation] = await Promise.all([
    timeUntilRefused(urls, team.tokens.normal, 'authentication', since),
    ...clients.map((c) => expectDisconnected(c, 'access_token_revoked')),
  ]);
  expect((await listChats(first, team.tokens.normal)).body.error.message).toBe('Access token revoked');
  const renewed = (await post(urls.configuration, '/auth/agent_token', { agent_id: team.ids.normal }, team.owner)).body.access_token;
  for (const url of urls.agent) expect((await listChats(url, renewed)).status).toBe(200);

  // Demotion: the administrator's session ends, and its token now carries a normal agent's rights.
  clients = [await rtmLogin(first, team.tokens.admin), await rtmLogin(last, team.tokens.admin)];
  const asAdmin = await config('create_agent', { id: `new1-${team.ids.admin}`, name: 'New' }, team.tokens.admin);
  expect(asAdmin.status).toBe(200);
  since = Date.now();
  expect((await config('update_agent', { id: team.ids.admin, role: 'normal' })).status).toBe(200);
  await Promise.all(clients.map((c) => expectDisconnected(c, 'access_token_revoked')));
  timings.demotion = Date.now() - since;
  const asDemoted = await config('create_agent', { id: `new2-${team.ids.admin}`, name: 'New' }, team.tokens.admin);
  expect(asDemoted.status).toBe(403);
  expect(asDemoted.body.error.type).toBe('authorization');

  // Suspension: refused with requester_suspended (Web and RTM login); lifting it restores the same token.
  clients = [await rtmLogin(first, team.tokens.other), await rtmLogin(last, team.tokens.other)];
  since = Date.now();
  expect((await config('suspend_agent', { id: team.ids.other })).status).toBe(200);
  [timings.suspension] = await Promise.all([
    timeUntilRefused(urls, team.tokens.other, 'requester_suspended', since),
    ...clients.map((c) => expectDisconnected(c, 'access_token_revoked')),
  ]);
  const refused = await RtmClient.connect(last, 'agent');
  const login = await refused.request('login', { token: `Bearer ${team.tokens.other}` });
  expect(login.payload.error.type).toBe('requester_suspended');
  refused.close();
  expect((await config('get_agent', { id: team.ids.other, fields: ['suspended'] })).body.suspended).toBe(true);
  expect((await config('unsuspend_agent', { id: team.ids.other })).status).toBe(200);
  for (const url of urls.agent) await waitFor(async () => (await listChats(url, team.tokens.other)).status === 200, 20_000);

  // Deletion.
  clients = [await rtmLogin(first, renewed), await rtmLogin(last, renewed)];
  since = Date.now();
  expect((await config('delete_agent', { id: team.ids.normal })).status).toBe(200);
  [timings.deletion] = await Promise.all([
    timeUntilRefused(urls, renewed, 'authentication', since),
    ...clients.map((c) => expectDisconnected(c, 'access_token_revoked')),
  ]);
  return timings;
}

/**
 * Agents' configuration pushes: every logged-in agent of the organization,
 * on every gateway replica, hears an agent created, updated, suspended,
 * unsuspended and deleted; another organization's agents hear nothing.
 */
export async function checkAgentConfigurationPushes(urls: IdentityUrls, team: Team, stranger: Team): Promise<void> {
  const config = (action: string, payload: unknown) => callWeb(urls.configuration, 'configuration', action, payload, { token: team.owner });
  const listeners = await Promise.all(urls.agent.map((url) => rtmLogin(url, team.tokens.admin)));
  const outsider = await rtmLogin(urls.agent[0], stranger.owner);
  const id = `new.hire@${team.ids.owner.split('@')[1]}`;
  const hear = (action: string) => Promise.all(listeners.map((client) => client.nextPush(action, (f) => f.payload.id === id, 10_000)));

  expect((await config('create_agent', { id, name: 'New Hire', job_title: 'Support', groups: [{ id: 0, priority: 'normal' }] })).status).toBe(200);
  for (const push of await hear('agent_created')) {
    expect(push.payload).toEqual({
      id,
      name: 'New Hire',
      role: 'normal',
      awaiting_approval: false,
      job_title: 'Support',
      max_chats_count: expect.any(Number),
      groups: [{ id: 0, priority: 'normal' }],
      notifications: expect.any(Array),
      email_subscriptions: expect.any(Array),
      work_scheduler: expect.any(Object),
    });
  }
  expect((await config('update_agent', { id, name: 'Renamed' })).status).toBe(200);
  for (const push of await hear('agent_updated')) expect(push.payload).toEqual({ id, name: 'Renamed' });
  expect((await config('suspend_agent', { id })).status).toBe(200);
  for (const push of await hear('agent_suspended')) expect(push.payload).toEqual({ id });
  expect((await config('unsuspend_agent', { id })).status).toBe(200);
  for (const push of await hear('agent_unsuspended')) expect(push.payload).toEqual({ id });
  expect((await config('delete_agent', { id })).status).toBe(200);
  for (const push of await hear('agent_deleted')) expect(push.payload).toEqual({ id });

  expect(outsider.pushes.filter((f) => f.payload?.id === id)).toEqual([]);
  for (const client of [...listeners, outsider]) client.close();
}

/**
 * Approval: an agent an administrator creates awaits approval — its token is
 * refused on the Web API and at RTM login with `requester_awaiting_approval`
 * — until the owner (who alone holds `subscription.lc:rw`) approves it; every
 * logged-in agent hears `agent_approved`.
 */
export async function checkApproval(urls: IdentityUrls, team: Team): Promise<void> {
  const config = (action: string, payload: unknown, token: string) => callWeb(urls.configuration, 'configuration', action, payload, { token });
  const id = `trainee@${team.ids.owner.split('@')[1]}`;
  const listener = await rtmLogin(urls.agent[urls.agent.length - 1], team.tokens.normal);

  const refused = await config('create_agent', { id, name: 'Trainee', awaiting_approval: false }, team.tokens.admin);
  expect(refused).toMatchObject({ status: 403, body: { error: { type: 'authorization' } } });
  expect((await config('create_agent', { id, name: 'Trainee' }, team.tokens.admin)).status).toBe(200);
  expect((await config('get_agent', { id, fields: ['awaiting_approval'] }, team.owner)).body).toMatchObject({ awaiting_approval: true });

  const token = (await post(urls.configuration, '/auth/agent_token', { agent_id: id }, team.owner)).body.access_token as string;
  for (const url of urls.agent) {
    expect(await listChats(url, token)).toMatchObject({ status: 403, body: { error: { type: 'requester_awaiting_approval' } } });
    const rtm = await RtmClient.connect(url, 'agent');
    const login = await rtm.request('login', { token: `Bearer ${token}` });
    expect(login).toMatchObject({ success: false, payload: { error: { type: 'requester_awaiting_approval' } } });
    rtm.close();
  }

  // Only the owner approves.
  expect(await config('approve_agent', { id }, team.tokens.admin)).toMatchObject({ status: 403, body: { error: { type: 'authorization' } } });
  expect(await config('approve_agent', { id }, team.owner)).toEqual({ status: 200, body: {} });
  expect((await listener.nextPush('agent_approved', (f) => f.payload.id === id, 10_000)).payload).toEqual({ id });
  expect((await config('get_agent', { id, fields: ['awaiting_approval'] }, team.owner)).body).toMatchObject({ awaiting_approval: false });
  for (const url of urls.agent) await waitFor(async () => (await listChats(url, token)).status === 200, 10_000);
  expect(await config('approve_agent', { id: `nobody@${team.ids.owner.split('@')[1]}` }, team.owner)).toMatchObject({ status: 404 });
  listener.close();
}

/** What reached the owners' mailbox: each message's recipients and subject. */
export type Mailbox = () => Promise<Array<{ to: string[]; subject: string }>>;

/**
 * A suspended agent may make exactly one call, `request_agent_unsuspension`,
 * and its owners get an e-mail; an agent that is not suspended cannot send one.
 */
export async function checkUnsuspensionRequest(urls: IdentityUrls, team: Team, mailbox: Mailbox): Promise<void> {
  const config = (action: string, payload: unknown, token: string) => callWeb(urls.configuration, 'configuration', action, payload, { token });
  const mailsAbout = async (id: string) => (await mailbox()).filter((m) => m.subject.includes(id));

  expect(await config('request_agent_unsuspension', {}, team.tokens.other)).toMatchObject({ status: 400, body: { error: { type: 'validation' } } });
  expect(await config('suspend_agent', { id: team.ids.normal }, team.owner)).toEqual({ status: 200, body: {} });
  // Every process hears of the suspension through the event feed within moments (see checkAccessEndsEverywhere).
  await waitFor(async () => (await config('get_agent', { id: team.ids.normal }, team.tokens.normal)).body.error?.type === 'requester_suspended', 10_000);
  expect(await config('request_agent_unsuspension', {}, team.tokens.normal)).toEqual({ status: 200, body: {} });
  await waitFor(async () => (await mailsAbout(team.ids.normal)).length > 0, 10_000);
  const [mail] = await mailsAbout(team.ids.normal);
  expect(mail.to).toEqual([team.ids.owner]);
  expect(mail.subject).toBe(`normal (${team.ids.normal}) asks to be unsuspended`);
  expect(await mailsAbout(team.ids.other)).toEqual([]);
}
