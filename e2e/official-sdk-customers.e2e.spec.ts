import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { globalAgent } from 'node:https';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Agent, Customer } from '@livechat/lc-sdk-js';
import { spawnApp, SpawnedApp, startTlsProxy, TlsProxy } from '@switchboard/testing';
import { createOrganization, customerToken } from './conversation.scenario';

const run = promisify(execFile);

/**
 * Customers through the official LiveChat JS SDK (@livechat/lc-sdk-js), with
 * only its API host changed: its Agent Web and RTM clients manage customers,
 * its Customer client changes the customer's own profile. The embedded mode,
 * behind a TLS-terminating proxy (the harness of official-sdk.e2e.spec.ts).
 */
describe('the official LiveChat JS SDK and customers', () => {
  let dir: string;
  let app: SpawnedApp;
  let proxy: TlsProxy;
  let organizationId: string;
  let ownerToken: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sb-sdk-customers-'));
    app = await spawnApp('switchboard', { DATA_DIR: dir, RATE_LIMITS: 'off' }, { timeoutMs: 120_000 });
    proxy = await startTlsProxy(app.url);
    globalAgent.options.ca = proxy.certificate;
    ({ organizationId, ownerToken } = await createOrganization(app.url, readFileSync(join(dir, 'admin-token'), 'utf8').trim(), 'SdkCustomers'));
  }, 180_000);
  afterAll(async () => {
    delete globalAgent.options.ca;
    await proxy?.close();
    await app?.stop('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  const token = () => ({ accessToken: ownerToken, region: '', organizationID: organizationId });

  it('creates, reads, lists page by page, updates, follows and bans customers through its Agent Web client', async () => {
    const agentApi = new Agent.Web('sdk-test', token, { apiUrl: proxy.host });
    const { customer_id: id } = await agentApi.createCustomer({ name: 'Sue', email: 'sue@example.com', session_fields: [{ plan: 'pro' }] });
    expect(await agentApi.getCustomer(id)).toMatchObject({ id, type: 'customer', name: 'Sue', email: 'sue@example.com', session_fields: [{ plan: 'pro' }], followed: false });
    await expect(agentApi.updateCustomer(id, { name: 'Susan' })).resolves.toEqual({});
    await expect(agentApi.followCustomer(id)).resolves.toEqual({});
    expect(await agentApi.getCustomer(id)).toMatchObject({ name: 'Susan', followed: true });
    await expect(agentApi.unfollowCustomer(id)).resolves.toEqual({});
    const others = [];
    for (const name of ['Tom', 'Uma']) others.push((await agentApi.createCustomer({ name })).customer_id);
    const first = await agentApi.listCustomers({ limit: 2, sort_order: 'asc' } as never);
    expect(first.customers.map((c: { id: string }) => c.id)).toEqual([id, others[0]]);
    expect(first.total_customers).toBe(3);
    const second = await agentApi.listCustomers({ page_id: first.next_page_id });
    expect(second.customers.map((c: { id: string }) => c.id)).toEqual([others[1]]);
    await expect(agentApi.banCustomer(id, 7)).resolves.toEqual({});
    // Errors reach the SDK's caller as the spec's error object.
    await expect(agentApi.getCustomer('00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ type: 'not_found' });
    await expect(agentApi.banCustomer(others[0], 0)).rejects.toMatchObject({ type: 'validation' });
    await expect(agentApi.listCustomers({ page_id: first.next_page_id, limit: 5 } as never)).rejects.toMatchObject({ type: 'validation' });
  });

  it("changes the customer's own profile through its Customer Web client; the agent reads it", async () => {
    const customer = await customerToken(app.url, organizationId);
    const customerApi = new Customer.Web('sdk-test', () => ({ accessToken: customer.access_token, region: '', organizationID: organizationId }), { apiUrl: proxy.host });
    await expect(customerApi.updateCustomer({ name: 'Widget Wendy', email: 'wendy@example.com' })).resolves.toEqual({});
    await expect(customerApi.setCustomerSessionFields([{ basket: '2' }])).resolves.toEqual({});
    await expect(customerApi.setCustomerSessionFields([{ a: '1', b: '2' }])).rejects.toMatchObject({ type: 'validation' });
    const agentApi = new Agent.Web('sdk-test', token, { apiUrl: proxy.host });
    expect(await agentApi.getCustomer(customer.entity_id)).toMatchObject({ name: 'Widget Wendy', email: 'wendy@example.com', session_fields: [{ basket: '2' }] });
  });

  it('monitors customers through its Agent RTM client: incoming_customers after login, incoming_customer and customer_updated', async () => {
    // The SDK's WebSocket takes no TLS options: a process of its own trusts the proxy's certificate.
    const script = `
      const { Agent } = require('@livechat/lc-sdk-js');
      (async () => {
        const rtm = new Agent.RTM({ apiUrl: process.env.SB_HOST });
        await rtm.connect();
        const monitored = new Promise((resolve) => rtm.on('incoming_customers', resolve));
        await rtm.login({ token: process.env.SB_TOKEN, customer_monitoring_level: 'online' });
        const initial = await monitored;
        const incoming = new Promise((resolve) => rtm.on('incoming_customer', resolve));
        const updated = new Promise((resolve) => rtm.on('customer_updated', resolve));
        const { customer_id } = await rtm.createCustomer({ name: 'Rita' });
        const pushed = await incoming;
        await rtm.followCustomer(customer_id);
        await rtm.updateCustomer(customer_id, { email: 'rita@example.com' });
        const change = await updated;
        const read = await rtm.getCustomer(customer_id);
        const listed = await rtm.listCustomers({ filters: { customer_id: { values: [customer_id] } } });
        console.log(JSON.stringify({ level: initial.customer_monitoring_level, customer_id, pushed: pushed.id, change, read: read.email, listed: listed.customers.length }));
        rtm.socket.close();
        process.exit(0);
      })().catch((error) => { console.error(JSON.stringify(error)); process.exit(1); });`;
    const caFile = join(dir, 'proxy-ca.pem');
    writeFileSync(caFile, proxy.certificate);
    const { stdout } = await run(process.execPath, ['-e', script], {
      cwd: join(__dirname, '..'),
      env: { PATH: process.env.PATH, NODE_EXTRA_CA_CERTS: caFile, SB_HOST: proxy.host, SB_TOKEN: `Bearer ${ownerToken}` },
      timeout: 60_000,
    });
    const heard = JSON.parse(stdout);
    expect(heard).toEqual({ level: 'online', customer_id: expect.any(String), pushed: heard.customer_id, change: { id: heard.customer_id, email: 'rita@example.com' }, read: 'rita@example.com', listed: 1 });
  }, 90_000);
});
