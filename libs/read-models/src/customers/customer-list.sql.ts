/** SQL of `list_customers` (data-structures §9.5): filters over indexed columns, keyset positions. */

export type CustomerSortKey = 'created_at' | 'threads_count' | 'visits_count' | 'agent_last_event' | 'customer_last_event';

type ListFilter<T> = { values?: T[]; exclude_values?: T[] };
type RangeFilter<T> = { lt?: T; lte?: T; gt?: T; gte?: T; eq?: T };

export interface CustomerListFilters {
  country?: ListFilter<string>;
  email?: ListFilter<string>;
  name?: ListFilter<string>;
  customer_id?: ListFilter<string>;
  chat_group_ids?: ListFilter<number>;
  chats_count?: RangeFilter<number>;
  threads_count?: RangeFilter<number>;
  visits_count?: RangeFilter<number>;
  created_at?: RangeFilter<string>;
  agent_last_event_created_at?: RangeFilter<string>;
  customer_last_event_created_at?: RangeFilter<string>;
  include_customers_without_chats?: boolean;
}

export interface CustomerListQuery {
  sortBy: CustomerSortKey;
  sortOrder: 'asc' | 'desc';
  filters: CustomerListFilters;
}

/** Each sort key's column. All but the last-event times (kept in the chat's row, ADR 0030) have an index `(organization_id, column, created_at, customer_id)`. */
export const SORT_COLUMNS: Record<CustomerSortKey, string> = {
  created_at: 'created_at',
  threads_count: 'threads_count',
  visits_count: 'visits_count',
  agent_last_event: 'agent_last_event_at',
  customer_last_event: 'customer_last_event_at',
};

const STRING_COLUMNS = { country: 'country', email: 'email', name: 'name', customer_id: 'customer_id' } as const;
const INT_RANGES = { chats_count: 'chats_count', threads_count: 'threads_count', visits_count: 'visits_count' } as const;
/** Event times are `-infinity` until someone writes: such a customer matches no date range. */
const DATE_RANGES = {
  created_at: 'created_at',
  agent_last_event_created_at: 'agent_last_event_at',
  customer_last_event_created_at: 'customer_last_event_at',
} as const;
const OPERATORS = { lt: '<', lte: '<=', gt: '>', gte: '>=', eq: '=' } as const;

const param = (params: unknown[], value: unknown): string => {
  params.push(value);
  return `$${params.length}`;
};

function range(column: string, filter: RangeFilter<unknown>, cast: string, params: unknown[]): string[] {
  return Object.entries(OPERATORS)
    .filter(([op]) => filter[op as keyof typeof OPERATORS] !== undefined)
    .map(([op, sql]) => `${column} ${sql} ${param(params, filter[op as keyof typeof OPERATORS])}::${cast}`);
}

/** The filters' conditions, their values appended to `params`. */
export function listWhere(filters: CustomerListFilters, params: unknown[]): string[] {
  const conditions: string[] = [];
  for (const [key, column] of Object.entries(STRING_COLUMNS)) {
    const filter = filters[key as keyof typeof STRING_COLUMNS];
    if (filter?.values) conditions.push(`${column} = ANY(${param(params, filter.values)}::text[])`);
    if (filter?.exclude_values) conditions.push(`(${column} IS NULL OR NOT ${column} = ANY(${param(params, filter.exclude_values)}::text[]))`);
  }
  const groups = filters.chat_group_ids;
  if (groups?.values) conditions.push(`chat_group_ids && ${param(params, groups.values)}::integer[]`);
  if (groups?.exclude_values) conditions.push(`NOT chat_group_ids && ${param(params, groups.exclude_values)}::integer[]`);
  for (const [key, column] of Object.entries(INT_RANGES)) {
    const filter = filters[key as keyof typeof INT_RANGES];
    if (filter) conditions.push(...range(column, filter, 'integer', params));
  }
  for (const [key, column] of Object.entries(DATE_RANGES)) {
    const filter = filters[key as keyof typeof DATE_RANGES];
    if (!filter) continue;
    conditions.push(`${column} > '-infinity'`, ...range(column, filter, 'timestamptz', params));
  }
  if (filters.include_customers_without_chats === false) conditions.push('chats_count > 0');
  return conditions;
}

/** Rows strictly after `key` in the order (`descending`: smaller ones). */
export function pageWhere(sortBy: CustomerSortKey, key: { value: string; created_at: string; customer_id: string }, descending: boolean, params: unknown[]): string {
  const cast = sortBy === 'threads_count' || sortBy === 'visits_count' ? 'integer' : 'timestamptz';
  const position = `(${param(params, key.value)}::${cast}, ${param(params, key.created_at)}::timestamptz, ${param(params, key.customer_id)}::text)`;
  return `(${SORT_COLUMNS[sortBy]}, created_at, customer_id) ${descending ? '<' : '>'} ${position}`;
}
