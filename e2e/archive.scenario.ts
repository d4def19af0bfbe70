import { callWeb, RtmClient } from '@switchboard/testing';
import { rtmLogin } from './identity.scenario';
import { ArchiveFixture, ArchiveUrls, ok, writeArchive } from './archive-fixture.scenario';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Thread ids of a `list_archives` answer, in its order. */
export const threadIds = (body: Json): string[] => body.chats.map((chat: Json) => chat.thread.id);

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
  // Every word must be somewhere in the thread, not necessarily in one event; with OR, either will do.
  expect(await found({ query: 'invoice quark' })).toEqual(sorted(f.a1));
  expect(await found({ query: 'invoice or receipt' })).toEqual(sorted(f.a1, f.a2));
  expect(await found({ query: '-refund -parcel' })).toEqual(sorted(f.a1, f.c3));

  // Highlights mark the matches in the thread's events; {} means <em>…</em>.
  const marked = await list({ filters: { query: 'refund' }, highlights: {}, limit: 100 });
  const a2Marked = marked.chats.find((c: Json) => c.thread.id === f.a2).thread;
  expect(a2Marked.highlight).toEqual([{ event_id: expect.any(String), type: 'message', field: 'text', highlight: 'Thanks for the <em>refund</em>!' }]);
  const custom = await list({ filters: { query: 'quark receipt' }, highlights: { pre_tag: '[', post_tag: ']' }, limit: 100 });
  expect(custom.chats).toEqual([]);
  const form = await list({ filters: { query: 'quark' }, highlights: { pre_tag: '[', post_tag: ']' } });
  expect(form.chats[0].thread.highlight).toEqual([{ event_id: expect.any(String), type: 'filled_form', field: 'fields.name', highlight: 'Zebulon [Quark]' }]);
  const across = await list({ filters: { query: 'invoice quark' }, highlights: {} });
  expect(across.chats[0].thread.highlight.map((h: Json) => h.highlight)).toEqual(['Your <em>invoice</em> 4711 looks wrong', 'Zebulon <em>Quark</em>']);
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
