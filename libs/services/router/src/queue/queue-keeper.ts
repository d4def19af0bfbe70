import { ChatService, LivePush, mayBeQueued } from '@switchboard/chat/application';
import { activeThread, ROUTER_REQUESTER } from '@switchboard/chat/domain';
import { EventMessage, parseStreamId, SqlDatabase } from '@switchboard/event-store';
import { ApiError } from '@switchboard/protocol';
import { ChatRecord, loadWidgetConfiguration, QueuedChat, QueueQueries, ReadModels, routingCandidates } from '@switchboard/read-models';
import {
  ARCHIVED_OFFLINE_MESSAGE,
  assignmentsPerSecond,
  changedPlacements,
  decideRouting,
  placeInQueues,
  recordServed,
  RoutingSettings,
  timedOutChats,
} from '@switchboard/routing/domain';
import { routingSettingsOf } from '@switchboard/widget/domain';
import { PassCoalescer } from '../pass-coalescer';
import { MovedChat, queuePushes } from './queue-pushes';

/** Chat events after which a chat may join, leave or move in a queue; and the settings that shape the queues. */
export const QUEUE_EVENTS: ReadonlySet<string> = new Set(['thread_started', 'thread_deactivated', 'user_added', 'user_removed', 'chat_access_updated', 'chat_transferred']);
export const SETTINGS_EVENTS: ReadonlySet<string> = new Set(['routing_settings_updated', 'widget_settings_updated']);

export function mayMoveQueues(message: EventMessage): boolean {
  const { type } = parseStreamId(message.stream_id);
  if (type === 'chat') return QUEUE_EVENTS.has(message.type);
  return type === 'widget' && SETTINGS_EVENTS.has(message.type);
}

/** Hands a pass's pushes to the gateways (the live-signal subject). */
export type PushRelay = (organizationId: string, pushes: LivePush[]) => void;

interface PassOutcome {
  moved: MovedChat[];
  /** Chats to archive: their time in the queue is up, or their group has no queue and nobody can take them. */
  closing: QueuedChat[];
  now: string;
}

/**
 * The queues (routing.md §5, ADR 0038), kept after the router's assignment
 * passes: places every waiting chat in its group's queue, tells agents and
 * customers of every position that changed (one batch per pass), learns each
 * group's assignment rate from the queued chats it served, and archives the
 * chats nobody took within `queue_timeout_min`.
 *
 * Everything is derived from the database on each pass — waiting chats and
 * when they started waiting, the placements last told — so a restarted
 * router carries on where the last one stopped. A pass runs in one
 * transaction holding the organization's queue lock: two routers never tell
 * the same change twice, and an archive both attempt is refused to the
 * second (`add_system_message` names the thread).
 */
export class QueueKeeper {
  private readonly passes = new PassCoalescer((organizationId) => this.pass(organizationId));

  constructor(
    private readonly db: SqlDatabase,
    private readonly chats: ChatService,
    private readonly readModels: ReadModels,
    private readonly relay: PushRelay,
    /** A minute of `queue_timeout_min` (shorter in tests only). */
    private readonly minuteMs: number,
    private readonly warn: (message: string) => void = () => undefined,
  ) {}

  /** After the router handled an event: a pass for its organization if queues may have moved (not awaited: passes coalesce). */
  onEvent(message: EventMessage): void {
    if (!mayMoveQueues(message)) return;
    this.schedule(message.organization_id).catch((error: Error) => this.warn(`queue pass failed: ${error.message}`));
  }

  /** Every organization with chats waiting or placed: timeouts come due here, and missed events are caught up. */
  async sweep(): Promise<void> {
    for (const organizationId of await new QueueQueries(this.db).organizationsWithQueues()) await this.schedule(organizationId);
  }

  /** Resolves when no pass is running (shutdown). */
  idle(): Promise<void> {
    return this.passes.idle();
  }

  /** One pass per organization at a time in this process; requests arriving meanwhile share one more pass. */
  schedule(organizationId: string): Promise<void> {
    return this.passes.run(organizationId);
  }

