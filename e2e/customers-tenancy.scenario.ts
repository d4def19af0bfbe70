import { callWeb, RtmClient } from '@switchboard/testing';
import { customerToken } from './conversation.scenario';
import { createTeam, IdentityUrls, post } from './identity.scenario';

type Reply = { status: number; body: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface CustomerTenancyUrls extends IdentityUrls {
  customer: string;
}

/** Agent Chat API customer methods, aimed by the second organization at the first one's customer. */
const agentProbes = (customerId: string): Record<string, unknown> => ({
  get_customer: { id: customerId },
  list_customers: { filters: { customer_id: { values: [customerId] } } },
  create_customer: { name: 'Intruder' },
  update_customer: { id: customerId, name: 'stolen', session_fields: [{ stolen: 'yes' }] },
  ban_customer: { id: customerId, ban: { days: 30 } },
  follow_customer: { id: customerId },
  unfollow_customer: { id: customerId },
});

/** Calls that answer about the caller's own organization only: an empty list, a customer of its own. */
const OWN_ONLY = new Set(['list_customers', 'create_customer']);

/**
 * Two organizations: the second one's owner (Bearer token and personal
 * access token) calls every customer method of the Agent Chat API aimed at
 * the first one's customer, on every gateway, and its customer calls the
 * profile methods naming the first organization. Nothing of the first
 * organization is shown, its customer is unchanged, and its agent hears nothing.
 */
export async function checkCustomerTenancy(urls: CustomerTenancyUrls, adminToken: string, name: string): Promise<void> {
  const acme = await createTeam(urls, adminToken, `${name}A`);
  const other = await createTeam(urls, adminToken, `${name}B`);
  const created = await callWeb(urls.agent[0], 'agent', 'create_customer', { name: 'Alice Secret', email: 'alice@acme.example' }, { token: acme.owner });
  expect(created.status).toBe(200);
  const alice: string = created.body.customer_id;
  const view = async () => (await callWeb(urls.agent[0], 'agent', 'get_customer', { id: alice }, { token: acme.owner })).body;
  // Max follows her, so he hears about her though she is not on the website.
  expect((await callWeb(urls.agent[0], 'agent', 'follow_customer', { id: alice }, { token: acme.tokens.normal })).status).toBe(200);
  const before = await view();
  expect(before.name).toBe('Alice Secret');

  const listening = await RtmClient.connect(urls.agent[urls.agent.length - 1], 'agent');
  expect((await listening.request('login', { token: `Bearer ${acme.tokens.normal}`, customer_monitoring_level: 'online' })).success).toBe(true);
  await listening.nextPush('incoming_customers', () => true, 20_000);

  const theirPat = await post(urls.configuration, '/auth/personal_access_tokens', { name: 'probe' }, other.owner);
  const secrets = [acme.organizationId, alice, 'Alice Secret', 'alice@acme.example'];
  const leaks = (reply: Reply, sent: unknown) => secrets.filter((s) => JSON.stringify(reply.body).includes(s) && !JSON.stringify(sent).includes(s));
  const credentials = [`Bearer ${other.owner}`, `Basic ${Buffer.from(`${other.ids.owner}:${theirPat.body.token}`).toString('base64')}`];
  for (const gateway of urls.agent) {
    for (const authorization of credentials) {
      for (const [action, payload] of Object.entries(agentProbes(alice))) {
        const reply = await callWeb(gateway, 'agent', action, payload, { headers: { Authorization: authorization } });
        expect({ action, leaks: leaks(reply, payload) }).toEqual({ action, leaks: [] });
        expect({ action, status: reply.status === 200 ? 200 : 'refused' }).toEqual({ action, status: OWN_ONLY.has(action) ? 200 : 'refused' });
        if (action === 'list_customers') expect(reply.body).toEqual({ customers: [], total_customers: 0 });
      }
    }
  }
  // Their customer, naming either organization, reaches only itself (or nothing).
  const theirCustomer = await customerToken(urls.customer, other.organizationId);
  for (const [action, payload] of [
    ['update_customer', { name: 'stolen' }],
    ['set_customer_session_fields', { session_fields: [{ stolen: 'yes' }] }],
  ] as const) {
    const reply = await callWeb(urls.customer, 'customer', action, payload, { token: theirCustomer.access_token, organizationId: acme.organizationId });
    expect({ action, status: reply.status === 200 ? 200 : 'refused', leaks: leaks(reply, payload) }).toEqual({ action, status: 'refused', leaks: [] });
  }

  // The customer is as it was, and the first organization's agent heard nothing of it.
  expect(await view()).toEqual(before);
  const sentinel = await callWeb(urls.agent[0], 'agent', 'update_customer', { id: alice, name: 'Alice Sentinel' }, { token: acme.owner });
  expect(sentinel.status).toBe(200);
  await listening.nextPush('customer_updated', (f) => f.payload.name === 'Alice Sentinel', 20_000);
  // Pushes of one organization arrive in order: whatever came before the sentinel has arrived. Of the probes, nothing.
  // (The organization's own earlier events — its agents, Alice's creation — may arrive late through the relay.)
  const probed = listening.pushes.filter((p) => /stolen|Intruder/.test(JSON.stringify(p)) || ['customer_updated', 'customer_banned', 'customer_unfollowed'].includes(p.action));
  expect(probed).toEqual([]);
  listening.close();
}
