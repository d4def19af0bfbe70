import { callWeb, pngImage, RtmClient } from '@switchboard/testing';
import { customerToken } from './conversation.scenario';
import { uploadFile } from './files.scenario';
import { createTeam, IdentityUrls, rtmLogin, Team } from './identity.scenario';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface ArchiveUrls extends IdentityUrls {
  customer: string;
}

/** Thread ids of a `list_archives` answer, in its order. */
export const threadIds = (body: Json): string[] => body.chats.map((chat: Json) => chat.thread.id);

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
async function ok(url: string, token: string, action: string, payload: unknown): Promise<Json> {
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

/**
 * `list_archives` as an agent app uses it, over the Web API and RTM: full-text
 * search of messages, file names and form answers with highlights, every
 * filter of data-structures §9.4, stable pagination while new threads are
 * written, access limited by groups, and the spec's validation errors.
 */
export async function checkArchive(urls: ArchiveUrls, adminToken: string, name: string): Promise<void> {
  const f = await writeArchive(urls, adminToken, name);
  const agentUrl = urls.agent[urls.agent.length - 1];
  const list = (payload: unknown, token = f.team.owner) => ok(agentUrl, token, 'list_archives', payload);
  const found = async (filters: unknown, token = f.team.owner) => (await list({ filters, limit: 100 }, token)).chats.map((c: Json) => c.thread.id).sort();
  const sorted = (...ids: string[]) => [...ids].sort();
  const everything = sorted(f.a1, f.a2, f.b1, f.c1, f.c2, f.c3, f.d1);

  // Every thread, newest first by default, each in the Chat agent view with its events.
  const all = await list({ limit: 100 });
  expect(all.found_chats).toBe(7);
  expect(threadIds(all)).toEqual([f.d1, f.c3, f.c2, f.c1, f.b1, f.a2, f.a1]);
  expect(threadIds(await list({ limit: 100, sort_order: 'asc' }))).toEqual([f.a1, f.a2, f.b1, f.c1, f.c2, f.c3, f.d1]);
  const a2 = all.chats.find((c: Json) => c.thread.id === f.a2);
  expect(a2).toMatchObject({ users: expect.any(Array), access: { group_ids: [0] }, is_followed: false, properties: expect.any(Object) });
  expect(a2.thread).toMatchObject({ active: false, previous_thread_id: f.a1, previous_accessible_thread_id: f.a1 });
  expect(a2.thread.events.map((e: Json) => e.type)).toEqual(expect.arrayContaining(['message', 'file']));
  expect(a2.thread.next_accessible_thread_id).toBeUndefined();
  const a1 = all.chats.find((c: Json) => c.thread.id === f.a1);
  expect(a1.thread).toMatchObject({ tags: ['billing', 'urgent'], next_accessible_thread_id: f.a2 });

  // Full text: message words, the file's name, the form's answers; any case; phrases and exclusions.
  expect(await found({ query: 'refund' })).toEqual(sorted(f.a2, f.b1, f.c1, f.c2));
  expect(await found({ query: 'REFUND Support' })).toEqual(sorted(f.c1));
  expect(await found({ query: 'refund -support' })).toEqual(sorted(f.a2, f.b1, f.c2));
  expect(await found({ query: '"seen by sales"' })).toEqual(sorted(f.c2));
  expect(await found({ query: 'receipt' })).toEqual(sorted(f.a2));
  expect(await found({ query: 'receipt-scan.png' })).toEqual(sorted(f.a2));
  expect(await found({ query: 'quark' })).toEqual(sorted(f.a1));
  expect(await found({ query: 'warranty' })).toEqual(sorted(f.a1));
  expect(await found({ query: '4711' })).toEqual(sorted(f.a1));
  expect(await found({ query: 'nowhere-to-be-found' })).toEqual([]);

  // Highlights mark the matches in the thread's events; {} means <em>…</em>.
  const marked = await list({ filters: { query: 'refund' }, highlights: {}, limit: 100 });
  const a2Marked = marked.chats.find((c: Json) => c.thread.id === f.a2).thread;
  expect(a2Marked.highlight).toEqual([{ event_id: expect.any(String), type: 'message', field: 'text', highlight: 'Thanks for the <em>refund</em>!' }]);
  const custom = await list({ filters: { query: 'quark receipt' }, highlights: { pre_tag: '[', post_tag: ']' }, limit: 100 });
  expect(custom.chats).toEqual([]);
  const form = await list({ filters: { query: 'quark' }, highlights: { pre_tag: '[', post_tag: ']' } });
  expect(form.chats[0].thread.highlight).toEqual([{ event_id: expect.any(String), type: 'filled_form', field: 'fields.name', highlight: 'Zebulon [Quark]' }]);
  expect((await list({ filters: { query: 'refund' } })).chats[0].thread.highlight).toBeUndefined();

  // Filters of data-structures §9.4.
  const max = f.team.ids.normal;
  expect(await found({ agents: { values: [max] } })).toEqual(sorted(f.b1));
  expect(await found({ agents: { exclude_values: [max] } })).toEqual(sorted(f.a1, f.a2, f.c1, f.c2, f.c3, f.d1));
  expect(await found({ agents: { exists: false } })).toEqual(sorted(f.d1));
  expect(await found({ agents: { exists: true } })).toEqual(everything.filter((id) => id !== f.d1));
  expect(await found({ tags: { values: ['billing'] } })).toEqual(sorted(f.a1, f.b1));
  expect(await found({ tags: { values: ['billing', 'urgent'], require_every_value: true } })).toEqual(sorted(f.a1));
  expect(await found({ tags: { exclude_values: ['billing'] } })).toEqual(sorted(f.a2, f.c1, f.c2, f.c3, f.d1));
  expect(await found({ tags: { exists: true } })).toEqual(sorted(f.a1, f.b1));
  expect(await found({ event_types: { values: ['file'] } })).toEqual(sorted(f.a2));
  expect(await found({ event_types: { values: ['filled_form', 'file'] } })).toEqual(sorted(f.a1, f.a2));
  expect(await found({ event_types: { values: ['message', 'file'], require_every_value: true } })).toEqual(sorted(f.a2));
  expect(await found({ properties: { test: { string_property: { values: ['vip'] } } } })).toEqual(sorted(f.a1));
  expect(await found({ properties: { test: { string_property: { values: ['gold'] } } } })).toEqual(sorted(f.b1));
  expect(await found({ properties: { test: { string_property: { exists: true } } } })).toEqual(sorted(f.a1, f.b1));
  expect(await found({ properties: { test: { string_property: { exclude_values: ['vip', 'gold'] } } } })).toEqual(sorted(f.a2, f.c1, f.c2, f.c3, f.d1));
  expect(await found({ group_ids: [1] })).toEqual(sorted(f.b1, f.c2));
  expect(await found({ group_ids: [2], query: 'refund' })).toEqual(sorted(f.c1));
  expect(await found({ customer_id: f.customerB })).toEqual(sorted(f.b1));
  expect(await found({ agent_response: { exists: false } })).toEqual(sorted(f.d1));
  expect(await found({ agent_response: { first: true, agents: { values: [max] } } })).toEqual(sorted(f.b1));
  expect(await found({ agent_response: { groups: { values: [2] } } })).toEqual(sorted(f.c1, f.c3));
  const times = Object.fromEntries(all.chats.map((c: Json) => [c.thread.id, c.thread.created_at]));
  expect(await found({ from: times[f.c1], to: times[f.c3] })).toEqual(sorted(f.c1, f.c2, f.c3));
  expect(await found({ thread_ids: [f.a1, f.c3, 'NOSUCHTHRD'] })).toEqual(sorted(f.a1, f.c3));
  // Sales, goals, surveys and greetings: Switchboard has none, as a license without them.
  expect(await found({ sales: { values: [1] } })).toEqual([]);
  expect(await found({ goals: { exists: true } })).toEqual([]);
  expect(await found({ surveys: [{ type: 'post_chat', exists: true }] })).toEqual([]);
  expect(await found({ greetings: { exists: false } })).toEqual(everything);
  expect(await found({ sales: { exclude_values: [1] }, tags: { exists: true } })).toEqual(sorted(f.a1, f.b1));

  // A normal agent sees only threads of groups they belong to (Max: Sales, and everyone's group 0).
  const maxToken = f.team.tokens.normal;
  expect(await found({}, maxToken)).toEqual(sorted(f.a1, f.a2, f.b1, f.c2, f.d1));
  expect(await found({ query: 'refund' }, maxToken)).toEqual(sorted(f.a2, f.b1, f.c2));
  expect(await found({ thread_ids: [f.c1, f.c2, f.c3] }, maxToken)).toEqual(sorted(f.c2));
  expect((await list({ filters: { query: 'refund' }, limit: 100 }, maxToken)).found_chats).toBe(3);
  const c2ForMax = (await list({ filters: { thread_ids: [f.c2] } }, maxToken)).chats[0].thread;
  expect(c2ForMax).toMatchObject({ previous_thread_id: f.c1, next_thread_id: f.c3 });
  expect(c2ForMax.previous_accessible_thread_id).toBeUndefined();
  expect(c2ForMax.next_accessible_thread_id).toBeUndefined();
  const c2ForOwner = (await list({ filters: { thread_ids: [f.c2] } })).chats[0].thread;
  expect(c2ForOwner).toMatchObject({ previous_accessible_thread_id: f.c1, next_accessible_thread_id: f.c3 });

  // A property agents may not read cannot be filtered on: its values would show through.
  const applications = await fetch(`${urls.configuration}/auth/applications`, { headers: { Authorization: `Bearer ${f.team.owner}` } });
  const [{ client_id: clientId }] = (await applications.json()) as Array<{ client_id: string }>;
  const registered = await callWeb(urls.configuration, 'configuration', 'register_property', {
    name: 'mood',
    owner_client_id: clientId,
    type: 'string',
    access: { thread: { customer: ['read', 'write'] } },
  }, { token: f.team.owner });
  expect(registered.status).toBe(200);
  const hidden = await callWeb(agentUrl, 'agent', 'list_archives', { filters: { properties: { [clientId]: { mood: { exists: true } } } } }, { token: f.team.owner });
  expect([hidden.status, hidden.body.error?.type]).toEqual([400, 'validation']);

  await checkPagination(urls, f, list);
  await checkRtm(agentUrl, f);
  await checkRefusals(agentUrl, f);
}

/** Page by page, while a new thread is written: every thread once, in order; back again with previous_page_id. */
async function checkPagination(urls: ArchiveUrls, f: ArchiveFixture, list: (payload: unknown) => Promise<Json>): Promise<void> {
  const first = await list({ limit: 3 });
  expect(first.found_chats).toBe(7);
  expect(first.previous_page_id).toBeUndefined();
  expect(threadIds(first)).toEqual([f.d1, f.c3, f.c2]);
  // A new thread arrives at the top of the list meanwhile: the next pages neither repeat nor skip.
  const fresh = await ok(urls.agent[0], f.team.owner, 'start_chat', { chat: { thread: { events: [{ type: 'message', text: 'newest' }] } } });
  const second = await list({ page_id: first.next_page_id });
  expect(threadIds(second)).toEqual([f.c1, f.b1, f.a2]);
  const third = await list({ page_id: second.next_page_id });
  expect(threadIds(third)).toEqual([f.a1]);
  expect(third.next_page_id).toBeUndefined();
  // Backwards from the last page: the same pages again, and then the new thread before the old first page.
  const back = await list({ page_id: third.previous_page_id });
  expect(threadIds(back)).toEqual([f.c1, f.b1, f.a2]);
  const front = await list({ page_id: back.previous_page_id });
  expect(threadIds(front)).toEqual([f.d1, f.c3, f.c2]);
  const newest = await list({ page_id: front.previous_page_id });
  expect(threadIds(newest)).toEqual([fresh.thread_id]);
  expect(newest.previous_page_id).toBeUndefined();
  // The page id remembers the filters, the order, the limit and the highlights.
  const filtered = await list({ filters: { query: 'refund' }, limit: 1, sort_order: 'asc', highlights: { pre_tag: '*', post_tag: '*' } });
  const next = await list({ page_id: filtered.next_page_id });
  expect([threadIds(filtered), threadIds(next)]).toEqual([[f.a2], [f.b1]]);
  expect(next.found_chats).toBe(4);
  expect(next.chats[0].thread.highlight[0].highlight).toBe('A *refund* please, says the customer');
}

/** RTM `list_archives` answers as the Web API does. */
async function checkRtm(agentUrl: string, f: ArchiveFixture): Promise<void> {
  const rtm: RtmClient = await rtmLogin(agentUrl, f.team.owner);
  try {
    const reply = await rtm.request('list_archives', { filters: { query: 'refund', agents: { values: [f.team.ids.normal] } }, highlights: {} });
    expect(reply.success).toBe(true);
    expect(threadIds(reply.payload)).toEqual([f.b1]);
    expect(reply.payload.chats[0].thread.highlight[0].highlight).toBe('A <em>refund</em> please, says the customer');
    const refused = await rtm.request('list_archives', { filters: { thread_ids: [f.b1], query: 'x' } });
    expect(refused.success).toBe(false);
    expect(refused.payload.error.type).toBe('validation');
  } finally {
    rtm.close();
  }
}

/** Bad input: the spec's `validation`; no scope: `authorization`. */
async function checkRefusals(agentUrl: string, f: ArchiveFixture): Promise<void> {
  const first = await ok(agentUrl, f.team.owner, 'list_archives', { limit: 1 });
  for (const payload of [
    { limit: 0 },
    { limit: 101 },
    { sort_order: 'newest' },
    { filters: { thread_ids: [f.a1], query: 'refund' } },
    { filters: { thread_ids: Array.from({ length: 21 }, (_, i) => `T${i}`) } },
    { filters: { group_ids: Array.from({ length: 201 }, (_, i) => i) } },
    { filters: { agents: { values: ['x'], exists: true } } },
    { filters: { tags: {} } },
    { filters: { tags: { exists: true, require_every_value: true } } },
    { filters: { event_types: { exists: true } } },
    { filters: { surveys: [{ type: 'mid_chat' }] } },
    { filters: { from: 'yesterday' } },
    { filters: { properties: { test: { string_property: { values: ['a'], exists: true } } } } },
    { filters: { no_such_filter: true } },
    { page_id: first.next_page_id, limit: 5 },
    { page_id: first.next_page_id, filters: { query: 'x' } },
    { page_id: 'forged.page' },
    { highlights: { pre_tag: 7 } },
  ]) {
    const reply = await callWeb(agentUrl, 'agent', 'list_archives', payload, { token: f.team.owner });
    expect({ payload, status: reply.status, type: reply.body.error?.type }).toEqual({ payload, status: 400, type: 'validation' });
  }
}
