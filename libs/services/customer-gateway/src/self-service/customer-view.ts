import { CustomerState } from '@switchboard/customer/domain';
import { ApiError } from '@switchboard/protocol';
import { ReadModels } from '@switchboard/read-models';

/** The fields of the customer view (data-structures §5.4) a customer's own state gives; chat context adds `present` and `events_seen_up_to`. */
const VIEW_FIELDS = ['name', 'email', 'email_verified', 'avatar', 'session_fields'] as const;

/** The customer as the Customer Chat API shows them to themselves (`get_customer`, `login`). */
export function customerView(state: CustomerState): Record<string, unknown> {
  const view: Record<string, unknown> = { id: state.id, type: 'customer' };
  for (const field of VIEW_FIELDS) if (state[field] !== undefined) view[field] = state[field];
  return view;
}

/** The requesting customer's folded state; a token whose customer is gone no longer authenticates. */
export async function customerState(readModels: ReadModels, organizationId: string, customerId: string): Promise<CustomerState> {
  const state = (await readModels.customers(organizationId, [customerId])).get(customerId) as CustomerState | undefined;
  if (!state) throw new ApiError('authentication', 'Customer not found');
  return {
    ...state,
    statistics: state.statistics ?? { visits_count: 0, page_views_count: 0, greetings_shown_count: 0, greetings_accepted_count: 0 },
  };
}

/** The visit the customer is on: the last one, unless it ended. */
export const openVisit = (state: CustomerState) => (state.last_visit && !state.last_visit.ended_at ? state.last_visit : undefined);
