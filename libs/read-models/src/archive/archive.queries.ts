import { ChatEventRecord } from '@switchboard/chat/domain';
import { SqlExecutor } from '@switchboard/event-store';
import { foldThreadEvents } from '../thread-events';
import { SEARCH_CONFIG } from './archive.sql';

/** A condition on a thread's facets (see `FACET`): any of, all of, none of, or not all of the listed ones. */
export interface FacetCondition {
  anyOf?: string[];
  allOf?: string[];
  noneOf?: string[];
  notAllOf?: string[];
}

/** `properties.<namespace>.<name>`: exactly one of the three (data-structures §9.1). */
export interface ArchivePropertyCondition {
  exists?: boolean;
  values?: unknown[];
  exclude_values?: unknown[];
}

/** Where a page starts: after (or before) this thread in the list's order. */
export interface ArchiveCursor {
  at: string;
  thread_id: string;
}

export interface ArchiveSearch {
  /** Groups whose threads the reader may see; undefined = all. Group 0 means every agent. */
  visibleToGroups?: number[];
  /** Full-text terms (web search syntax each): every one of `all` occurs in some event of the thread, none of `none` in any. */
  text?: { all: string[]; none: string[] };
  from?: string;
  to?: string;
  threadIds?: string[];
  /** Conditions on the thread's groups (its access): any of, none of. */
  groups: Array<{ anyOf?: number[]; noneOf?: number[] }>;
  customerId?: string;
  properties?: Record<string, Record<string, ArchivePropertyCondition>>;
  facets: FacetCondition[];
  /** A filter no thread can match (data Switchboard does not have, ADR 0032). */
  matchesNothing?: boolean;
  sortOrder: 'asc' | 'desc';
  limit: number;
  after?: ArchiveCursor;
  before?: ArchiveCursor;
}

export interface ArchivedThreadRef {
  chat_id: string;
  thread_id: string;
  cursor: ArchiveCursor;
}

const int32Only = (ids: number[]) => ids.filter((id) => Number.isInteger(id) && id >= -(2 ** 31) && id < 2 ** 31);

/** Threads with an event the web-search query in parameter `$n` matches. */
const threadsMatching = (n: number) =>
  `SELECT DISTINCT x.chat_id, x.thread_id FROM archive_texts x WHERE x.organization_id = $1 AND x.search @@ websearch_to_tsquery(${SEARCH_CONFIG}, $${n})`;

/**
 * The threads the text terms select, each joined to its row by its key.
 * Driven from the texts, one index probe per matching thread: left to itself
 * the planner would hash-join them against a scan of every thread of the
 * organization (it underestimates how many threads match), and `OFFSET 0`
 * keeps it from doing so. Only excluded terms: every thread but theirs.
 */
function textSource(text: NonNullable<ArchiveSearch['text']>, params: unknown[]): { from: string; where?: string } {
  const select = (term: string) => {
    params.push(term);
    return threadsMatching(params.length);
  };
  const excluded = text.none.map(select);
  if (text.all.length === 0) return { from: 'archive_threads t', where: `(t.chat_id, t.thread_id) NOT IN (${excluded.join(' UNION ')})` };
  const matched = [text.all.map(select).join(' INTERSECT '), ...excluded].join(' EXCEPT ');
  return {
    from: `(${matched}) m
      CROSS JOIN LATERAL (SELECT * FROM archive_threads a
        WHERE a.organization_id = $1 AND a.chat_id = m.chat_id AND a.thread_id = m.thread_id OFFSET 0) t`,
  };
}

