import { ArchiveFilters } from '@switchboard/protocol';
import { ArchiveSearch, FACET, FacetCondition } from '@switchboard/read-models';

type ValueFilter<T> = { exists?: boolean; values?: T[]; exclude_values?: T[]; require_every_value?: boolean };
type Search = Omit<ArchiveSearch, 'sortOrder' | 'limit' | 'after' | 'before' | 'visibleToGroups'>;

/** A value filter (data-structures §9.1) over the facets with `prefix`; `marker` says there is at least one. */
function valueCondition(filter: ValueFilter<string>, prefix: string, marker?: string): FacetCondition {
  if (filter.exists !== undefined && marker) return filter.exists ? { allOf: [marker] } : { noneOf: [marker] };
  const every = filter.require_every_value === true;
  if (filter.values) {
    const facets = filter.values.map((v) => prefix + v);
    return every ? { allOf: facets } : { anyOf: facets };
  }
  const facets = (filter.exclude_values ?? []).map((v) => prefix + v);
  return every ? { notAllOf: facets } : { noneOf: facets };
}

/**
 * Data Switchboard does not keep (sales, goals, surveys, greetings): every
 * thread has none, as on a license without them — only "has none" and
 * "has none of these" match (ADR 0032).
 */
const matchesWithoutData = (filter: { exists?: boolean; exclude_values?: unknown[] }): boolean =>
  filter.exists === false || filter.exclude_values !== undefined;

function agentResponse(filter: NonNullable<ArchiveFilters['agent_response']>, search: Search): void {
  if (filter.exists === false) {
    search.facets.push({ noneOf: [FACET.anyResponder] });
    return;
  }
  search.facets.push({ allOf: [FACET.anyResponder] });
  const prefix = filter.first ? FACET.firstResponder : FACET.responder;
  if (filter.agents) search.facets.push(valueCondition(filter.agents, prefix));
  if (filter.groups?.values) search.groups.push({ anyOf: filter.groups.values });
  if (filter.groups?.exclude_values) search.groups.push({ noneOf: filter.groups.exclude_values });
}

/**
 * A full-text query as thread-wide terms (ADR 0032): each word or "phrase"
 * must occur somewhere in the thread, each `-term` nowhere in it. A query
 * with `OR` is one term, matched within one event; so is one without any
 * word (it matches nothing).
 */
export function textTerms(query: string): { all: string[]; none: string[] } {
  const terms = (query.match(/-?"[^"]*"?|\S+/g) ?? []).filter((term) => /[\p{L}\p{N}]/u.test(term));
  if (terms.length === 0 || terms.some((term) => term.toLowerCase() === 'or')) return { all: [query], none: [] };
  return {
    all: terms.filter((term) => !term.startsWith('-')),
    none: terms.filter((term) => term.startsWith('-')).map((term) => term.slice(1)),
  };
}

/** `list_archives` filters (data-structures §9.4) as a search of the archive read model. */
export function archiveSearch(filters: ArchiveFilters): Search {
  const query = filters.query?.trim();
  const search: Search = {
    text: query ? textTerms(query) : undefined,
    from: filters.from,
    to: filters.to,
    threadIds: filters.thread_ids,
    customerId: filters.customer_id,
    properties: filters.properties,
    facets: [],
    groups: filters.group_ids ? [{ anyOf: filters.group_ids }] : [],
  };
  if (filters.agents) search.facets.push(valueCondition(filters.agents, FACET.agent, FACET.anyAgent));
  if (filters.tags) search.facets.push(valueCondition(filters.tags, FACET.tag, FACET.anyTag));
  if (filters.event_types) search.facets.push(valueCondition(filters.event_types, FACET.eventType));
  if (filters.agent_response) agentResponse(filters.agent_response, search);
  const withoutData = [filters.sales, filters.goals, filters.greetings, ...(filters.surveys ?? [])].filter((f) => f !== undefined);
  if (withoutData.some((f) => !matchesWithoutData(f))) search.matchesNothing = true;
  return search;
}