  private async pass(organizationId: string): Promise<void> {
    if (!(await new QueueQueries(this.db).hasQueue(organizationId))) return;
    const outcome = await this.db.transaction((tx) => this.place(new QueueQueries(tx), organizationId));
    if (outcome.moved.length > 0) {
      const agents = await this.readModels.agents(organizationId);
      this.relay(organizationId, queuePushes(outcome.moved, agents));
    }
    for (const chat of outcome.closing) await this.archive(organizationId, chat, outcome.now);
  }

  /** Places the organization's waiting chats under its queue lock. */
  private async place(queries: QueueQueries, organizationId: string): Promise<PassOutcome> {
    await queries.lock(organizationId);
    const now = await queries.now();
    const waiting = await queries.waitingChats(organizationId);
    const before = await queries.placements(organizationId);
    const rates = await queries.rates(organizationId);
    const configuration = await loadWidgetConfiguration(queries.executor, organizationId);
    const settingsOf = (groupId: number): RoutingSettings => routingSettingsOf(configuration, groupId);

    const due = [...timedOutChats(waiting, settingsOf, now, this.minuteMs), ...(await this.withoutQueue(queries, organizationId, waiting, settingsOf))];
    const closing = [...new Map(due.map((c) => [c.chat_id, c])).values()];
    const leaving = new Set(closing.map((c) => c.chat_id));
    const queued = waiting.filter((c) => !leaving.has(c.chat_id));
    const perSecond = new Map([...rates].map(([group, rate]) => [group, assignmentsPerSecond(rate, now) ?? 0]));
    const placements = placeInQueues(queued, perSecond);
    const changed = changedPlacements(before, placements);
    // Chats about to be archived keep their placement, so their time queued is recorded as they close.
    const served = await queries.savePlacements(organizationId, changed, waiting.map((c) => c.chat_id));
    if (served.size > 0) await queries.saveRates(organizationId, new Map([...served].map(([group, n]) => [group, recordServed(rates.get(group), n, now)])));

    const byId = new Map(waiting.map((c) => [c.chat_id, c]));
    const moved = changed.map((p) => ({ ...p, customer_id: byId.get(p.chat_id)!.customer_id, access_group_ids: byId.get(p.chat_id)!.access_group_ids }));
    return { moved, closing, now };
  }

  /** Waiting chats of groups without a queue (`queue_enabled` false) that nobody can take now: they cannot wait. */
  private async withoutQueue(
    queries: QueueQueries,
    organizationId: string,
    waiting: readonly QueuedChat[],
    settingsOf: (groupId: number) => RoutingSettings,
  ): Promise<QueuedChat[]> {
    const unqueued = waiting.filter((c) => !settingsOf(c.group_id).queue_enabled);
    if (unqueued.length === 0) return [];
    const candidates = await routingCandidates(queries.executor, organizationId);
    return unqueued.filter((c) => decideRouting(candidates, { group_ids: c.access_group_ids }, settingsOf(c.group_id)).kind !== 'assign');
  }

  /**
   * `routing.archived_offline` into the very thread that waited, checked under
   * the chat's lock: refused quietly when that thread is over (another router
   * archived it, the customer closed it) or an agent took it meanwhile.
   */
  private async archive(organizationId: string, chat: QueuedChat, now: string): Promise<void> {
    const stillWaiting = async (record: ChatRecord | undefined) => {
      if (!record || !mayBeQueued(record.state) || activeThread(record.state)?.id !== chat.thread_id) throw new ApiError('chat_inactive', 'No longer queued');
    };
    try {
      await this.chats.execute(
        organizationId,
        chat.chat_id,
        { type: 'add_system_message', requester: ROUTER_REQUESTER, now, message: { ...ARCHIVED_OFFLINE_MESSAGE }, deactivate: true, thread_id: chat.thread_id },
        {},
        stillWaiting,
      );
    } catch (error) {
      if (error instanceof ApiError && error.type === 'chat_inactive') return;
      throw error;
    }
  }
}
