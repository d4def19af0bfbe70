import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RtmClient, spawnApp, SpawnedApp } from '@switchboard/testing';
import { createOrganization, customerToken } from './conversation.scenario';

/** A graceful shutdown tells every RTM client to reconnect (another replica will serve it) before closing. */
describe('graceful shutdown, embedded mode', () => {
  let dir: string;
  let app: SpawnedApp;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sb-shutdown-'));
    app = await spawnApp('switchboard', { DATA_DIR: dir }, { timeoutMs: 120_000 });
  }, 180_000);
  afterAll(async () => {
    await app?.stop('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('agents hear internal_error and customers service_temporarily_unavailable, both "reconnect" reasons, then code 1012', async () => {
    const { organizationId, ownerToken } = await createOrganization(app.url, readFileSync(join(dir, 'admin-token'), 'utf8').trim());
    const agent = await RtmClient.connect(app.url, 'agent');
    expect((await agent.request('login', { token: `Bearer ${ownerToken}` })).success).toBe(true);
    const customer = await RtmClient.connect(app.url, 'customer', organizationId);
    const token = (await customerToken(app.url, organizationId)).access_token;
    expect((await customer.request('login', { token: `Bearer ${token}` })).success).toBe(true);

    const stopped = app.stop('SIGTERM');
    expect((await agent.nextPush('agent_disconnected')).payload).toEqual({ reason: 'internal_error' });
    expect((await customer.nextPush('customer_disconnected')).payload).toEqual({ reason: 'service_temporarily_unavailable' });
    expect((await agent.closed).code).toBe(1012);
    expect((await customer.closed).code).toBe(1012);
    expect(await stopped).toBe(0);
  }, 60_000);
});
