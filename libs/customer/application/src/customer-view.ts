import { CustomerState } from '@switchboard/customer/domain';
import type { CustomerRecord } from '@switchboard/read-models';

/**
 * The groups a customer is visible to (data-structures §5.3 `group_ids`): the
 * access groups of the customer's chat, else the group of the last visit,
 * else group 0 (every agent).
 */
export function customerGroupIds(record: Pick<CustomerRecord, 'chat_id' | 'chat_group_ids' | 'data'>): number[] {
  if (record.chat_id && record.chat_group_ids.length > 0) return record.chat_group_ids;
  const visitGroup = record.data.last_visit?.group_id;
  return [visitGroup ?? 0];
}

/** On the tracked website: a visit started and not ended. */
export const isOnline = (data: CustomerState): boolean => Boolean(data.last_visit && !data.last_visit.ended_at);

/**
 * The visit state (data-structures §5.3 `state`, values unconfirmed; ADR 0030):
 * `chatting` with an active chat, `invited` with a greeting shown and not
 * answered, `browsing` when only on the website; absent when offline.
 */
export function customerVisitState(record: Pick<CustomerRecord, 'chat_active' | 'data'>): string | undefined {
  if (record.chat_active) return 'chatting';
  if (record.data.greeting) return 'invited';
  return isOnline(record.data) ? 'browsing' : undefined;
}

const defined = (entries: Record<string, unknown>) => Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined));

/** Customer (agent view, data-structures §5.3) as `requesterId` sees it; `withChatIds` for `get_customer`. */
export function agentCustomerView(record: CustomerRecord, requesterId: string | undefined, withChatIds = false): Record<string, unknown> {
  const { data } = record;
  const visit = data.last_visit;
  return defined({
    id: record.customer_id,
    type: 'customer',
    name: data.name,
    email: data.email,
    avatar: data.avatar,
    email_verified: data.email_verified ?? false,
    session_fields: data.session_fields ?? [],
    last_visit: visit && {
      ...defined({ started_at: visit.started_at, ended_at: visit.ended_at, referrer: visit.referrer, ip: visit.ip, user_agent: visit.user_agent }),
      ...((visit as { geolocation?: unknown }).geolocation !== undefined && { geolocation: (visit as { geolocation?: unknown }).geolocation }),
      last_pages: visit.last_pages,
    },
    statistics: {
      chats_count: record.chats_count,
      threads_count: record.threads_count,
      visits_count: data.statistics.visits_count,
      page_views_count: data.statistics.page_views_count,
      greetings_shown_count: data.statistics.greetings_shown_count,
      greetings_accepted_count: data.statistics.greetings_accepted_count,
    },
    created_at: data.created_at,
    agent_last_event_created_at: record.agent_last_event_at,
    customer_last_event_created_at: record.customer_last_event_at,
    followed: requesterId !== undefined && data.followers.includes(requesterId),
    online: isOnline(data),
    group_ids: customerGroupIds(record),
    state: customerVisitState(record),
    chat_ids: withChatIds && record.chat_id ? [record.chat_id] : undefined,
  });
}
