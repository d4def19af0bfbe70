import { Customer } from '@livechat/lc-sdk-js';
import { OfficialSdkHarness, RtmClient, SmtpReceiver, startSmtpReceiver, waitFor } from '@switchboard/testing';
import { createOrganization, customerToken } from './conversation.scenario';
import { CallbackReceiver, configure, startCallbackReceiver, verificationLink } from './widget.helpers';

/**
 * The official LiveChat JS SDK's Customer Web client (@livechat/lc-sdk-js)
 * calling the widget's methods on Switchboard, with only its API host
 * changed. The embedded mode, behind a TLS-terminating proxy, with a real
 * SMTP server and callback receiver.
 */
describe('the official LiveChat JS SDK and the widget’s methods', () => {
  let sdk: OfficialSdkHarness;
  let smtp: SmtpReceiver;
  let callbacks: CallbackReceiver;
  let organizationId: string;
  let ownerToken: string;

  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    callbacks = await startCallbackReceiver();
    sdk = await OfficialSdkHarness.start({ URL_INFO_ALLOW_PRIVATE: '1', SMTP_URL: smtp.url });
    ({ organizationId, ownerToken } = await createOrganization(sdk.app.url, sdk.adminToken, 'SdkWidget'));
  }, 180_000);
  afterAll(async () => {
    await sdk?.stop();
    await smtp?.close();
    await callbacks?.close();
  });

  it('reads the configuration, phrases, forms, group statuses and predicted agent, answers greetings, checks goals and verifies e-mail through its Customer Web client', async () => {
    const owner = configure(sdk.app.url, ownerToken);
    const prechat = { id: 'pre', fields: [{ id: 'n', type: 'name', label: 'Name', required: true }] };
    expect((await owner('switchboard_set_form', { group_id: 0, type: 'prechat', form: prechat })).status).toBe(200);
    expect((await owner('switchboard_set_translations', { language: 'de', phrases: { send: 'Senden' } })).status).toBe(200);
    expect((await owner('switchboard_update_widget_settings', { allowed_domains: ['shop.example'] })).status).toBe(200);

    const customer = await customerToken(sdk.app.url, organizationId);
    const api = new Customer.Web('sdk-widget', () => ({ accessToken: customer.access_token, region: '', organizationID: organizationId }), { apiUrl: sdk.proxy.host });

    // get_dynamic_configuration, get_configuration and get_localization go out as GET with query parameters.
    const dynamic = await api.getDynamicConfiguration({ url: 'https://www.shop.example/' } as never);
    expect(dynamic).toMatchObject({ organization_id: organizationId, group_id: 0, domain_allowed: true, client_limit_exceeded: false, language: 'en' });
    const configuration = (await api.getConfiguration('0', dynamic.config_version)) as unknown as Record<string, unknown>;
    expect(configuration).toMatchObject({ prechat_form: prechat, allowed_domains: ['shop.example'], integrations: {} });
    expect(await api.getLocalization('0', 'de', dynamic.localization_version)).toMatchObject({ send: 'Senden', chat_now: 'Chat now' });
    expect(await api.getForm(0, 'prechat')).toEqual({ enabled: true, form: prechat });
    expect(await api.getForm(0, 'postchat')).toEqual({ enabled: false });

    // Group statuses and the predicted agent follow the owner's routing status.
    expect(await api.listGroupStatuses(true)).toEqual({ groups_status: { '0': 'offline' } });
    await expect(api.getPredictedAgent()).rejects.toMatchObject({ type: 'group_offline' });
    const boss = await RtmClient.connect(sdk.app.url, 'agent');
    expect(await boss.request('login', { token: `Bearer ${ownerToken}` })).toMatchObject({ success: true });
    expect(await boss.request('set_routing_status', { status: 'accepting_chats' })).toMatchObject({ success: true });
    expect(await api.listGroupStatuses([0, 77])).toEqual({ groups_status: { '0': 'online' } });
    expect(await api.getPredictedAgent()).toMatchObject({ agent: { id: 'boss@sdkwidget.example', type: 'agent', is_bot: false }, queue: false });
    boss.close();

    // Goals and greetings: nothing shown to this customer, so nothing to answer.
    await expect(api.checkGoals([], 0, 'https://www.shop.example/thank-you' as never)).resolves.toEqual({});
    await expect(api.acceptGreeting(1, 'never-shown')).rejects.toMatchObject({ type: 'greeting_not_found' });
    await expect(api.cancelGreeting('never-shown')).rejects.toMatchObject({ type: 'greeting_not_found' });
    await expect(api.listGroupStatuses([] as never)).resolves.toEqual({ groups_status: {} });

    // E-mail verification: the customer's address comes with its RTM login; then the mail, the link and the callback.
    await expect(api.requestEmailVerification(callbacks.url)).rejects.toMatchObject({ type: 'validation' });
    const rtm = await RtmClient.connect(sdk.app.url, 'customer', organizationId);
    expect(await rtm.request('login', { token: `Bearer ${customer.access_token}`, customer: { email: 'ann@sdkwidget.example' } })).toMatchObject({ success: true });
    rtm.close();
    await expect(api.requestEmailVerification(callbacks.url)).resolves.toEqual({});
    const link = await verificationLink(smtp, 'ann@sdkwidget.example', 0);
    // Without PUBLIC_URL the link points where the request came in: the proxy, as the customer reached it.
    const { host, pathname, search } = new URL(link);
    expect(host).toBe(sdk.proxy.host);
    expect((await fetch(`${sdk.app.url}${pathname}${search}`)).status).toBe(200);
    await waitFor(() => callbacks.bodies.length > 0, 30_000);
    expect(callbacks.bodies).toEqual([{ email: 'ann@sdkwidget.example', customer_id: customer.entity_id }]);
  }, 120_000);
});
