import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { globalAgent } from 'node:https';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Customer } from '@livechat/lc-sdk-js';
import { spawnApp, SpawnedApp, startTlsProxy, TlsProxy } from '@switchboard/testing';
import { createOrganization, customerToken } from './conversation.scenario';

const run = promisify(execFile);

/**
 * The official LiveChat JS SDK (@livechat/lc-sdk-js) against Switchboard for
 * the customer's self-service (ADR 0031): its Customer RTM client logs in
 * with the page and profile and gets the initial state, its side storage
 * push, the customer, and records a page; its Web client reads the customer.
 * The embedded mode, behind a TLS-terminating proxy.
 */
describe('the official LiveChat JS SDK and the customer self-service', () => {
  let dir: string;
  let app: SpawnedApp;
  let proxy: TlsProxy;
  let organizationId: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sb-sdk-self-'));
    app = await spawnApp('switchboard', { DATA_DIR: dir, RATE_LIMITS: 'off' }, { timeoutMs: 120_000 });
    proxy = await startTlsProxy(app.url);
    globalAgent.options.ca = proxy.certificate;
    ({ organizationId } = await createOrganization(app.url, readFileSync(join(dir, 'admin-token'), 'utf8').trim(), 'SdkSelf'));
  }, 180_000);
  afterAll(async () => {
    delete globalAgent.options.ca;
    await proxy?.close();
    await app?.stop('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('logs a customer in over its Customer RTM client with the page and profile, then reads the customer and records a page', async () => {
    const customer = await customerToken(app.url, organizationId);
    // The SDK's WebSocket takes no TLS options: a process of its own trusts the proxy's certificate (NODE_EXTRA_CA_CERTS).
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
    const caFile = join(dir, 'proxy-ca.pem');
    writeFileSync(caFile, proxy.certificate);
    const { stdout } = await run(process.execPath, ['-e', script], {
      cwd: join(__dirname, '..'),
      env: { PATH: process.env.PATH, NODE_EXTRA_CA_CERTS: caFile, SB_HOST: proxy.host, SB_TOKEN: `Bearer ${customer.access_token}`, SB_ORG: organizationId },
      timeout: 30_000,
    });
    const seen = JSON.parse(stdout);
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
    const web = new Customer.Web('sdk-test', () => ({ accessToken: customer.access_token, region: '', organizationID: organizationId }), { apiUrl: proxy.host });
    await expect(web.getCustomer()).resolves.toEqual({ id: customer.entity_id, type: 'customer', name: 'Sid', email: 'sid@example.com' });
  });
});
