import { EVENT_STORE_MIGRATIONS, NewEvent, PostgresEventStore, runMigrations, SqlDatabase } from '@switchboard/event-store';
import { chatProjection } from '../chat.projection';
import { READ_MODEL_MIGRATIONS } from '../schema';
import { ArchiveQueries, ArchiveSearch } from './archive.queries';
import { ARCHIVE_MIGRATIONS } from './archive.migrations';

const ORG = 'org-archive';
const OTHER = 'org-other';
const AGENT = 'jo@acme.example';
const CUSTOMER = 'customer-1';
const at = (second: number) => `2026-01-01T00:00:${String(second).padStart(2, '0')}.000001Z`;
const requester = { id: AGENT, type: 'agent' };

const message = (thread: string, n: number, text: string, author = AGENT): NewEvent => ({
  type: 'event_added',
  data: { thread_id: thread, event: { id: `${thread}_${n}`, type: 'message', text, author_id: author, created_at: at(n), visibility: 'all' } },
});

/** A chat as the chat service writes it: two threads, messages, a file, a filled form, tags, properties. */
const HISTORY: NewEvent[] = [
  {
    type: 'chat_started',
    data: {
      chat_id: 'CHAT1',
      users: [{ id: CUSTOMER, type: 'customer', present: true, visibility: 'all' }, { id: AGENT, type: 'agent', present: true, visibility: 'all' }],
      access: { group_ids: [1] },
      properties: {},
      continuous: false,
      requester,
    },
  },
  { type: 'thread_started', data: { thread_id: 'T1', created_at: at(1), active: true, access: { group_ids: [1] }, properties: {}, continuous: false, requester } },
  message('T1', 2, 'Where is my refund for order-77?', CUSTOMER),
  message('T1', 3, 'Looking into it'),
  message('T1', 8, 'The refund is on its way'),
  {
    type: 'event_added',
    data: { thread_id: 'T1', event: { id: 'T1_4', type: 'file', name: 'invoice-scan.pdf', url: 'http://x/f', created_at: at(4), author_id: AGENT, visibility: 'all' } },
  },
  { type: 'thread_tagged', data: { thread_id: 'T1', tag: 'billing', requester_id: AGENT } },
  { type: 'thread_properties_updated', data: { thread_id: 'T1', properties: { test: { string_property: 'vip' } }, requester_id: AGENT } },
  { type: 'thread_deactivated', data: { thread_id: 'T1', created_at: at(5), agent_ids: [AGENT] } },
  { type: 'thread_started', data: { thread_id: 'T2', created_at: at(6), active: true, access: { group_ids: [2] }, properties: {}, continuous: false, requester: { id: CUSTOMER, type: 'customer' } } },
  {
    type: 'event_added',
    data: {
      thread_id: 'T2',
      event: {
        id: 'T2_1',
        type: 'filled_form',
        form_id: 'f',
        created_at: at(7),
        author_id: CUSTOMER,
        visibility: 'all',
        fields: [
          { type: 'name', id: 'name', label: 'Name', answer: 'Zebulon' },
          { type: 'checkbox', id: 'c', label: 'Likes', answers: [{ id: '1', label: 'Kettles' }] },
        ],
      },
    },
  },
  { type: 'chat_properties_updated', data: { properties: { test: { int_property: 3 } }, requester_id: AGENT } },
];

