import { Migration } from '@switchboard/event-store';
import { FACET, RESPONSE_TYPES, searchableText, searchVector } from './archive.sql';

const sqlList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/** A thread's events (`v` of `ev.list`) that an agent of the chat sent as a response. */
const RESPONSES = `FROM unnest(ev.list) WITH ORDINALITY AS w(v, n) WHERE v->>'author_id' = ANY(ag.ids) AND v->>'type' IN (${sqlList(RESPONSE_TYPES)})`;

/** A thread's agents: its users who are agents of the chat. */
const THREAD_AGENTS = `FROM jsonb_array_elements_text(t->'user_ids') u WHERE u = ANY(ag.ids)`;

const TAGS = `(CASE WHEN jsonb_typeof(t->'tags') = 'array' THEN t->'tags' ELSE '[]'::jsonb END)`;

/** Chat properties with the thread's merged over them, namespace by namespace (as `mergeProperties`). */
const PROPERTIES = `COALESCE((SELECT jsonb_object_agg(k.ns, COALESCE(c.state->'properties'->k.ns, '{}'::jsonb) || COALESCE(t->'properties'->k.ns, '{}'::jsonb))
  FROM (SELECT jsonb_object_keys(COALESCE(c.state->'properties', '{}'::jsonb)) UNION SELECT jsonb_object_keys(COALESCE(t->'properties', '{}'::jsonb))) k(ns)), '{}'::jsonb)`;

/** The archive's tables (ADR 0032), then every existing thread put into them from the chats and the event log. */
export const ARCHIVE_MIGRATIONS: Migration[] = [
  {
    id: 122,
    name: 'archive',
    up: `
      CREATE TABLE archive_threads (
        organization_id text NOT NULL,
        chat_id text NOT NULL,
        thread_id text NOT NULL,
        created_at timestamptz NOT NULL,
        closed_at timestamptz,
        customer_id text,
        group_ids integer[] NOT NULL DEFAULT '{0}',
        properties jsonb NOT NULL DEFAULT '{}',
        facets text[] NOT NULL DEFAULT '{}',
        PRIMARY KEY (organization_id, chat_id, thread_id)
      );
      CREATE INDEX archive_threads_in_order ON archive_threads (organization_id, created_at, thread_id);
      CREATE INDEX archive_threads_by_id ON archive_threads (organization_id, thread_id);
      CREATE INDEX archive_threads_facets ON archive_threads USING gin (facets);
      CREATE TABLE archive_texts (
        organization_id text NOT NULL,
        chat_id text NOT NULL,
        thread_id text NOT NULL,
        event_id text NOT NULL,
        search tsvector NOT NULL
      );
      CREATE INDEX archive_texts_search ON archive_texts USING gin (search);
    `,
  },
  {
    id: 123,
    name: 'archive-back-fill',
    up: `
      INSERT INTO archive_texts (organization_id, chat_id, thread_id, event_id, search)
      SELECT e.organization_id, substr(e.stream_id, 6), e.data->>'thread_id', e.data->'event'->>'id', ${searchVector('s.text')}
      FROM events e, LATERAL (SELECT ${searchableText("(e.data->'event')")} AS text) s
      WHERE e.type = 'event_added' AND e.stream_id LIKE 'chat-%' AND s.text <> '';

      INSERT INTO archive_threads (organization_id, chat_id, thread_id, created_at, closed_at, customer_id, group_ids, properties, facets)
      SELECT c.organization_id, c.chat_id, t->>'id', (t->>'created_at')::timestamptz, closed.at, c.customer_id,
        ARRAY(SELECT g::integer FROM jsonb_array_elements_text(t->'access'->'group_ids') g),
        ${PROPERTIES},
        ARRAY(SELECT DISTINCT f FROM unnest(
          ARRAY(SELECT '${FACET.agent}' || u ${THREAD_AGENTS})
          || ARRAY(SELECT '${FACET.anyAgent}' WHERE EXISTS (SELECT 1 ${THREAD_AGENTS}))
          || ARRAY(SELECT '${FACET.tag}' || g FROM jsonb_array_elements_text(${TAGS}) g)
          || ARRAY(SELECT '${FACET.anyTag}' WHERE jsonb_array_length(${TAGS}) > 0)
          || ARRAY(SELECT '${FACET.eventType}' || (v->>'type') FROM unnest(ev.list) v)
          || ARRAY(SELECT '${FACET.responder}' || (v->>'author_id') ${RESPONSES})
          || ARRAY(SELECT '${FACET.anyResponder}' WHERE EXISTS (SELECT 1 ${RESPONSES}))
          || ARRAY(SELECT '${FACET.firstResponder}' || (v->>'author_id') ${RESPONSES} ORDER BY n LIMIT 1)
        ) f ORDER BY f)
      FROM chats c
      CROSS JOIN LATERAL (SELECT ARRAY(SELECT m->>'id' FROM jsonb_array_elements(c.state->'users') m WHERE m->>'type' = 'agent') AS ids) ag
      CROSS JOIN LATERAL jsonb_array_elements(c.state->'threads') t
      CROSS JOIN LATERAL (
        SELECT array_agg(x.data->'event' ORDER BY x.stream_version) AS list FROM events x
        WHERE x.stream_id = 'chat-' || c.chat_id AND x.type = 'event_added' AND x.data->>'thread_id' = t->>'id'
      ) ev
      CROSS JOIN LATERAL (
        SELECT max((d.data->>'created_at')::timestamptz) AS at FROM events d
        WHERE d.stream_id = 'chat-' || c.chat_id AND d.type = 'thread_deactivated' AND d.data->>'thread_id' = t->>'id'
      ) closed;
    `,
  },
];
