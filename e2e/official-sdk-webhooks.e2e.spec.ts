import { Configuration } from '@livechat/lc-sdk-js';
import { OfficialSdkHarness } from '@switchboard/testing';
import { createOrganization } from './conversation.scenario';

/**
 * Webhook management through the official LiveChat JS SDK's Configuration
 * client (@livechat/lc-sdk-js), with only its API host changed. Its license
 * webhook methods send `client_id` where the docs say `owner_client_id`
 * (README §7). The embedded mode, behind a TLS-terminating proxy.
 */
describe('the official LiveChat JS SDK and webhooks', () => {
  let sdk: OfficialSdkHarness;
  let organizationId: string;
  let ownerToken: string;
  let clientId: string;

  beforeAll(async () => {
    sdk = await OfficialSdkHarness.start();
    ({ organizationId, ownerToken } = await createOrganization(sdk.app.url, sdk.adminToken, 'SdkHooks'));
    const applications = await fetch(`${sdk.app.url}/auth/applications`, { headers: { Authorization: `Bearer ${ownerToken}` } });
    clientId = ((await applications.json()) as Array<{ client_id: string }>)[0].client_id;
  }, 180_000);
  afterAll(() => sdk?.stop());

  const configuration = () => new Configuration.Web('sdk-test', () => ({ accessToken: ownerToken, region: '', organizationID: organizationId }), { apiUrl: sdk.proxy.host });

  it('lists the webhook actions, registers, lists and unregisters webhooks through its Configuration client', async () => {
    const api = configuration();
    const names = await api.listWebhookNames();
    expect(names).toHaveLength(36);
    expect(names).toContainEqual({ action: 'thread_tagged', filters: ['chat_presence', 'only_my_chats', 'source_type'], additional_data: ['chat_properties', 'chat_presence_user_ids'] });
    await expect(api.listWebhookNames('3.5')).resolves.toEqual(names);

    const webhook = { action: 'incoming_chat', secret_key: 'sdk-secret', url: 'https://hooks.example/sdk', type: 'license', description: 'SDK', filters: { only_my_chats: true, chat_presence: { my_bots: true } } };
    const { id } = await api.registerWebhook(webhook, clientId);
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    await expect(api.listWebhooks(clientId)).resolves.toEqual([{ id, ...webhook, owner_client_id: clientId }]);
    await expect(api.registerWebhook({ ...webhook, action: 'chat_started' }, clientId)).rejects.toMatchObject({ type: 'validation' });
    await expect(api.unregisterWebhook(id, clientId)).resolves.toEqual({});
    await expect(api.unregisterWebhook(id, clientId)).rejects.toMatchObject({ type: 'not_found' });
    await expect(api.listWebhooks(clientId)).resolves.toEqual([]);
  });

  it("turns the application's license webhooks off and on, by client_id or the token's own", async () => {
    const api = configuration();
    await expect(api.getLicenseWebhooksState()).resolves.toEqual({ license_webhooks_enabled: true });
    await expect(api.disableLicenseWebhooks(clientId)).resolves.toEqual({});
    await expect(api.getLicenseWebhooksState(clientId)).resolves.toEqual({ license_webhooks_enabled: false });
    await expect(api.getLicenseWebhooksState()).resolves.toEqual({ license_webhooks_enabled: false });
    await expect(api.enableLicenseWebhooks()).resolves.toEqual({});
    await expect(api.getLicenseWebhooksState(clientId)).resolves.toEqual({ license_webhooks_enabled: true });
    await expect(api.disableLicenseWebhooks('f'.repeat(32))).rejects.toMatchObject({ type: 'validation' });
  });
});
