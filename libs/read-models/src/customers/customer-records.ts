import type { CustomerState } from '@switchboard/customer/domain';
import { SqlExecutor } from '@switchboard/event-store';
import { CustomerListQuery, listWhere, pageWhere, SORT_COLUMNS } from './customer-list.sql';

/** A customer's folded state and what the read model adds from the customer's chat. */
export interface CustomerRecord {
  customer_id: string;
  data: CustomerState;
  created_at: string;
  chat_id: string | null;
  chats_count: number;
  threads_count: number;
  chat_active: boolean;
  chat_group_ids: number[];
  /** RFC 3339, or undefined when nobody of that side has written yet. */
  agent_last_event_at?: string;
  customer_last_event_at?: string;
}

/** Where a page ends, in the list's order: the sort value, then creation time and id (ties). */
export interface CustomerListKey {
  value: string;
  created_at: string;
  customer_id: string;
}

interface Row extends Omit<CustomerRecord, 'agent_last_event_at' | 'customer_last_event_at' | 'created_at'> {
  created_at: Date;
  agent_last_event_at: Date | string;
  customer_last_event_at: Date | string;
  key_value: string;
  key_created_at: string;
}

const COLUMNS = `customer_id, data, created_at, chat_id, chats_count, threads_count, chat_active, chat_group_ids,
  agent_last_event_at, customer_last_event_at, created_at::text AS key_created_at`;

/**
 * The customers with when an agent and the customer last wrote, which the
 * chat's row keeps (it is written with every message anyway; ADR 0030):
 * `-infinity` until someone writes. Named `customers`, so every filter and
 * sort reads as over one table.
 */
const CUSTOMERS = `(SELECT c.*, COALESCE(h.agent_last_event_at, '-infinity') AS agent_last_event_at,
    COALESCE(h.customer_last_event_at, '-infinity') AS customer_last_event_at
  FROM customers c LEFT JOIN chats h ON h.organization_id = c.organization_id AND h.chat_id = c.chat_id) customers`;

const when = (value: Date | string): string | undefined => {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isFinite(date.getTime()) ? date.toISOString() : undefined;
};

function toRecord(row: Row): CustomerRecord {
  return {
    customer_id: row.customer_id,
    data: row.data,
    created_at: when(row.created_at) ?? row.data.created_at,
    chat_id: row.chat_id,
    chats_count: row.chats_count,
    threads_count: row.threads_count,
    chat_active: row.chat_active,
    chat_group_ids: row.chat_group_ids,
    agent_last_event_at: when(row.agent_last_event_at),
    customer_last_event_at: when(row.customer_last_event_at),
  };
}

/** Reads of the customers read model: one customer, and keyset-paginated lists (ADR 0030). */
export class CustomerRecords {
  constructor(private readonly db: SqlExecutor) {}

  async get(organizationId: string, customerId: string): Promise<CustomerRecord | undefined> {
    return (await this.many(organizationId, [customerId]))[0];
  }

  async many(organizationId: string, customerIds: string[]): Promise<CustomerRecord[]> {
    if (customerIds.length === 0) return [];
    const { rows } = await this.db.query<Row>(`SELECT ${COLUMNS} FROM ${CUSTOMERS} WHERE organization_id = $1 AND customer_id = ANY($2::text[])`, [
      organizationId,
      customerIds,
    ]);
    return rows.map(toRecord);
  }

