import { ApiError, PageIdCodec } from '@switchboard/protocol';
import { CustomerListFilters, CustomerListKey, CustomerListQuery, CustomerRecords, CustomerSortKey } from '@switchboard/read-models';
import { agentCustomerView } from './customer-view';

export interface ListCustomersParams {
  page_id?: string;
  limit?: number;
  sort_order?: 'asc' | 'desc';
  sort_by?: CustomerSortKey;
  filters?: CustomerListFilters;
}

/** What a page id remembers (data-structures §8): the first request's query, and where the page starts. */
interface CustomerPage {
  query: CustomerListQuery;
  limit: number;
  after?: CustomerListKey;
  before?: CustomerListKey;
  expires_at: number;
}

/** Page ids expire after one month (data-structures §8). */
const PAGE_ID_TTL_MS = 31 * 24 * 3600 * 1000;
const SCOPE = 'agent/list_customers';

/** Agent reads of customers (agent-chat-api §7): `get_customer` and keyset-paginated `list_customers`. */
export class CustomerQueries {
  constructor(
    private readonly records: CustomerRecords,
    private readonly pageIds: PageIdCodec,
    private readonly now: () => number = Date.now,
  ) {}

  /** @throws ApiError `not_found` for an unknown customer (another organization's included) */
  async get(organizationId: string, customerId: string, requesterId: string): Promise<Record<string, unknown>> {
    const record = await this.records.get(organizationId, customerId);
    if (!record) throw new ApiError('not_found', 'Customer not found');
    return agentCustomerView(record, requesterId, true);
  }

  async list(organizationId: string, params: ListCustomersParams, requesterId: string): Promise<Record<string, unknown>> {
    const page = this.pageFrom(organizationId, params);
    const backwards = page.before !== undefined;
    const rows = await this.records.page(organizationId, page.query, page.before ?? page.after, backwards, page.limit);
    const more = rows.length > page.limit;
    const shown = rows.slice(0, page.limit);
    if (backwards) shown.reverse();
    const total = await this.records.count(organizationId, page.query);
    const first = shown[0]?.key;
    const last = shown[shown.length - 1]?.key;
    const hasNext = backwards ? true : more;
    const hasPrevious = backwards ? more : page.after !== undefined;
    return {
      customers: shown.map((row) => agentCustomerView(row.record, requesterId)),
      total_customers: total,
      ...(hasNext && last && { next_page_id: this.encode(organizationId, { ...page, after: last, before: undefined }) }),
      ...(hasPrevious && first && { previous_page_id: this.encode(organizationId, { ...page, before: first, after: undefined }) }),
    };
  }

  private pageFrom(organizationId: string, params: ListCustomersParams): CustomerPage {
    if (params.page_id === undefined) {
      return {
        query: { sortBy: params.sort_by ?? 'created_at', sortOrder: params.sort_order ?? 'desc', filters: params.filters ?? {} },
        limit: params.limit ?? 10,
        expires_at: this.now() + PAGE_ID_TTL_MS,
      };
    }
    const page = this.pageIds.decode(`${SCOPE}/${organizationId}`, params.page_id) as unknown as CustomerPage;
    if (!(page.expires_at > this.now())) throw new ApiError('validation', 'page_id: The page id has expired');
    return page;
  }

  private encode(organizationId: string, page: CustomerPage): string {
    return this.pageIds.encode(`${SCOPE}/${organizationId}`, page);
  }
}
