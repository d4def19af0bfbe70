import { ChatService, rfc3339 } from '@switchboard/chat/application';
import { EventMessage, SqlExecutor } from '@switchboard/event-store';
import { ApiError } from '@switchboard/protocol';
import { AgentCapacityError, loadWidgetConfiguration, ReadModels, RoutingAgent, routingCandidates, WaitingChat, waitingChatsPage, WaitingCursor } from '@switchboard/read-models';
import { decideRouting, groupsWithFreeSeats, routeKey, RoutingSettings } from '@switchboard/routing/domain';
import { routingSettingsOf, WidgetConfiguration } from '@switchboard/widget/domain';
import { PassCoalescer } from './pass-coalescer';

/**
 * Events after which a waiting chat may find an agent, by stream type: a new
 * or closed thread, a seat freed, an agent's status or profile, a group's
 * members, the routing settings, a chat's routing properties.
 */
export const ROUTING_TRIGGERS: Readonly<Record<string, ReadonlySet<string>>> = {
  chat: new Set(['thread_started', 'thread_deactivated', 'user_removed', 'chat_properties_deleted', 'thread_properties_deleted', 'chat_properties_updated']),
  agent: new Set(['routing_status_set', 'agent_updated', 'agent_created', 'bot_updated', 'bot_created']),
  organization: new Set(['group_created', 'group_updated']),
  widget: new Set(['routing_settings_updated']),
};

/** Whether the router acts on an event of this type and stream type: answered from the entry's headers, before its payload is decoded. */
export function routerNeeds(eventType: string, streamType: string): boolean {
  return ROUTING_TRIGGERS[streamType]?.has(eventType) ?? false;
}

/** Chats read per page of a pass. */
const PAGE_SIZE = 500;

/** What a pass learnt: how many chats it assigned, and each decision's time (ms), for the benchmark. */
export interface PassResult {
  assigned: number;
  decisionMs: number[];
  /** Per assigned chat: the decision and the assignment's append. */
  assignmentMs: number[];
}

/**
 * The router: the chats whose active thread has no agent, oldest first, go
 * where the routing decision (`@switchboard/routing/domain`, shared with the
 * customer's `get_predicted_agent` and `list_group_statuses`) says. One pass
 * loads the organization's candidates and settings once and keeps their
 * seats up to date in memory as it assigns. Capacity is enforced by each
 * assignment's own transaction, so concurrent routers (replicas) can never
 * push an agent over `max_chats_count`, and `assign_agent` refuses a chat
 * that has an agent meanwhile, so no chat is assigned twice.
 */
export class Router {
  private readonly passes = new PassCoalescer((organizationId) => this.assignWaiting(organizationId));

  constructor(
    private readonly readModels: ReadModels,
    private readonly chats: ChatService,
    private readonly db: SqlExecutor,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Handles one committed event (from the durable consumer). */
  async onEvent(message: EventMessage): Promise<void> {
    const streamType = message.stream_id.slice(0, message.stream_id.indexOf('-'));
    if (!routerNeeds(message.type, streamType)) return;
    if (message.type === 'routing_status_set' && (message.data as { status: string }).status !== 'accepting_chats') return;
    await this.routeOrganization(message.organization_id);
  }

  /** Routes every organization with waiting chats (periodic sweep). */
  async sweep(): Promise<void> {
    for (const organizationId of await this.readModels.organizationsWithWaitingChats()) await this.routeOrganization(organizationId);
  }

  /**
   * Route this organization now. One pass per organization at a time in this
   * process; every request arriving during a pass shares the one pass after it.
   */
  routeOrganization(organizationId: string): Promise<PassResult> {
    return this.passes.run(organizationId);
  }

  private async assignWaiting(organizationId: string): Promise<PassResult> {
    const result: PassResult = { assigned: 0, decisionMs: [], assignmentMs: [] };
    const [candidates, configuration] = await Promise.all([routingCandidates(this.db, organizationId), loadWidgetConfiguration(this.db, organizationId)]);
    const settings = settingsCache(configuration);
    // Seats only fill during a pass: a route that found nobody free stays so until the next pass.
    const stuck = new Set<string>();
    let cursor: WaitingCursor | undefined;
    do {
      const open = groupsWithFreeSeats(candidates);
      // No free seat anywhere: no waiting chat can be assigned in this pass.
      if (open.length === 0) return result;
      const page = await waitingChatsPage(this.db, organizationId, cursor, PAGE_SIZE, open);
      for (const chat of page.chats) {
        const key = routeKey(chat.route);
        if (stuck.has(key)) continue;
        const outcome = await this.assign(organizationId, chat, candidates, settings(chat.route.group_ids[0] ?? 0), result);
        if (outcome === 'assigned') result.assigned++;
        else if (outcome === 'nobody_free') stuck.add(key);
      }
      cursor = page.next;
    } while (cursor);
    return result;
  }

  private async assign(
    organizationId: string,
    chat: WaitingChat,
    candidates: RoutingAgent[],
    settings: RoutingSettings,
    result: PassResult,
  ): Promise<'assigned' | 'skipped' | 'nobody_free'> {
    const started = performance.now();
    const decision = decideRouting(candidates, chat.route, settings);
    result.decisionMs.push(performance.now() - started);
    if (decision.kind !== 'assign') return 'nobody_free';
    for (const candidate of decision.ranked) {
      const agent = { id: candidate.id, type: 'agent' as const, name: candidate.name };
      const now = this.clock();
      try {
        await this.chats.execute(organizationId, chat.chat_id, { type: 'assign_agent', requester: agent, agent, thread_id: chat.thread_id, now: rfc3339(now) });
        candidate.active_chats += 1;
        candidate.last_assigned_at = now.toISOString();
        result.assignmentMs.push(performance.now() - started);
        return 'assigned';
      } catch (error) {
        if (error instanceof AgentCapacityError) {
          // Another router (or a transfer) took its last seat: it is full for the rest of this pass.
          candidate.active_chats = candidate.max_chats_count;
          continue;
        }
        // Closed or taken meanwhile: nothing to do for this chat.
        if (error instanceof ApiError && (error.type === 'chat_inactive' || error.type === 'validation' || error.type === 'not_found')) return 'skipped';
        throw error;
      }
    }
    // Every ranked candidate's seat went meanwhile.
    return 'nobody_free';
  }
}

/** Each group's settings, resolved once per pass. */
function settingsCache(configuration: WidgetConfiguration): (groupId: number) => RoutingSettings {
  const cache = new Map<number, RoutingSettings>();
  return (groupId) => {
    let settings = cache.get(groupId);
    if (!settings) cache.set(groupId, (settings = routingSettingsOf(configuration, groupId)));
    return settings;
  };
}