  /**
   * One page of customers after (or before) `key`, in the query's order; the
   * position is a row's own values, so rows written meanwhile never shift a page.
   * Returns up to `limit + 1` rows so the caller can tell whether more follow.
   */
  async page(organizationId: string, query: CustomerListQuery, key: CustomerListKey | undefined, backwards: boolean, limit: number) {
    const params: unknown[] = [organizationId];
    const conditions = ['organization_id = $1', ...listWhere(query.filters, params)];
    const descending = (query.sortOrder === 'desc') !== backwards;
    if (key) conditions.push(pageWhere(query.sortBy, key, descending, params));
    const sort = SORT_COLUMNS[query.sortBy];
    const direction = descending ? 'DESC' : 'ASC';
    params.push(limit + 1);
    const { rows } = await this.db.query<Row>(
      `SELECT ${COLUMNS}, ${sort}::text AS key_value FROM ${CUSTOMERS} WHERE ${conditions.join(' AND ')}
       ORDER BY ${sort} ${direction}, created_at ${direction}, customer_id ${direction} LIMIT $${params.length}`,
      params,
    );
    return rows.map((row) => ({ record: toRecord(row), key: { value: row.key_value, created_at: row.key_created_at, customer_id: row.customer_id } }));
  }

  async count(organizationId: string, query: CustomerListQuery): Promise<number> {
    const params: unknown[] = [organizationId];
    const conditions = ['organization_id = $1', ...listWhere(query.filters, params)];
    const { rows } = await this.db.query<{ total: string }>(`SELECT count(*) AS total FROM ${CUSTOMERS} WHERE ${conditions.join(' AND ')}`, params);
    return Number(rows[0].total);
  }

  /**
   * Customers an agent might monitor (`incoming_customers` after `login`):
   * chatting, greeted, on the website, followed by it, or in its chats — newest
   * first, at most `limit`; the caller applies the agent's level and groups.
   */
  async monitoringCandidates(organizationId: string, agentId: string, limit: number): Promise<Array<CustomerRecord & { member: boolean }>> {
    const { rows } = await this.db.query<Row & { member: boolean }>(
      `SELECT ${COLUMNS}, EXISTS (SELECT 1 FROM chats h WHERE h.organization_id = $1 AND h.chat_id = customers.chat_id AND $2 = ANY(h.agent_ids)) AS member
       FROM ${CUSTOMERS}
       WHERE organization_id = $1 AND (
         chat_active OR data ? 'greeting' OR (data ? 'last_visit' AND NOT data->'last_visit' ? 'ended_at')
         OR data->'followers' ? $2
         OR customer_id IN (SELECT customer_id FROM chats WHERE organization_id = $1 AND $2 = ANY(agent_ids)))
       ORDER BY created_at DESC LIMIT $3`,
      [organizationId, agentId, limit],
    );
    return rows.map((row) => ({ ...toRecord(row), member: row.member }));
  }

  /** Customers whose ban still holds at `now`. */
  async bannedCount(organizationId: string, now: string): Promise<number> {
    const { rows } = await this.db.query<{ total: string }>(
      `SELECT count(*) AS total FROM customers WHERE organization_id = $1 AND (data->>'banned_until')::timestamptz > $2::timestamptz`,
      [organizationId, now],
    );
    return Number(rows[0].total);
  }

  /** The level of `login.customer_monitoring_level` each agent chose (agents without one: none). */
  async monitoringLevels(organizationId: string, agentIds: string[]): Promise<Map<string, string>> {
    if (agentIds.length === 0) return new Map();
    const { rows } = await this.db.query<{ agent_id: string; level: string }>(
      'SELECT agent_id, level FROM customer_monitoring WHERE organization_id = $1 AND agent_id = ANY($2::text[])',
      [organizationId, agentIds],
    );
    return new Map(rows.map((r) => [r.agent_id, r.level]));
  }

  /** Sets the agent's level, or (`level` undefined) keeps the one it has, `my` when it has none yet; returns it. */
  async chooseMonitoringLevel(organizationId: string, agentId: string, level: string | undefined, firstSession: boolean): Promise<string> {
    const { rows } = await this.db.query<{ level: string }>(
      `INSERT INTO customer_monitoring (organization_id, agent_id, level) VALUES ($1, $2, COALESCE($3, 'my'))
       ON CONFLICT (organization_id, agent_id) DO UPDATE SET level = COALESCE($3, CASE WHEN $4 THEN 'my' ELSE customer_monitoring.level END)
       RETURNING level`,
      [organizationId, agentId, level ?? null, firstSession],
    );
    return rows[0].level;
  }
}
