import { EventStore } from '@switchboard/event-store';
import { ActionRegistry, Authenticated, RtmApi, RtmConnection } from '@switchboard/gateway-kit';
import { ApiError } from '@switchboard/protocol';
import { ReadModels } from '@switchboard/read-models';
import { watchGroupStatus } from './group-status/group-status-pushes';

interface LoginPayload {
  customer?: { name?: string; email?: string; avatar?: string; session_fields?: Array<Record<string, string>> };
}

/** Customer RTM sessions: `login` answers the customer, its chat and which groups are online. */
export class CustomerRtm implements RtmApi {
  readonly api = 'customer' as const;

  constructor(
    readonly registry: ActionRegistry,
    private readonly store: EventStore,
    private readonly readModels: ReadModels,
  ) {}

  async login(connection: RtmConnection, auth: Authenticated, payload: LoginPayload): Promise<unknown> {
    const { organizationId, requester } = auth;
    let customer = (await this.readModels.customers(organizationId, [requester.id])).get(requester.id);
    if (!customer) throw new ApiError('authentication', 'Customer not found');
    const changes = Object.fromEntries(Object.entries(payload.customer ?? {}).filter(([, v]) => v !== undefined));
    if (Object.keys(changes).length > 0) {
      await this.store.append(`customer-${requester.id}`, [{ type: 'customer_updated', data: { id: requester.id, ...changes } }], {
        organizationId,
      });
      customer = { ...customer, ...changes };
    }
    const chatId = await this.readModels.customerChatId(organizationId, requester.id);
    const chat = chatId ? await this.readModels.chat(organizationId, chatId) : undefined;
    const accepting = (await this.readModels.agents(organizationId)).filter((a) => a.routing_status === 'accepting_chats');
    const onlineGroups = [...new Set(accepting.flatMap((a) => [0, ...a.profile.groups.map((g) => g.id)]))].sort((a, b) => a - b);
    watchGroupStatus(connection, (payload as { group_id?: number }).group_id ?? 0, onlineGroups);
    const seenUpTo = chat?.state.users.find((u) => u.id === requester.id)?.events_seen_up_to;
    const lastEvent = chat && Object.values(chat.customer_last_event_per_type).map((e) => e.event.created_at as string).sort().at(-1);
    return {
      customer: {
        id: requester.id,
        type: 'customer',
        ...Object.fromEntries(['name', 'email', 'avatar', 'session_fields'].filter((k) => customer![k]).map((k) => [k, customer![k]])),
        statistics: {
          chats_count: chat ? 1 : 0,
          threads_count: chat?.state.threads.length ?? 0,
          visits_count: 1,
          page_views_count: 0,
          greetings_shown_count: 0,
          greetings_accepted_count: 0,
        },
      },
      has_active_thread: Boolean(chat?.active),
      chats: chat ? [{ chat_id: chat.chat_id, has_unread_events: Boolean(lastEvent && (!seenUpTo || lastEvent > seenUpTo)) }] : [],
      __priv_dynamic_config: { online_groups_ids: onlineGroups, customer_groups: { monitoring: { id: (payload as { group_id?: number }).group_id ?? 0 } } },
    };
  }

  async closed(): Promise<void> {
    // Customers have no routing status; nothing outlives the connection.
  }
}
