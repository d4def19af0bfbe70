import { Agent, Customer } from '@livechat/lc-sdk-js';
import { OfficialSdkHarness } from '@switchboard/testing';
import { createOrganization, customerToken } from './conversation.scenario';

/**
 * Customers through the official LiveChat JS SDK (@livechat/lc-sdk-js), with
 * only its API host changed: its Agent Web and RTM clients manage customers,
 * its Customer client changes the customer's own profile. The embedded mode,
 * behind a TLS-terminating proxy ({@link OfficialSdkHarness}).
 */
describe('the official LiveChat JS SDK and customers', () => {
  let sdk: OfficialSdkHarness;
  let organizationId: string;
  let ownerToken: string;

  beforeAll(async () => {
    sdk = await OfficialSdkHarness.start();
    ({ organizationId, ownerToken } = await createOrganization(sdk.app.url, sdk.adminToken, 'SdkCustomers'));
  }, 180_000);
  afterAll(() => sdk?.stop());

  const token = () => ({ accessToken: ownerToken, region: '', organizationID: organizationId });

  it('creates, reads, lists page by page, updates, follows and bans customers through its Agent Web client', async () => {
    const agentApi = new Agent.Web('sdk-test', token, { apiUrl: sdk.proxy.host });
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
    const customer = await customerToken(sdk.app.url, organizationId);
    const customerApi = new Customer.Web('sdk-test', () => ({ accessToken: customer.access_token, region: '', organizationID: organizationId }), { apiUrl: sdk.proxy.host });
    await expect(customerApi.updateCustomer({ name: 'Widget Wendy', email: 'wendy@example.com' })).resolves.toEqual({});
    await expect(customerApi.setCustomerSessionFields([{ basket: '2' }])).resolves.toEqual({});
    await expect(customerApi.setCustomerSessionFields([{ a: '1', b: '2' }])).rejects.toMatchObject({ type: 'validation' });
    const agentApi = new Agent.Web('sdk-test', token, { apiUrl: sdk.proxy.host });
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
    const stdout = await sdk.runScript(script, { SB_TOKEN: `Bearer ${ownerToken}` }, { timeoutMs: 60_000 });
    const heard = JSON.parse(stdout);
    expect(heard).toEqual({ level: 'online', customer_id: expect.any(String), pushed: heard.customer_id, change: { id: heard.customer_id, email: 'rita@example.com' }, read: 'rita@example.com', listed: 1 });
  }, 90_000);
});