/** The archive read model on a real database (PGlite and PostgreSQL): what the projection writes, the back-fill writes the same. */
export function describeArchive(name: string, open: () => Promise<{ db: SqlDatabase; done: () => Promise<void> }>): void {
  describe(`archive read model (${name})`, () => {
    let db: SqlDatabase;
    let done: () => Promise<void>;
    let archive: ArchiveQueries;
    const search = async (where: Partial<ArchiveSearch>, organizationId = ORG) =>
      (await archive.search(organizationId, { facets: [], groups: [], sortOrder: 'asc', limit: 10, ...where })).threads.map((t) => t.thread_id);
    const tables = async () => ({
      threads: (await db.query(`SELECT organization_id, chat_id, thread_id, created_at::text, closed_at::text, customer_id, group_ids, properties, facets FROM archive_threads ORDER BY thread_id`)).rows,
      texts: (await db.query(`SELECT organization_id, chat_id, thread_id, event_id, search::text FROM archive_texts ORDER BY event_id`)).rows,
    });

    beforeAll(async () => {
      ({ db, done } = await open());
      await runMigrations(db, [...EVENT_STORE_MIGRATIONS, ...READ_MODEL_MIGRATIONS]);
      const store = new PostgresEventStore(db, [chatProjection]);
      // One event per append, as commands write them, so the projection's updates are exercised one by one.
      for (const event of HISTORY) await store.append('chat-CHAT1', [event], { organizationId: ORG });
      archive = new ArchiveQueries(db);
    }, 60_000);
    afterAll(async () => done?.());

    it('finds threads by message words, file names (whole or in parts) and form answers, in no other organization', async () => {
      const text = (all: string[], none: string[] = []) => ({ text: { all, none } });
      expect(await search(text(['refund']))).toEqual(['T1']);
      expect(await search(text(['order-77']))).toEqual(['T1']);
      expect(await search(text(['invoice']))).toEqual(['T1']);
      expect(await search(text(['kettles zebulon']))).toEqual(['T2']);
      // Terms are thread-wide: in two events of one thread, yes; in two threads, no.
      expect(await search(text(['refund', 'invoice']))).toEqual(['T1']);
      expect(await search(text(['refund', 'zebulon']))).toEqual([]);
      expect(await search(text(['refund invoice']))).toEqual([]);
      expect(await search(text([], ['refund']))).toEqual(['T2']);
      expect(await search(text(['looking'], ['invoice']))).toEqual([]);
      expect(await search(text(['refund']), OTHER)).toEqual([]);
    });

    it('keeps what the filters need: agents, responders, tags, event types, groups, merged properties, closing time', async () => {
      const { threads } = await tables();
      expect(threads).toEqual([
        expect.objectContaining({
          thread_id: 'T1',
          customer_id: CUSTOMER,
          group_ids: [1],
          properties: { test: { string_property: 'vip', int_property: 3 } },
          facets: ['a*', `a:${AGENT}`, 'e:file', 'e:message', `f:${AGENT}`, 'r*', `r:${AGENT}`, 't*', 't:billing'],
        }),
        expect.objectContaining({ thread_id: 'T2', group_ids: [2], properties: { test: { int_property: 3 } }, facets: ['e:filled_form'], closed_at: null }),
      ]);
      expect(threads[0].closed_at).not.toBeNull();
      expect(await search({ facets: [{ allOf: ['t:billing', `f:${AGENT}`] }], groups: [{ anyOf: [1] }] })).toEqual(['T1']);
      expect(await search({ properties: { test: { int_property: { values: [3] } } } })).toEqual(['T1', 'T2']);
      expect(await search({ properties: { test: { string_property: { exclude_values: ['vip'] } } } })).toEqual(['T2']);
      expect(await search({ visibleToGroups: [2] })).toEqual(['T2']);
    });

    it('pages by position: after and before a thread, either order', async () => {
      const first = await archive.search(ORG, { facets: [], groups: [], sortOrder: 'desc', limit: 1 });
      expect([first.threads.map((t) => t.thread_id), first.more, first.total]).toEqual([['T2'], true, 2]);
      const next = await archive.search(ORG, { facets: [], groups: [], sortOrder: 'desc', limit: 1, after: first.threads[0].cursor });
      expect([next.threads.map((t) => t.thread_id), next.more]).toEqual([['T1'], false]);
      const back = await archive.search(ORG, { facets: [], groups: [], sortOrder: 'desc', limit: 1, before: next.threads[0].cursor });
      expect(back.threads.map((t) => t.thread_id)).toEqual(['T2']);
    });

    it('the migration back-fills exactly what the projection keeps', async () => {
      const projected = await tables();
      await db.exec('DELETE FROM archive_threads; DELETE FROM archive_texts;');
      await db.exec(ARCHIVE_MIGRATIONS[1].up);
      expect(await tables()).toEqual(projected);
    });
  });
}
