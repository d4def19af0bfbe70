import { callWeb, RtmClient } from '@switchboard/testing';
import { customerToken } from './conversation.scenario';
import { createTeam } from './identity.scenario';
import { customerLogin, SelfServiceUrls } from './selfservice.scenario';

/**
 * Two organizations, one customer each, on the same pages: the second
 * organization's customer aims every method of the customer's self-service
 * at the first organization (its `organization_id` in the query string or
 * the RTM URL, the first one's visit id in its side storage) and is refused
 * or served only its own data; the first organization's auto access rule
 * never reaches the second organization's chats, and the first customer's
 * visit is untouched.
 */
export async function checkSelfServiceTenancy(urls: SelfServiceUrls, adminToken: string, name: string): Promise<void> {
  const acme = await createTeam(urls, adminToken, `${name}A`);
  const other = await createTeam(urls, adminToken, `${name}B`);
  const [first, last] = [urls.customer[0], urls.customer[urls.customer.length - 1]];
  const group = await callWeb(urls.configuration, 'configuration', 'create_group', { name: 'Sales', agent_priorities: { [acme.ids.normal]: 'normal' } }, { token: acme.owner });
  expect(group.body).toEqual({ id: 1 });
  const rule = { access: { groups: [1] }, conditions: { domain: { values: [{ value: 'shop.example' }] } } };
  expect((await callWeb(urls.configuration, 'configuration', 'add_auto_access', rule, { token: acme.owner })).status).toBe(200);

  // The first organization's customer, on a page its rule matches.
  const ann = await customerToken(first, acme.organizationId);
  const annTab = await customerLogin(first, acme.organizationId, ann, { customer: { name: 'Ann' }, customer_page: { url: 'https://shop.example/' } });
  const annVisit = (await annTab.client.nextPush('customer_side_storage_updated', () => true, 20_000)).payload.customer_side_storage.visit_id;

  // The second organization's customer, aiming at the first organization.
  const bob = await customerToken(last, other.organizationId);
  for (const action of ['get_customer', 'update_customer_page']) {
    const aimed = await callWeb(last, 'customer', action, { url: 'https://shop.example/' }, { token: bob.access_token, organizationId: acme.organizationId });
    expect({ action, status: aimed.status, type: aimed.body.error?.type }).toEqual({ action, status: 403, type: 'authorization' });
  }
  const intruder = await RtmClient.connect(first, 'customer', acme.organizationId);
  const refused = await intruder.request('login', { token: `Bearer ${bob.access_token}`, customer_side_storage: { visit_id: annVisit } });
  expect(refused.payload.error.type).toBe('authorization');
  expect((await intruder.request('update_customer_page', { url: 'https://shop.example/x' })).payload.error.type).toBe('authentication');
  intruder.close();

  // In its own organization, with the first customer's visit id: its own customer, its own new visit.
  const bobTab = await customerLogin(last, other.organizationId, bob, { customer_page: { url: 'https://shop.example/' }, customer_side_storage: { visit_id: annVisit } });
  expect(bobTab.login.payload.customer).toEqual({
    id: bob.entity_id,
    type: 'customer',
    statistics: { chats_count: 0, threads_count: 0, visits_count: 1, page_views_count: 1, greetings_shown_count: 0, greetings_accepted_count: 0 },
  });
  expect((await bobTab.client.nextPush('customer_side_storage_updated', () => true, 20_000)).payload.customer_side_storage.visit_id).not.toBe(annVisit);
  expect((await bobTab.client.request('update_customer_page', { url: 'https://shop.example/pricing' })).payload).toEqual({});
  expect((await callWeb(first, 'customer', 'get_customer', {}, { token: bob.access_token, organizationId: other.organizationId })).body).toEqual({ id: bob.entity_id, type: 'customer' });

  // The first organization's rule does not preset the second organization's chat.
  const bobChat = await callWeb(first, 'customer', 'start_chat', {}, { token: bob.access_token, organizationId: other.organizationId });
  expect(bobChat.status).toBe(200);
  const seen = await callWeb(first, 'customer', 'get_chat', { chat_id: bobChat.body.chat_id }, { token: bob.access_token, organizationId: other.organizationId });
  expect(seen.body.access).toEqual({ group_ids: [0] });

  // The first customer's visit is as it was: one visit, one page, nothing of the other's.
  const annAgain = await customerLogin(last, acme.organizationId, ann, { customer_side_storage: { visit_id: annVisit } });
  expect(annAgain.login.payload.customer).toMatchObject({ id: ann.entity_id, name: 'Ann', statistics: { visits_count: 1, page_views_count: 1, chats_count: 0 } });
  for (const client of [annTab.client, bobTab.client, annAgain.client]) client.close();
}
