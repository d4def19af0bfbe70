import { Customer } from '@livechat/lc-sdk-js';
import { OfficialSdkHarness } from '@switchboard/testing';
import { createOrganization, customerToken } from './conversation.scenario';

/**
 * The official LiveChat JS SDK (@livechat/lc-sdk-js) against Switchboard for
 * the customer's self-service (ADR 0031): its Customer RTM client logs in
 * with the page and profile and gets the initial state, its side storage
 * push, the customer, and records a page; its Web client reads the customer.
 * The embedded mode, behind a TLS-terminating proxy.
 */
describe('the official LiveChat JS SDK and the customer self-service', () => {
  let sdk: OfficialSdkHarness;
  let organizationId: string;

  beforeAll(async () => {
    sdk = await OfficialSdkHarness.start();
    ({ organizationId } = await createOrganization(sdk.app.url, sdk.adminToken, 'SdkSelf'));
  }, 180_000);
  afterAll(() => sdk?.stop());

  it('logs a customer in over its Customer RTM client with the page and profile, then reads the customer and records a page', async () => {
    const customer = await customerToken(sdk.app.url, organizationId);
    const script = `
      const { Customer } = require('@livechat/lc-sdk-js');
      (async () => {
        const rtm = new Customer.RTM(process.env.SB_ORG, { apiUrl: process.env.SB_HOST });
        await rtm.connect();
        const stored = new Promise((resolve) => rtm.on('customer_side_storage_updated', resolve));
        const login = await rtm.login({
          token: process.env.SB_TOKEN,
          customer: { name: 'Sid', email: 'sid@example.com' },
          customer_page: { url: 'https://shop.example/', title: 'Shop' },
          application: { name: 'sdk-test', version: '1' },
          is_mobile: true,
        });
        const page = await rtm.send('update_customer_page', { url: 'https://shop.example/kettles', title: 'Kettles' });
        const customer = await rtm.getCustomer();
        const badPage = await rtm.send('update_customer_page', { title: 'No URL' }).catch((error) => error);
        console.log(JSON.stringify({ login, storage: await stored, page, customer, badPage }));
        rtm.socket.close();
        process.exit(0);
      })().catch((error) => { console.error(JSON.stringify(error)); process.exit(1); });`;
    const seen = JSON.parse(await sdk.runScript(script, { SB_TOKEN: `Bearer ${customer.access_token}`, SB_ORG: organizationId }));
    expect(seen.login).toEqual({
      customer: {
        id: customer.entity_id,
        type: 'customer',
        name: 'Sid',
        email: 'sid@example.com',
        statistics: { chats_count: 0, threads_count: 0, visits_count: 1, page_views_count: 1, greetings_shown_count: 0, greetings_accepted_count: 0 },
      },
      has_active_thread: false,
      chats: [],
      __priv_dynamic_config: { customer_groups: { monitoring: { id: 0 } } },
    });
    expect(seen.storage).toEqual({ customer_side_storage: { visit_id: expect.any(String) } });
    expect(seen.page).toEqual({});
    expect(seen.customer).toEqual({ id: customer.entity_id, type: 'customer', name: 'Sid', email: 'sid@example.com' });
    expect(seen.badPage).toEqual({ error: { type: 'validation', message: 'url: Required' } });

    // The Web client reads the same customer.
    const web = new Customer.Web('sdk-test', () => ({ accessToken: customer.access_token, region: '', organizationID: organizationId }), { apiUrl: sdk.proxy.host });
    await expect(web.getCustomer()).resolves.toEqual({ id: customer.entity_id, type: 'customer', name: 'Sid', email: 'sid@example.com' });
  });
});
