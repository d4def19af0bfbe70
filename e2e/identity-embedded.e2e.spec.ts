import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callWeb, RtmClient, spawnApp, SpawnedApp } from '@switchboard/testing';
import {
  checkAccessEndsEverywhere,
  checkAgentConfigurationPushes,
  checkApproval,
  checkUnsuspensionRequest,
  createTeam,
  expectDisconnected,
  IdentityUrls,
  Part,
  post,
  rtmLogin,
  Team,
} from './identity.scenario';

/** Revocable identity in the embedded mode: every call checks the agent as it is now, not as its token says. */
describe('identity, embedded mode', () => {
  let dir: string;
  let app: SpawnedApp;
  let urls: IdentityUrls;
  let admin: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sb-identity-'));
    app = await spawnApp('switchboard', { DATA_DIR: dir, RATE_LIMITS: 'off' }, { timeoutMs: 120_000 });
    urls = { configuration: app.url, agent: [app.url] };
    admin = readFileSync(join(dir, 'admin-token'), 'utf8').trim();
  }, 180_000);
  afterAll(async () => {
    await app?.stop('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  const config = (team: Team, action: string, payload: unknown, as: Part = 'owner') =>
    callWeb(urls.configuration, 'configuration', action, payload, { token: team.tokens[as] });

  it('deleting, suspending, demoting an agent or revoking its tokens ends its access at once, RTM sessions included', async () => {
    await checkAccessEndsEverywhere(urls, await createTeam(urls, admin, 'Team1'));
  }, 120_000);

  it('a suspended agent can ask to be unsuspended; without SMTP the e-mail to the owners waits in the outbox', async () => {
    const outbox = async () => {
      const response = await fetch(`${urls.configuration}/admin/outbox?limit=100`, { headers: { Authorization: `Bearer ${admin}` } });
      const body = (await response.json()) as { mailer: string; messages: Array<{ recipients: string[]; subject: string }> };
      expect(body.mailer).toBe('outbox');
      return body.messages.map((m) => ({ to: m.recipients, subject: m.subject }));
    };
    await checkUnsuspensionRequest(urls, await createTeam(urls, admin, 'Mail'), outbox);
    expect((await fetch(`${urls.configuration}/admin/outbox`)).status).toBe(401);
  }, 120_000);

  it('an agent an administrator creates awaits approval, refused everywhere until the owner approves it', async () => {
    await checkApproval(urls, await createTeam(urls, admin, 'Approve'));
  }, 120_000);

  it("tells the organization's logged-in agents, and no one else, of every change to its agents", async () => {
    await checkAgentConfigurationPushes(urls, await createTeam(urls, admin, 'Pushed'), await createTeam(urls, admin, 'Stranger'));
  }, 120_000);

  it('only the owner changes, deletes or suspends the owner, or obtains an owner token', async () => {
    const team = await createTeam(urls, admin, 'Team2');
    for (const [action, payload] of [
      ['update_agent', { id: team.ids.owner, name: 'Mallory' }],
      ['update_agent', { id: team.ids.owner, role: 'normal' }],
      ['delete_agent', { id: team.ids.owner }],
      ['suspend_agent', { id: team.ids.owner }],
    ] as const) {
      const refused = await config(team, action, payload, 'admin');
      expect([action, refused.status, refused.body.error.type]).toEqual([action, 403, 'authorization']);
    }
    const ownerToken = await post(urls.configuration, '/auth/agent_token', { agent_id: team.ids.owner }, team.tokens.admin);
    expect(ownerToken.status).toBe(403);
    expect((await post(urls.configuration, '/auth/revoke', { agent_id: team.ids.owner }, team.tokens.admin)).status).toBe(403);
    // The owner is still the owner, and its token still works.
    expect((await config(team, 'get_agent', { id: team.ids.owner })).body).toMatchObject({ name: 'Boss', role: 'owner' });
    // The owner changes itself, but cannot leave the organization without an owner.
    expect((await config(team, 'update_agent', { id: team.ids.owner, name: 'The Boss' })).status).toBe(200);
    expect((await config(team, 'delete_agent', { id: team.ids.owner })).body.error.type).toBe('validation');
  }, 60_000);

  it('an administrator manages only lower roles, and grants no role above its own', async () => {
    const team = await createTeam(urls, admin, 'Team3');
    await config(team, 'create_agent', { id: `ed-${team.ids.admin}`, name: 'Ed', role: 'administrator' });
    expect((await config(team, 'update_agent', { id: `ed-${team.ids.admin}`, role: 'normal' }, 'admin')).status).toBe(403);
    expect((await config(team, 'update_agent', { id: team.ids.normal, role: 'viceowner' }, 'admin')).status).toBe(403);
    expect((await config(team, 'create_agent', { id: `vi-${team.ids.admin}`, name: 'Vi', role: 'viceowner' }, 'admin')).status).toBe(403);
    expect((await config(team, 'update_agent', { id: team.ids.normal, role: 'administrator' }, 'admin')).status).toBe(200);
    expect((await post(urls.configuration, '/auth/revoke', { agent_id: team.ids.other }, team.tokens.admin)).status).toBe(200);
    expect((await callWeb(app.url, 'agent', 'list_chats', {}, { token: team.tokens.other })).status).toBe(401);
    // A normal agent revokes only its own tokens and issues none for others.
    const other = (await post(urls.configuration, '/auth/agent_token', { agent_id: team.ids.other }, team.owner)).body.access_token;
    expect((await post(urls.configuration, '/auth/revoke', { agent_id: team.ids.admin }, other)).status).toBe(403);
    expect((await post(urls.configuration, '/auth/agent_token', { agent_id: team.ids.admin }, other)).status).toBe(403);
  }, 60_000);

  it('caps token lifetimes at the configured maximum (8 h by default), for agents and the operator alike', async () => {
    const team = await createTeam(urls, admin, 'Team4');
    const ninetyDays = 90 * 24 * 3600;
    const own = await post(urls.configuration, '/auth/agent_token', { agent_id: team.ids.other, expires_in: ninetyDays }, team.tokens.other);
    expect(own.body.expires_in).toBe(8 * 3600);
    const operator = await post(urls.configuration, '/admin/tokens', { organization_id: team.organizationId, agent_id: team.ids.owner, expires_in: ninetyDays }, admin);
    expect(operator.body.expires_in).toBe(8 * 3600);
    const shorter = await post(urls.configuration, '/auth/agent_token', { agent_id: team.ids.other, expires_in: 600 }, team.tokens.other);
    expect(shorter.body.expires_in).toBe(600);
  }, 60_000);

  it('RTM logout ends the session everywhere: its socket closes, other sessions hear agent_logged_out_remotely', async () => {
    const team = await createTeam(urls, admin, 'Team5');
    const leaving = await rtmLogin(app.url, team.tokens.other);
    const elsewhere = await rtmLogin(app.url, team.tokens.other);
    const response = await leaving.request('logout', {});
    expect(response).toMatchObject({ success: true, payload: {} });
    expect((await leaving.closed).code).toBe(1000);
    await expectDisconnected(elsewhere, 'agent_logged_out_remotely');
    expect((await callWeb(app.url, 'agent', 'list_chats', {}, { token: team.tokens.other })).body.error.type).toBe('authentication');
  }, 60_000);

  it('refuses a second login on a connection while the first is in flight, and the first still succeeds', async () => {
    const team = await createTeam(urls, admin, 'Team6');
    const client = await RtmClient.connect(app.url, 'agent');
    const [first, second] = await Promise.all([
      client.request('login', { token: `Bearer ${team.tokens.other}` }),
      client.request('login', { token: `Bearer ${team.tokens.other}` }),
    ]);
    expect(first.success).toBe(true);
    expect(second.payload.error.type).toBe('validation');
    client.close();
  }, 60_000);
});
