import { createHash } from 'node:crypto';
import { CustomerCommands } from '@switchboard/customer/application';
import { CustomerEvent, foldCustomer, isBanned } from '@switchboard/customer/domain';
import { EventMessage, EventStore, RecordedEvent, SqlExecutor } from '@switchboard/event-store';
import { loadWidgetConfiguration, ReadModels } from '@switchboard/read-models';
import { greetingFor, GreetingDefinition } from '@switchboard/widget/domain';

/** The greeting instance a page view shows: derived from the view's event id, so a redelivered view shows nothing new. */
const uniqueIdOf = (pageViewEventId: string) => createHash('sha256').update(`greeting:${pageViewEventId}`).digest('hex').slice(0, 32);

/**
 * The visit `visitId` as recorded: all its events, and the page views up to
 * and including the view `eventId` (what later views add does not count).
 */
function visitOf(events: readonly RecordedEvent[], visitId: string, eventId: string): { all: RecordedEvent[]; pageViews: number } {
  const end = events.findIndex((e) => e.eventId === eventId);
  let start = end;
  while (start >= 0 && !(events[start].type === 'customer_visit_started' && (events[start].data as { visit_id: string }).visit_id === visitId)) start--;
  if (start < 0) return { all: [], pageViews: 0 };
  return { all: events.slice(start), pageViews: events.slice(start, end + 1).filter((e) => e.type === 'customer_page_viewed').length };
}

/**
 * Shows owners' greetings (ADR 0033): on each `customer_page_viewed` — handled
 * once by the router's durable consumer — the first greeting of the
 * customer's group whose rule matches the page, not shown in this visit yet,
 * is displayed through the customer's `display_greeting` command (pushed to
 * the customer as `incoming_greeting`). Not while the customer chats or is banned.
 */
export class GreetingTrigger {
  private readonly customers: CustomerCommands;

  constructor(
    private readonly store: EventStore,
    private readonly readModels: ReadModels,
    private readonly db: SqlExecutor,
  ) {
    this.customers = new CustomerCommands(store);
  }

  async onEvent(message: EventMessage): Promise<void> {
    if (message.type !== 'customer_page_viewed') return;
    const organizationId = message.organization_id;
    const { greetings } = await loadWidgetConfiguration(this.db, organizationId);
    if (!greetings.some((g) => g.active)) return;
    const view = message.data as { id: string; visit_id: string; url: string };
    const { events } = await this.store.readStream(message.stream_id, { organizationId });
    const uniqueId = uniqueIdOf(message.event_id);
    const state = foldCustomer(events.map((e) => ({ type: e.type, data: e.data }) as CustomerEvent));
    if (!state || state.last_visit?.id !== view.visit_id || isBanned(state, new Date().toISOString())) return;
    const visit = visitOf(events, view.visit_id, message.event_id);
    const displayed = visit.all.filter((e) => e.type === 'greeting_displayed').map((e) => (e.data as { greeting: { id: number; unique_id: string } }).greeting);
    if (displayed.some((g) => g.unique_id === uniqueId)) return;
    if (await this.isChatting(organizationId, view.id)) return;
    const page = { url: view.url, group_id: state.last_visit.group_id ?? 0, page_views: visit.pageViews };
    const greeting = greetingFor(greetings, page, new Set(displayed.map((g) => g.id)));
    if (greeting) await this.display(organizationId, view.id, greeting, uniqueId);
  }

  private async isChatting(organizationId: string, customerId: string): Promise<boolean> {
    const chatId = await this.readModels.customerChatId(organizationId, customerId);
    return Boolean(chatId && (await this.readModels.chat(organizationId, chatId))?.active);
  }

  private async display(organizationId: string, customerId: string, greeting: GreetingDefinition, uniqueId: string): Promise<void> {
    const agent = await this.readModels.agent(organizationId, greeting.agent_id);
    if (!agent) return;
    const now = new Date().toISOString();
    const event = { ...greeting.event, id: uniqueId, created_at: now, author_id: agent.profile.id, visibility: 'all' };
    await this.customers.execute(organizationId, {
      type: 'display_greeting',
      id: customerId,
      now,
      greeting: {
        id: greeting.id,
        unique_id: uniqueId,
        subtype: 'announcement',
        ...(greeting.addon !== undefined && { addon: greeting.addon }),
        event,
        agent: {
          id: agent.profile.id,
          type: 'agent',
          name: agent.profile.name,
          avatar: agent.profile.avatar ?? '',
          job_title: agent.profile.job_title ?? '',
          is_bot: Boolean(agent.owner_client_id),
        },
      },
    });
  }
}
