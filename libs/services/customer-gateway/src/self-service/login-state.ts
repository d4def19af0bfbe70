import { CustomerState } from '@switchboard/customer/domain';
import { ReadModels } from '@switchboard/read-models';
import { GroupStatusEntry } from '../group-status/group-status-pushes';
import { customerView } from './customer-view';

/**
 * The widget's dynamic configuration in `login`. `customer_groups.monitoring`
 * is the group the customer is watched in (the official customer SDK reads its
 * `id` to tell whether chatting is possible); `online_groups_ids` is left out
 * when no group is online, as the SDK expects (ADR 0031); a group whose
 * agents' seats are all taken is online while queues are on (its status as
 * `list_group_statuses` gives it, ADR 0033).
 */
function dynamicConfig(groups: readonly GroupStatusEntry[], groupId: number | undefined) {
  const online = groups.filter((g) => g.status !== 'offline').map((g) => g.id);
  const monitoring = groupId !== undefined && groups.some((g) => g.id === groupId) ? groupId : 0;
  return { ...(online.length > 0 && { online_groups_ids: online }), customer_groups: { monitoring: { id: monitoring } } };
}

/** What the customer's chat says for `login`: counts for the statistics, whether it is active and has unread events. */
async function chatSummary(readModels: ReadModels, organizationId: string, customerId: string) {
  const chatId = await readModels.customerChatId(organizationId, customerId);
  const chat = chatId ? await readModels.chat(organizationId, chatId) : undefined;
  if (!chat) return { chats_count: 0, threads_count: 0, active: false, chats: [] };
  const seenUpTo = chat.state.users.find((u) => u.id === customerId)?.events_seen_up_to;
  const lastEvent = Object.values(chat.customer_last_event_per_type)
    .map((e) => e.event.created_at as string)
    .sort()
    .at(-1);
  return {
    chats_count: 1,
    threads_count: chat.state.threads.length,
    active: Boolean(chat.active),
    chats: [{ chat_id: chat.chat_id, has_unread_events: Boolean(lastEvent && (!seenUpTo || lastEvent > seenUpTo)) }],
  };
}

/** The `login` response (customer-chat-api.md §6): the customer with statistics, their chat, the greeting shown, the dynamic configuration. */
export async function loginState(readModels: ReadModels, organizationId: string, state: CustomerState, groupId: number | undefined, groups: readonly GroupStatusEntry[]) {
  const chat = await chatSummary(readModels, organizationId, state.id);
  const config = dynamicConfig(groups, groupId);
  const { visits_count, page_views_count, greetings_shown_count, greetings_accepted_count } = state.statistics;
  return {
    customer: {
      ...customerView(state),
      statistics: { chats_count: chat.chats_count, threads_count: chat.threads_count, visits_count, page_views_count, greetings_shown_count, greetings_accepted_count },
    },
    has_active_thread: chat.active,
    chats: chat.chats,
    ...(state.greeting && { greeting: state.greeting }),
    __priv_dynamic_config: config,
  };
}
