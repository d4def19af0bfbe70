import { CustomerEvent, CustomerState, evolveCustomer } from '@switchboard/customer/domain';
import { InlineProjection, RecordedEvent, SqlExecutor } from '@switchboard/event-store';

/**
 * `customers.data` is the customer's folded state ({@link CustomerState}):
 * each event of a `customer-<id>` stream evolves the row's document. The
 * append holds the stream's lock, so a customer's events arrive in order.
 */
export const customerProjection: InlineProjection = {
  name: 'customers',
  async apply(events: readonly RecordedEvent[], tx: SqlExecutor): Promise<void> {
    for (const recorded of events) {
      if (!recorded.streamId.startsWith('customer-')) continue;
      const event = { type: recorded.type, data: recorded.data } as CustomerEvent;
      const id = (recorded.data as { id: string }).id;
      if (event.type === 'customer_created') {
        await tx.query(
          `INSERT INTO customers (organization_id, customer_id, data, created_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (organization_id, customer_id) DO NOTHING`,
          [recorded.organizationId, id, JSON.stringify(evolveCustomer(undefined, event)), event.data.created_at],
        );
        continue;
      }
      const { rows } = await tx.query<{ data: CustomerState }>('SELECT data FROM customers WHERE organization_id = $1 AND customer_id = $2', [
        recorded.organizationId,
        id,
      ]);
      if (!rows[0]) continue;
      const next = evolveCustomer(upgrade(rows[0].data), event);
      await tx.query('UPDATE customers SET data = $3 WHERE organization_id = $1 AND customer_id = $2', [
        recorded.organizationId,
        id,
        JSON.stringify(next),
      ]);
    }
  },
};

/** Rows written before the customer domain existed hold only the profile. */
function upgrade(data: CustomerState): CustomerState {
  return {
    ...data,
    statistics: data.statistics ?? { visits_count: 0, page_views_count: 0, greetings_shown_count: 0, greetings_accepted_count: 0 },
    followers: data.followers ?? [],
    email_verifications: data.email_verifications ?? [],
  };
}
