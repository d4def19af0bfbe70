import { callWeb, pngImage } from '@switchboard/testing';
import { customerToken } from './conversation.scenario';
import { uploadFile } from './files.scenario';
import { createTeam, IdentityUrls, Team } from './identity.scenario';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface ArchiveUrls extends IdentityUrls {
  customer: string;
}

/** The threads an archive scenario wrote, by name. */
export interface ArchiveFixture {
  team: Team;
  /** chat A (everyone): A1 billing form, A2 refund + file */
  a1: string;
  a2: string;
  /** chat B (Sales, Max's): B1 */
  b1: string;
  /** chat C: C1 (Support only), C2 (Sales), C3 (Support only) */
  c1: string;
  c2: string;
  c3: string;
  /** chat D: the customer's own, nobody answered */
  d1: string;
  customerB: string;
}

/** An agent's Web API call that must succeed. */
export async function ok(url: string, token: string, action: string, payload: unknown): Promise<Json> {
  const reply = await callWeb(url, 'agent', action, payload, { token });
  if (reply.status !== 200) throw new Error(`${action} ${JSON.stringify(payload)} → ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

/**
 * An organization with four chats and seven threads, written through the
 * Agent and Customer Chat APIs the way apps do: messages, a filled form, a
 * file, tags, chat and thread properties, threads in different groups.
 */
export async function writeArchive(urls: ArchiveUrls, adminToken: string, name: string): Promise<ArchiveFixture> {
  const team = await createTeam(urls, adminToken, name);
  const agentUrl = urls.agent[0];
  const owner = (action: string, payload: unknown) => ok(agentUrl, team.owner, action, payload);
  const max = (action: string, payload: unknown) => ok(agentUrl, team.tokens.normal, action, payload);
  const config = (action: string, payload: unknown) => callWeb(urls.configuration, 'configuration', action, payload, { token: team.owner });
  expect((await config('create_group', { name: 'Sales', agent_priorities: { [team.ids.normal]: 'normal' } })).body).toEqual({ id: 1 });
  expect((await config('create_group', { name: 'Support', agent_priorities: { [team.ids.other]: 'normal' } })).body).toEqual({ id: 2 });

  const customerA = await customerToken(urls.customer, team.organizationId);
  const customerB = await customerToken(urls.customer, team.organizationId);
  const customerC = await customerToken(urls.customer, team.organizationId);
  const customerD = await customerToken(urls.customer, team.organizationId);
  const withCustomer = (customer: { entity_id: string }, group: number, text: string) => ({
    chat: { users: [{ id: customer.entity_id, type: 'customer' }], access: { group_ids: [group] }, thread: { events: [{ type: 'message', text }] } },
  });

  // Chat A, open to everyone: a billing thread with a filled form, then a refund thread with a file.
  const a = await owner('start_chat', withCustomer(customerA, 0, 'Your invoice 4711 looks wrong'));
  await owner('send_event', {
    chat_id: a.chat_id,
    event: {
      type: 'filled_form',
      form_id: 'details',
      fields: [
        { type: 'name', id: 'name', label: 'Name', answer: 'Zebulon Quark' },
        { type: 'select', id: 'topic', label: 'Topic', answer: { id: '2', label: 'Warranty' } },
      ],
    },
  });
  await owner('tag_thread', { chat_id: a.chat_id, thread_id: a.thread_id, tag: 'billing' });
  await owner('tag_thread', { chat_id: a.chat_id, thread_id: a.thread_id, tag: 'urgent' });
  await owner('update_thread_properties', { chat_id: a.chat_id, thread_id: a.thread_id, properties: { test: { string_property: 'vip' } } });
  await owner('deactivate_chat', { id: a.chat_id });
  const a2 = await owner('resume_chat', { chat: { id: a.chat_id, thread: { events: [{ type: 'message', text: 'Thanks for the refund!' }] } } });
  const uploaded = await uploadFile(agentUrl, 'agent', { name: 'receipt-scan.png', type: 'image/png', bytes: pngImage(4, 4) }, { token: team.owner });
  expect(uploaded.status).toBe(200);
  await owner('send_event', { chat_id: a.chat_id, event: { type: 'file', url: uploaded.body.url } });
  await owner('deactivate_chat', { id: a.chat_id });

  // Chat B, Sales: Max's own, with a chat property.
  const b = await max('start_chat', withCustomer(customerB, 1, 'A refund please, says the customer'));
  await max('tag_thread', { chat_id: b.chat_id, thread_id: b.thread_id, tag: 'billing' });
  await max('update_chat_properties', { id: b.chat_id, properties: { test: { string_property: 'gold' } } });
  await max('deactivate_chat', { id: b.chat_id });

  // Chat C: Support, then Sales, then Support again.
  const c = await owner('start_chat', withCustomer(customerC, 2, 'refund secret of Support'));
  await owner('deactivate_chat', { id: c.chat_id });
  const c2 = await owner('resume_chat', { chat: { id: c.chat_id, access: { group_ids: [1] }, thread: { events: [{ type: 'message', text: 'refund seen by Sales' }] } } });
  await owner('deactivate_chat', { id: c.chat_id });
  const c3 = await owner('resume_chat', { chat: { id: c.chat_id, access: { group_ids: [2] }, thread: { events: [{ type: 'message', text: 'back to Support' }] } } });
  await owner('deactivate_chat', { id: c.chat_id });

  // Chat D: the customer writes; nobody is accepting chats, so no agent ever answers.
  const d = await callWeb(urls.customer, 'customer', 'start_chat', { chat: { thread: { events: [{ type: 'message', text: 'Where is my parcel?' }] } } }, {
    token: customerD.access_token,
    organizationId: team.organizationId,
  });
  expect(d.status).toBe(200);
  return { team, a1: a.thread_id, a2: a2.thread_id, b1: b.thread_id, c1: c.thread_id, c2: c2.thread_id, c3: c3.thread_id, d1: d.body.thread_id, customerB: customerB.entity_id };
}
