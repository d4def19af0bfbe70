import { RtmClient, SmtpReceiver, waitFor } from '@switchboard/testing';
import { createOrganization, customerToken } from './conversation.scenario';
import { CallbackReceiver, configure, customerWeb, shownGreeting, verificationLink } from './widget.helpers';

export interface WidgetUrls {
  configuration: string;
  customer: string;
  agent: string;
}

/** What a mode adds: where mail and callbacks arrive. */
export interface WidgetHarness {
  smtp: SmtpReceiver;
  callbacks: CallbackReceiver;
  /** Distributed: how many `customer_goals_reached` events the customer's stream holds. */
  goalsRecorded?: (organizationId: string, customerId: string) => Promise<number>;
}

const PUSH_WAIT_MS = 30_000;

async function customerRtm(url: string, organizationId: string, token: string, customer?: Record<string, unknown>): Promise<RtmClient> {
  const client = await RtmClient.connect(url, 'customer', organizationId);
  expect(await client.request('login', { token: `Bearer ${token}`, ...(customer && { customer }) })).toMatchObject({ success: true });
  return client;
}

async function agentRtm(url: string, token: string): Promise<RtmClient> {
  const client = await RtmClient.connect(url, 'agent');
  expect(await client.request('login', { token: `Bearer ${token}` })).toMatchObject({ success: true });
  return client;
}

/**
 * A chat widget's life before and around a chat, as a widget calls it: the
 * dynamic configuration (both ids), configuration, translations and forms an
 * owner sets through `switchboard_*`, group statuses and the predicted agent
 * from the live routing state, greetings shown on page views and answered,
 * goals, and e-mail verification with a real SMTP server and callback.
 */