/** The FROM and WHERE clauses of a search (without its page position) and their parameters. */
function conditions(organizationId: string, search: ArchiveSearch): { from: string; where: string[]; params: unknown[] } {
  const where = ['t.organization_id = $1'];
  const params: unknown[] = [organizationId];
  const text = search.text && textSource(search.text, params);
  const from = text?.from ?? 'archive_threads t';
  if (text?.where) where.push(text.where);
  const add = (sql: string, ...values: unknown[]) => {
    let clause = sql;
    for (const value of values) {
      params.push(value);
      clause = clause.replace('?', `$${params.length}`);
    }
    where.push(clause);
  };
  if (search.matchesNothing) where.push('false');
  if (search.visibleToGroups) add('(0 = ANY(t.group_ids) OR t.group_ids && ?::int[])', int32Only(search.visibleToGroups));
  if (search.from) add('t.created_at >= ?::timestamptz', search.from);
  if (search.to) add('t.created_at <= ?::timestamptz', search.to);
  if (search.threadIds) add('t.thread_id = ANY(?::text[])', search.threadIds);
  for (const group of search.groups) {
    if (group.anyOf) add('t.group_ids && ?::int[]', int32Only(group.anyOf));
    if (group.noneOf) add('NOT t.group_ids && ?::int[]', int32Only(group.noneOf));
  }
  if (search.customerId !== undefined) add('t.customer_id = ?', search.customerId);
  for (const facet of search.facets) {
    if (facet.anyOf) add('t.facets && ?::text[]', facet.anyOf);
    if (facet.allOf) add('t.facets @> ?::text[]', facet.allOf);
    if (facet.noneOf) add('NOT t.facets && ?::text[]', facet.noneOf);
    if (facet.notAllOf) add('NOT t.facets @> ?::text[]', facet.notAllOf);
  }
  for (const [namespace, names] of Object.entries(search.properties ?? {})) {
    for (const [name, condition] of Object.entries(names)) {
      const value = '(t.properties->(?::text)->(?::text))';
      if (condition.exists !== undefined) add(`${value} IS ${condition.exists ? 'NOT ' : ''}NULL`, namespace, name);
      if (condition.values) add(`COALESCE(?::jsonb @> jsonb_build_array${value}, false)`, JSON.stringify(condition.values), namespace, name);
      if (condition.exclude_values) {
        add(`NOT COALESCE(?::jsonb @> jsonb_build_array${value}, false)`, JSON.stringify(condition.exclude_values), namespace, name);
      }
    }
  }
  return { from, where, params };
}

/** The archive's reads (`list_archives`), always scoped to one organization (ADR 0032). */
export class ArchiveQueries {
  constructor(private readonly db: SqlExecutor) {}

  /**
   * One page of matching threads in the list's order (newest first for
   * `desc`), starting after `after` or ending before `before`; `more` says
   * whether the list goes on past the page in the direction read; `total`
   * counts every match.
   */
  async search(organizationId: string, search: ArchiveSearch): Promise<{ threads: ArchivedThreadRef[]; total: number; more: boolean }> {
    const { from, where, params } = conditions(organizationId, search);
    const backwards = search.before !== undefined;
    const descending = (search.sortOrder === 'desc') !== backwards;
    const cursor = search.after ?? search.before;
    const paged = [...where];
    const pagedParams = [...params];
    if (cursor) {
      pagedParams.push(cursor.at, cursor.thread_id);
      paged.push(`(t.created_at, t.thread_id) ${descending ? '<' : '>'} ($${pagedParams.length - 1}::timestamptz, $${pagedParams.length})`);
    }
    const direction = descending ? 'DESC' : 'ASC';
    const [page, count] = await Promise.all([
      this.db.query<{ chat_id: string; thread_id: string; at: string }>(
        `SELECT t.chat_id, t.thread_id, t.created_at::text AS at FROM ${from} WHERE ${paged.join(' AND ')}
         ORDER BY t.created_at ${direction}, t.thread_id ${direction} LIMIT ${Number(search.limit) + 1}`,
        pagedParams,
      ),
      this.db.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${from} WHERE ${where.join(' AND ')}`, params),
    ]);
    const rows = page.rows.slice(0, search.limit);
    if (backwards) rows.reverse();
    return {
      threads: rows.map((r) => ({ chat_id: r.chat_id, thread_id: r.thread_id, cursor: { at: r.at, thread_id: r.thread_id } })),
      total: Number(count.rows[0].n),
      more: page.rows.length > search.limit,
    };
  }

  /** The events of several chats' threads in one read, by thread id. */
  async threadEvents(organizationId: string, threads: ReadonlyArray<{ chat_id: string; thread_id: string }>): Promise<Map<string, ChatEventRecord[]>> {
    if (threads.length === 0) return new Map();
    const { rows } = await this.db.query<{ thread_id: string; type: string; data: unknown; event: ChatEventRecord }>(
      `SELECT data->>'thread_id' AS thread_id, type, CASE WHEN type <> 'event_added' THEN data END AS data, data->'event' AS event FROM events
       WHERE stream_id = ANY($2::text[]) AND organization_id = $1 AND type IN ('event_added', 'event_properties_updated', 'event_properties_deleted')
         AND data->>'thread_id' = ANY($3::text[])
       ORDER BY stream_id, stream_version`,
      [organizationId, [...new Set(threads.map((t) => `chat-${t.chat_id}`))], threads.map((t) => t.thread_id)],
    );
    return foldThreadEvents(rows);
  }
}
