import { RtmClient, SmtpReceiver, waitFor } from '@switchboard/testing';
import { createOrganization, customerToken } from './conversation.scenario';
import { CallbackReceiver, configure, customerWeb, verificationLink } from './widget.helpers';
import { WidgetUrls } from './widget.scenario';

export interface WidgetTenancyHarness {
  smtp: SmtpReceiver;
  callbacks: CallbackReceiver;
}

const PUSH_WAIT_MS = 30_000;

/**
 * Two organizations: every widget method and `switchboard_*` action of
 * organization B, aimed at what organization A configured (its forms,
 * settings, translations, greetings, goals, groups, license id, routing
 * state, a greeting shown to A's customer, A's verification link), reads and
 * changes nothing of A's.
 */
export async function checkWidgetTenancy(urls: WidgetUrls, adminToken: string, name: string, harness: WidgetTenancyHarness): Promise<void> {
  const a = await createOrganization(urls.configuration, adminToken, `${name}A`);
  const b = await createOrganization(urls.configuration, adminToken, `${name}B`);
  const ownerA = configure(urls.configuration, a.ownerToken);
  const ownerB = configure(urls.configuration, b.ownerToken);

  // --- A: an accepting agent in group 0 and a group of its own, forms, phrases, a greeting, a goal, allowed domains.
  const agentId = `max@${name.toLowerCase()}a.example`;
  expect((await ownerA('create_agent', { id: agentId, name: 'Max' })).status).toBe(200);
  const group = (await ownerA('create_group', { name: 'Sales', agent_priorities: { [agentId]: 'normal' } })).body.id as number;
  const prechat = { id: 'pre', fields: [{ id: 'n', type: 'name', label: 'Name' }] };
  for (const g of [0, group]) expect((await ownerA('switchboard_set_form', { group_id: g, type: 'prechat', form: prechat })).status).toBe(200);
  expect((await ownerA('switchboard_set_translations', { language: 'fr', phrases: { send: 'Envoyer' } })).status).toBe(200);
  expect((await ownerA('switchboard_update_widget_settings', { allowed_domains: ['a.example'] })).status).toBe(200);
  const greeting = { id: 1, agent_id: agentId, event: { type: 'message', text: 'Hello from A' }, rule: { url_contains: '/' } };
  expect((await ownerA('switchboard_set_greeting', { greeting })).status).toBe(200);
  expect((await ownerA('switchboard_set_goal', { goal: { id: 1, name: 'A goal', url_contains: '/done' } })).status).toBe(200);
  const agentToken = (
    (await (
      await fetch(`${urls.configuration}/auth/agent_token`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${a.ownerToken}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ agent_id: agentId }),
      })
    ).json()) as { access_token: string }
  ).access_token;
  const max = await RtmClient.connect(urls.agent, 'agent');
  expect(await max.request('login', { token: `Bearer ${agentToken}` })).toMatchObject({ success: true });
  expect(await max.request('set_routing_status', { status: 'accepting_chats' })).toMatchObject({ success: true });
  const licenseA = ((await (await fetch(`${urls.configuration}/v3.4/configuration/action/get_license_id?organization_id=${a.organizationId}`)).json()) as { license_id: number })
    .license_id;

  const customerA = await customerToken(urls.customer, a.organizationId);
  const webA = customerWeb(urls.customer, a.organizationId, customerA.access_token);
  expect((await webA.post('list_group_statuses', { all: true })).body.groups_status).toEqual({ '0': 'online', [group]: 'online' });

  // --- B's customer, with B's token.
  const customerB = await customerToken(urls.customer, b.organizationId);
  const webB = customerWeb(urls.customer, b.organizationId, customerB.access_token);
  const dynamic = await webB.get('get_dynamic_configuration', { url: 'https://b.example/' });
  expect(dynamic.body).toEqual(expect.objectContaining({ organization_id: b.organizationId, domain_allowed: true }));
  expect(dynamic.body).not.toHaveProperty('online_group_ids');
  expect(await webB.get('get_dynamic_configuration', { license_id: String(licenseA) }, { organizationId: null })).toMatchObject({
    status: 403,
    body: { error: { type: 'authorization' } },
  });
  expect(await webB.get('get_dynamic_configuration', {}, { organizationId: a.organizationId })).toMatchObject({ status: 403, body: { error: { type: 'authorization' } } });
  const configurationB = await webB.get('get_configuration', { group_id: '0', version: dynamic.body.config_version });
  expect(configurationB.status).toBe(200);
  expect(configurationB.body).not.toHaveProperty('prechat_form');
  expect(configurationB.body.allowed_domains).toEqual([]);
  expect(await webB.get('get_configuration', { group_id: String(group), version: '1' })).toMatchObject({ status: 404, body: { error: { type: 'group_not_found' } } });
  expect((await webB.get('get_localization', { group_id: '0', language: 'fr', version: dynamic.body.localization_version })).body.send).toBe('Send');
  expect(await webB.post('get_form', { group_id: 0, type: 'prechat' })).toEqual({ status: 200, body: { enabled: false } });
  expect(await webB.post('get_form', { group_id: group, type: 'prechat' })).toMatchObject({ status: 404, body: { error: { type: 'group_not_found' } } });
  expect(await webB.post('list_group_statuses', { group_ids: [0, group] })).toEqual({ status: 200, body: { groups_status: { '0': 'offline' } } });
  expect(await webB.post('get_predicted_agent', {})).toMatchObject({ status: 422, body: { error: { type: 'group_offline' } } });
  expect(await webB.post('check_goals', { session_fields: [], group_id: group, page_url: 'https://a.example/done' })).toMatchObject({
    status: 404,
    body: { error: { type: 'group_not_found' } },
  });

  // --- A greeting shown to A's customer cannot be answered by B's.
  const rtmA = await RtmClient.connect(urls.customer, 'customer', a.organizationId);
  expect(await rtmA.request('login', { token: `Bearer ${customerA.access_token}`, customer: { email: `ann@${name.toLowerCase()}a.example` } })).toMatchObject({ success: true });
  // A's customer's page shows A's greeting.
  expect(await rtmA.request('update_customer_page', { url: 'https://a.example/' })).toMatchObject({ success: true });
  const uniqueId: string = (await rtmA.nextPush('incoming_greeting', () => true, PUSH_WAIT_MS)).payload.unique_id;
  const rtmB = await RtmClient.connect(urls.customer, 'customer', b.organizationId);
  expect(await rtmB.request('login', { token: `Bearer ${customerB.access_token}` })).toMatchObject({ success: true });
  expect(await rtmB.request('accept_greeting', { greeting_id: 1, unique_id: uniqueId })).toMatchObject({ success: false, payload: { error: { type: 'greeting_not_found' } } });
  expect(await webB.post('cancel_greeting', { unique_id: uniqueId })).toMatchObject({ status: 404, body: { error: { type: 'greeting_not_found' } } });
  // Still A's customer's to answer.
  expect(await webA.post('accept_greeting', { greeting_id: 1, unique_id: uniqueId })).toEqual({ status: 200, body: {} });

  // --- A's verification link does not work under B's organization; under A's it does.
  const before = harness.smtp.messages.length;
  expect(await webA.post('request_email_verification', { callback_uri: harness.callbacks.url })).toEqual({ status: 200, body: {} });
  const link = await verificationLink(harness.smtp, `ann@${name.toLowerCase()}a.example`, before);
  const elsewhere = new URL(link);
  elsewhere.searchParams.set('organization_id', b.organizationId);
  expect((await fetch(elsewhere)).status).toBe(404);
  expect(await webB.post('request_email_verification', { callback_uri: harness.callbacks.url })).toMatchObject({ status: 400, body: { error: { type: 'validation' } } });
  const called = harness.callbacks.bodies.length;
  expect((await fetch(link)).status).toBe(200);
  await waitFor(() => harness.callbacks.bodies.length > called, PUSH_WAIT_MS);

  // --- B's owner sees none of A's configuration and cannot change it.
  expect((await ownerB('switchboard_list_greetings', {})).body).toEqual({ greetings: [] });
  expect((await ownerB('switchboard_list_goals', {})).body).toEqual({ goals: [] });
  expect((await ownerB('switchboard_list_forms', {})).body).toEqual({ forms: {} });
  expect((await ownerB('switchboard_list_translations', {})).body).toMatchObject({ translations: {} });
  expect((await ownerB('switchboard_get_widget_settings', {})).body).toMatchObject({ allowed_domains: [] });
  expect(await ownerA('switchboard_update_routing_settings', { group_id: group, settings: { manual_routing: true } })).toEqual({ status: 200, body: {} });
  expect(await ownerB('switchboard_update_routing_settings', { group_id: group, settings: { manual_routing: false } })).toMatchObject({ status: 404, body: { error: { type: 'group_not_found' } } });
  expect((await ownerB('switchboard_get_routing_settings', {})).body.groups).toEqual({});
  expect((await ownerA('switchboard_get_routing_settings', {})).body.groups).toEqual({ [group]: { manual_routing: true } });
  expect(await ownerB('switchboard_delete_greeting', { id: 1 })).toMatchObject({ status: 404, body: { error: { type: 'not_found' } } });
  expect(await ownerB('switchboard_delete_goal', { id: 1 })).toMatchObject({ status: 404, body: { error: { type: 'not_found' } } });
  expect(await ownerB('switchboard_set_form', { group_id: group, type: 'prechat', form: null })).toMatchObject({ status: 404, body: { error: { type: 'group_not_found' } } });
  expect(await ownerB('switchboard_set_greeting', { greeting })).toMatchObject({ status: 404, body: { error: { type: 'not_found' } } });
  expect((await ownerA('switchboard_list_greetings', {})).body.greetings).toHaveLength(1);
  expect((await ownerA('switchboard_list_forms', {})).body.forms).toEqual({ '0': { prechat }, [group]: { prechat } });

  rtmA.close();
  rtmB.close();
  max.close();
}