export async function checkWidget(urls: WidgetUrls, adminToken: string, name: string, harness: WidgetHarness): Promise<void> {
  const { organizationId, ownerToken } = await createOrganization(urls.configuration, adminToken, `${name}Widget`);
  const owner = configure(urls.configuration, ownerToken);
  const customer = await customerToken(urls.customer, organizationId);
  const web = customerWeb(urls.customer, organizationId, customer.access_token);

  // --- A fresh organization's widget works with no setup.
  const fresh = await web.get('get_dynamic_configuration', {});
  expect(fresh).toEqual({
    status: 200,
    body: {
      group_id: 0,
      organization_id: organizationId,
      client_limit_exceeded: false,
      domain_allowed: true,
      config_version: expect.any(String),
      localization_version: expect.any(String),
      language: 'en',
    },
  });
  const freshConfiguration = await web.get('get_configuration', { group_id: '0', version: fresh.body.config_version });
  expect(freshConfiguration.status).toBe(200);
  expect(freshConfiguration.body).toEqual({
    buttons: [{ id: 'default', type: 'text', online_value: expect.any(String), offline_value: expect.any(String) }],
    integrations: {},
    properties: { group: expect.any(Object), license: expect.any(Object) },
    allowed_domains: [],
  });
  const english = await web.get('get_localization', { group_id: '0', language: 'en', version: fresh.body.localization_version });
  expect(english).toMatchObject({ status: 200, body: { chat_now: 'Chat now', send: 'Send' } });
  expect(await web.post('get_form', { group_id: 0, type: 'prechat' })).toEqual({ status: 200, body: { enabled: false } });

  // --- The numeric license id works instead of the organization id (query string, as widgets send it).
  const licenseReply = await fetch(`${urls.configuration}/v3.4/configuration/action/get_license_id?organization_id=${organizationId}`);
  const licenseId = ((await licenseReply.json()) as { license_id: number }).license_id;
  const byLicense = await web.get('get_dynamic_configuration', { license_id: String(licenseId) }, { organizationId: null });
  expect(byLicense).toMatchObject({ status: 200, body: { organization_id: organizationId, group_id: 0 } });
  expect(await web.get('get_dynamic_configuration', {}, { organizationId: null })).toMatchObject({ status: 400, body: { error: { type: 'validation' } } });

  // --- The owner configures the widget; a normal agent may not.
  const agentId = `max@${name.toLowerCase()}widget.example`;
  expect((await owner('create_agent', { id: agentId, name: 'Max', max_chats_count: 1, job_title: 'Support' })).status).toBe(200);
  const issued = await fetch(`${urls.configuration}/auth/agent_token`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${ownerToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ agent_id: agentId }),
  });
  const agentToken = ((await issued.json()) as { access_token: string }).access_token;
  expect(await configure(urls.configuration, agentToken)('switchboard_update_widget_settings', { language: 'de' })).toMatchObject({
    status: 403,
    body: { error: { type: 'authorization' } },
  });
  expect(await owner('switchboard_update_widget_settings', { allowed_domains: ['shop.example'], buttons: [] })).toEqual({ status: 200, body: {} });
  expect(await owner('switchboard_update_widget_settings', { allowed_domains: ['not a domain'] })).toMatchObject({ status: 400, body: { error: { type: 'validation' } } });
  const prechat = { id: 'pre', fields: [{ id: 'n', type: 'name', label: 'Your name', required: true }, { id: 'e', type: 'email', label: 'E-mail' }] };
  const ticket = { id: 'tk', fields: [{ id: 't', type: 'textarea', label: 'Message' }] };
  expect(await owner('switchboard_set_form', { group_id: 0, type: 'prechat', form: prechat })).toEqual({ status: 200, body: {} });
  expect(await owner('switchboard_set_form', { group_id: 0, type: 'ticket', form: ticket })).toEqual({ status: 200, body: {} });
  expect(await owner('switchboard_set_form', { group_id: 9, type: 'prechat', form: prechat })).toMatchObject({ status: 404, body: { error: { type: 'group_not_found' } } });
  expect(await owner('switchboard_set_translations', { language: 'de', phrases: { send: 'Senden' } })).toEqual({ status: 200, body: {} });
  const text = (t: string) => ({ type: 'message', text: t });
  for (const [id, said] of [[1, 'Questions about pricing?'], [2, 'Still deciding?']] as const) {
    const greeting = { id, agent_id: agentId, event: text(said), rule: { url_contains: '/pricing' } };
    expect(await owner('switchboard_set_greeting', { greeting })).toEqual({ status: 200, body: {} });
  }
  expect(await owner('switchboard_set_greeting', { greeting: { id: 3, agent_id: 'nobody@x.example', event: text('x'), rule: { url_contains: '/' } } })).toMatchObject({
    status: 404,
  });
  expect(await owner('switchboard_set_goal', { goal: { id: 7, name: 'Bought', url_contains: '/thank-you' } })).toEqual({ status: 200, body: {} });
  expect((await owner('switchboard_list_greetings', {})).body.greetings.map((g: { id: number }) => g.id)).toEqual([1, 2]);
  expect((await owner('switchboard_get_widget_settings', {})).body).toMatchObject({ allowed_domains: ['shop.example'], language: 'en', queue_enabled: true });
  // Routing settings (ADR 0036): the license's and a group's own; the widget's queue_enabled is the license's.
  expect(await owner('switchboard_update_routing_settings', { settings: { transfer_chat_after_min: 4, queue_enabled: false } })).toEqual({ status: 200, body: {} });
  expect(await owner('switchboard_update_routing_settings', { group_id: 9, settings: { queue_limit: 3 } })).toMatchObject({ status: 404, body: { error: { type: 'group_not_found' } } });
  expect(await owner('switchboard_update_routing_settings', { settings: { queue_limit: null } })).toMatchObject({ status: 400, body: { error: { type: 'validation' } } });
  expect(await owner('switchboard_update_routing_settings', { settings: { queue_limit: -1 } })).toMatchObject({ status: 400, body: { error: { type: 'validation' } } });
  expect((await owner('switchboard_get_routing_settings', {})).body).toMatchObject({ license: { transfer_chat_after_min: 4, queue_enabled: false, queue_limit: 100 }, groups: {} });
  expect((await owner('switchboard_get_widget_settings', {})).body.queue_enabled).toBe(false);
  expect(await owner('switchboard_update_widget_settings', { queue_enabled: true })).toEqual({ status: 200, body: {} });
  expect((await owner('switchboard_get_routing_settings', {})).body.license.queue_enabled).toBe(true);

  // --- The widget sees it: versions move, domains are checked, forms and phrases served.
  const configured = await web.get('get_dynamic_configuration', { url: 'https://www.shop.example/pricing' });
  expect(configured.body).toMatchObject({ domain_allowed: true, localization_version: expect.any(String) });
  expect(configured.body.config_version).not.toBe(fresh.body.config_version);
  expect(configured.body.localization_version).not.toBe(fresh.body.localization_version);
  expect((await web.get('get_dynamic_configuration', { url: 'https://shop.example.evil.test/' })).body.domain_allowed).toBe(false);
  const configuration = await web.get('get_configuration', { group_id: '0', version: configured.body.config_version });
  expect(configuration.body).toMatchObject({ buttons: [], prechat_form: prechat, ticket_form: ticket, allowed_domains: ['shop.example'] });
  expect((await web.get('get_localization', { group_id: '0', language: 'de', version: configured.body.localization_version })).body).toMatchObject({
    send: 'Senden',
    chat_now: 'Chat now',
  });
  const rtm = await customerRtm(urls.customer, organizationId, customer.access_token, { email: `ann@${name.toLowerCase()}.example` });
  expect(await rtm.request('get_form', { group_id: 0, type: 'prechat' })).toMatchObject({ success: true, payload: { enabled: true, form: prechat } });
  expect(await rtm.request('get_form', { group_id: 0, type: 'postchat' })).toMatchObject({ success: true, payload: { enabled: false } });
  expect(await web.post('get_form', { group_id: 4, type: 'prechat' })).toMatchObject({ status: 404, body: { error: { type: 'group_not_found' } } });

  // --- Bad input: the spec's error, nothing else.
  expect(await web.post('list_group_statuses', {})).toMatchObject({ status: 400, body: { error: { type: 'validation' } } });
  expect(await web.get('get_localization', { group_id: '0', language: 'de' })).toMatchObject({ status: 400, body: { error: { type: 'validation' } } });
  expect(await web.get('get_configuration', { group_id: 'zero', version: '1' })).toMatchObject({ status: 400, body: { error: { type: 'validation' } } });
  expect(await web.post('accept_greeting', { greeting_id: 'one', unique_id: 'x' })).toMatchObject({ status: 400, body: { error: { type: 'validation' } } });
  expect(await web.post('request_email_verification', { callback_uri: 'ftp://x.example/' })).toMatchObject({ status: 400, body: { error: { type: 'validation' } } });
  expect(await web.post('get_dynamic_configuration', { group_id: 3 })).toMatchObject({ status: 404, body: { error: { type: 'group_not_found' } } });

  // --- Routing state: nobody accepts → offline; an agent accepts → online; all seats taken → online_for_queue.
  expect(await web.post('list_group_statuses', { all: true })).toEqual({ status: 200, body: { groups_status: { '0': 'offline' } } });
  expect(await web.post('get_predicted_agent', {})).toMatchObject({ status: 422, body: { error: { type: 'group_offline' } } });
  const max = await agentRtm(urls.agent, agentToken);
  expect(await max.request('set_routing_status', { status: 'accepting_chats' })).toMatchObject({ success: true });
  expect(await rtm.request('list_group_statuses', { group_ids: [0, 12345] })).toMatchObject({ success: true, payload: { groups_status: { '0': 'online' } } });
  const maxView = { id: agentId, type: 'agent', name: 'Max', avatar: expect.any(String), job_title: 'Support', is_bot: false };
  expect(await rtm.request('get_predicted_agent', {})).toMatchObject({ success: true, payload: { agent: maxView, queue: false } });
  expect((await web.get('get_dynamic_configuration', {})).body.online_group_ids).toEqual([0]);

  const other = await customerToken(urls.customer, organizationId);
  const otherWeb = customerWeb(urls.customer, organizationId, other.access_token);
  // Without an e-mail address there is nothing to verify.
  expect(await otherWeb.post('request_email_verification', { callback_uri: harness.callbacks.url })).toMatchObject({ status: 400, body: { error: { type: 'validation' } } });
  const started = await otherWeb.post('start_chat', {});
  expect(started.status).toBe(200);
  await max.nextPush('incoming_chat', (f) => f.payload.chat.id === started.body.chat_id, PUSH_WAIT_MS);
  await waitFor(async () => (await web.post('list_group_statuses', { all: true })).body.groups_status['0'] === 'online_for_queue', PUSH_WAIT_MS);
  expect(await web.post('get_predicted_agent', {})).toEqual({ status: 200, body: { agent: maxView, queue: true } });
  expect(await owner('switchboard_update_widget_settings', { queue_enabled: false, client_limit: 1 })).toEqual({ status: 200, body: {} });
  expect(await web.post('get_predicted_agent', {})).toMatchObject({ status: 422, body: { error: { type: 'group_unavailable' } } });
  expect((await web.post('list_group_statuses', { all: true })).body.groups_status).toEqual({ '0': 'offline' });
  expect((await web.get('get_dynamic_configuration', {})).body).toMatchObject({ client_limit_exceeded: true });

  // --- Goals: reached by the page, recorded once.
  expect(await web.post('check_goals', { session_fields: [], group_id: 0, page_url: 'https://www.shop.example/thank-you' })).toEqual({ status: 200, body: {} });
  expect(await web.post('check_goals', { session_fields: [], group_id: 0, page_url: 'https://www.shop.example/thank-you' })).toEqual({ status: 200, body: {} });
  if (harness.goalsRecorded) expect(await harness.goalsRecorded(organizationId, customer.entity_id)).toBe(1);

  // --- Greetings shown on the pages the widget reports, answered over RTM and the Web.
  const viewPage = async (url: string) => expect(await rtm.request('update_customer_page', { url })).toMatchObject({ success: true, payload: {} });
  await viewPage('https://www.shop.example/pricing');
  const first = await rtm.nextPush('incoming_greeting', () => true, PUSH_WAIT_MS);
  expect(first.payload).toEqual(shownGreeting(1, 'Questions about pricing?', maxView));
  expect(await rtm.request('accept_greeting', { greeting_id: 2, unique_id: first.payload.unique_id })).toMatchObject({
    success: false,
    payload: { error: { type: 'greeting_not_found' } },
  });
  expect(await rtm.request('accept_greeting', { greeting_id: 1, unique_id: first.payload.unique_id })).toMatchObject({ success: true, payload: {} });
  await rtm.nextPush('greeting_accepted', (f) => f.payload.unique_id === first.payload.unique_id, PUSH_WAIT_MS);
  expect(await web.post('cancel_greeting', { unique_id: first.payload.unique_id })).toMatchObject({ status: 404, body: { error: { type: 'greeting_not_found' } } });

  await viewPage('https://www.shop.example/pricing?plan=pro');
  const second = await rtm.nextPush('incoming_greeting', () => true, PUSH_WAIT_MS);
  expect(second.payload).toMatchObject({ id: 2, displayed_first_time: false, event: { text: 'Still deciding?' } });
  expect(await rtm.request('cancel_greeting', { unique_id: second.payload.unique_id })).toMatchObject({ success: true, payload: {} });
  await rtm.nextPush('greeting_canceled', (f) => f.payload.unique_id === second.payload.unique_id, PUSH_WAIT_MS);
  // Both greetings were shown in this visit: another view shows nothing.
  await viewPage('https://www.shop.example/pricing#again');

  // --- E-mail verification: a real mail, the link, the callback; then verified at once.
  const { smtp, callbacks } = harness;
  const email = `ann@${name.toLowerCase()}.example`;
  const mailsBefore = smtp.messages.length;
  const callbacksBefore = callbacks.bodies.length;
  expect(await web.post('request_email_verification', { callback_uri: callbacks.url })).toEqual({ status: 200, body: {} });
  const link = await verificationLink(smtp, email, mailsBefore);
  // Nobody's mailbox gets flooded: one mail a minute.
  expect(await web.post('request_email_verification', { callback_uri: callbacks.url })).toMatchObject({ status: 429, body: { error: { type: 'too_many_requests' } } });
  const forged = new URL(link);
  forged.searchParams.set('code', 'A'.repeat(43));
  expect((await fetch(forged)).status).toBe(404);
  expect(callbacks.bodies.length).toBe(callbacksBefore);
  const confirmed = await fetch(link);
  expect(confirmed.status).toBe(200);
  await waitFor(() => callbacks.bodies.length > callbacksBefore, PUSH_WAIT_MS);
  expect(callbacks.bodies.at(-1)).toEqual({ email, customer_id: customer.entity_id });
  expect((await fetch(link)).status).toBe(404);
  const mailsNow = smtp.messages.length;
  expect(await web.post('request_email_verification', { callback_uri: callbacks.url })).toEqual({ status: 200, body: {} });
  await waitFor(() => callbacks.bodies.length > callbacksBefore + 1, PUSH_WAIT_MS);
  expect(smtp.messages.length).toBe(mailsNow);
  expect(rtm.pushes.filter((f) => f.action === 'incoming_greeting')).toEqual([]);

  rtm.close();
  max.close();
}
