import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { callWeb, RtmClient, spawnApp, SpawnedApp, waitFor } from '@switchboard/testing';
import { createOrganization, customerToken } from './conversation.scenario';
import { post, rtmLogin } from './identity.scenario';

/** Another client address on the loopback interface. */
const ATTACKER = '127.0.0.2';

/**
 * Limits against abuse, embedded mode: an abusive client is turned away with
 * the spec's errors while everyone else carries on. Defaults apply except
 * where a test needs a small limit to reach it quickly.
 */
describe('limits against abuse, embedded mode', () => {
  let dir: string;
  let app: SpawnedApp;
  let acme: { organizationId: string; ownerToken: string };
  const attacker = new Agent({ localAddress: ATTACKER, connections: 64 });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sb-limits-'));
    app = await spawnApp(
      'switchboard',
      { DATA_DIR: dir, RATE_LIMIT_PER_TOKEN: '20/20', RATE_LIMIT_PER_RTM_CONNECTION: '20/20', RTM_MAX_CONNECTIONS_PER_AGENT: '3' },
      { timeoutMs: 120_000 },
    );
    acme = await createOrganization(app.url, readFileSync(join(dir, 'admin-token'), 'utf8').trim());
  }, 180_000);
  afterAll(async () => {
    await attacker.close();
    await app?.stop('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('a flood of /customer/token from one address is refused with 429 and Retry-After; other clients are served at once', async () => {
    let created = 0;
    let refused = 0;
    let flooding = true;
    const body = JSON.stringify({ organization_id: acme.organizationId });
    const flood = Promise.all(
      Array.from({ length: 20 }, async () => {
        while (flooding) {
          const response = await request(`${app.url}/customer/token`, { method: 'POST', body, headers: { 'content-type': 'application/json' }, dispatcher: attacker });
          const answer = (await response.body.json()) as { error?: { type: string } };
          if (response.statusCode === 200) created++;
          else {
            expect([response.statusCode, answer.error?.type]).toEqual([429, 'too_many_requests']);
            expect(Number(response.headers['retry-after'])).toBeGreaterThanOrEqual(1);
            refused++;
          }
        }
      }),
    );
    await waitFor(() => refused > 200, 30_000);
    // Meanwhile, another client gets its token and the owner works as usual.
    const started = Date.now();
    expect((await customerToken(app.url, acme.organizationId)).access_token).toBeTruthy();
    expect((await callWeb(app.url, 'agent', 'list_chats', {}, { token: acme.ownerToken })).status).toBe(200);
    const legitimateMs = Date.now() - started;
    flooding = false;
    await flood;
    // Default budget without a token: 10/s after a burst of 50 — far below what was asked.
    expect(created).toBeLessThan(refused);
    expect(legitimateMs).toBeLessThan(5000);
  }, 60_000);

  it('a token over its request rate gets 429 too_many_requests; another token is unaffected', async () => {
    const statuses = await Promise.all(Array.from({ length: 60 }, () => callWeb(app.url, 'agent', 'list_chats', {}, { token: acme.ownerToken })));
    const limited = statuses.filter((s) => s.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0].body).toEqual({ error: { type: 'too_many_requests', message: 'Too many requests' } });
    const other = await createOrganization(app.url, readFileSync(join(dir, 'admin-token'), 'utf8').trim(), 'Other');
    expect((await callWeb(app.url, 'agent', 'list_chats', {}, { token: other.ownerToken })).status).toBe(200);
  }, 60_000);

  it('an RTM connection over its frame rate gets too_many_requests answers, stays open and recovers', async () => {
    const other = await createOrganization(app.url, readFileSync(join(dir, 'admin-token'), 'utf8').trim(), 'Rtm');
    const client = await rtmLogin(app.url, other.ownerToken);
    const answers = await Promise.all(Array.from({ length: 40 }, () => client.request('list_routing_statuses', {})));
    const limited = answers.filter((a) => !a.success);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited.every((a) => a.payload.error.type === 'too_many_requests' || a.payload.error.type === 'pending_requests_limit_reached')).toBe(true);
    expect(limited.some((a) => a.payload.error.type === 'too_many_requests')).toBe(true);
    await waitFor(async () => (await client.request('list_routing_statuses', {})).success, 10_000, 200);
    client.close();
  }, 60_000);

  it('WebSockets that never log in are capped per address; other addresses connect and log in as usual', async () => {
    const flood = await Promise.all(Array.from({ length: 80 }, () => RtmClient.connect(app.url, 'agent', undefined, { localAddress: ATTACKER })));
    // The refused hear why at once; give them a moment, then the rest were kept.
    const turnedAway = await Promise.all(
      flood.map((client) => client.nextPush('agent_disconnected', () => true, 3000).then((p) => p.payload.reason as string, () => 'kept')),
    );
    expect(turnedAway.filter((r) => r === 'too_many_unauthorized_connections')).toHaveLength(30);
    expect(turnedAway.filter((r) => r === 'kept')).toHaveLength(50);
    const legitimate = await rtmLogin(app.url, acme.ownerToken);
    legitimate.close();
    for (const client of flood) client.close();
    await waitFor(async () => {
      const again = await RtmClient.connect(app.url, 'agent', undefined, { localAddress: ATTACKER });
      const kept = await again.nextPush('agent_disconnected', () => true, 300).then(() => false, () => true);
      again.close();
      return kept;
    }, 20_000, 100);
  }, 60_000);

  it('an agent over its RTM connection limit loses its oldest connection, with connection_evicted', async () => {
    const other = await createOrganization(app.url, readFileSync(join(dir, 'admin-token'), 'utf8').trim(), 'Evict');
    const agentToken = (await post(app.url, '/auth/agent_token', { agent_id: 'boss@evict.example' }, other.ownerToken)).body.access_token;
    const oldest = await rtmLogin(app.url, agentToken);
    const kept = [await rtmLogin(app.url, agentToken), await rtmLogin(app.url, agentToken)];
    expect(oldest.pushes.find((p) => p.action === 'agent_disconnected')).toBeUndefined();
    kept.push(await rtmLogin(app.url, agentToken));
    const evicted = await oldest.nextPush('agent_disconnected');
    expect(evicted.payload).toEqual({ reason: 'connection_evicted' });
    await oldest.closed;
    for (const client of kept) expect((await client.request('list_routing_statuses', {})).success).toBe(true);
    for (const client of kept) client.close();
  }, 60_000);
});
