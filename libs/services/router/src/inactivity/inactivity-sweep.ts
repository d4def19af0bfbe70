import { ChatService } from '@switchboard/chat/application';
import { ROUTER_REQUESTER } from '@switchboard/chat/domain';
import { SqlExecutor } from '@switchboard/event-store';
import { ApiError } from '@switchboard/protocol';
import { loadWidgetConfiguration } from '@switchboard/read-models';
import { routingOf, routingSettingsOf, WidgetConfiguration } from '@switchboard/widget/domain';
import { decideInactivity, inactivityMessage } from '@switchboard/routing/domain';
import { InactiveThread, inactiveThreads, organizationsWithInactiveThreads } from './inactive-threads';


/** At most this many threads per organization and sweep: the longest silent first, the rest in the next sweep. */
const BATCH = 500;

/** The shortest inactivity timeout an organization has set (license or any group), 0 when all are off. */
function shortestTimeoutMin(configuration: WidgetConfiguration): number {
  const routing = routingOf(configuration);
  const all = [routing.license.inactivity_timeout_min, ...Object.values(routing.groups).map((g) => g.inactivity_timeout_min)];
  const on = all.filter((m): m is number => typeof m === 'number' && m > 0);
  return on.length > 0 ? Math.min(...on) : 0;
}

/** What a sweep did, for logs and tests. */
export interface SweepOutcome {
  archived: number;
  idle: number;
  cleared: number;
}

/**
 * The inactivity timer (ADR 0040): due threads are read from the chats read
 * model (last activity per active thread), so nothing is lost on a restart,
 * and each is archived, marked idle or cleared of its idle mark through the
 * chat's own commands — refused when the thread ended or got events since it
 * was read, so two sweeps racing close nothing twice.
 */
export class InactivitySweep {
  constructor(
    private readonly db: SqlExecutor,
    private readonly chats: ChatService,
    private readonly minuteMs: number,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async run(): Promise<SweepOutcome> {
    const outcome: SweepOutcome = { archived: 0, idle: 0, cleared: 0 };
    const now = this.clock();
    const silentForAMinute = new Date(now.getTime() - this.minuteMs).toISOString();
    for (const organizationId of await organizationsWithInactiveThreads(this.db, silentForAMinute)) {
      const configuration = await loadWidgetConfiguration(this.db, organizationId);
      const shortest = shortestTimeoutMin(configuration);
      // With every timeout off only idle marks remain to clear: those threads are read whatever their silence.
      const silentBefore = new Date(now.getTime() - Math.max(shortest, 1) * this.minuteMs).toISOString();
      for (const thread of await inactiveThreads(this.db, organizationId, silentBefore, BATCH)) {
        const done = await this.apply(organizationId, thread, routingSettingsOf(configuration, thread.group_id).inactivity_timeout_min, now);
        if (done) outcome[done]++;
      }
    }
    return outcome;
  }

  private async apply(organizationId: string, thread: InactiveThread, timeoutMin: number, now: Date): Promise<keyof SweepOutcome | undefined> {
    const action = decideInactivity(thread, timeoutMin, { now: now.toISOString(), minuteMs: this.minuteMs });
    const common = { requester: ROUTER_REQUESTER, now: now.toISOString(), thread_id: thread.thread_id, thread_event_count: thread.event_count };
    try {
      switch (action.kind) {
        case 'none':
          return undefined;
        case 'archive':
          await this.chats.execute(organizationId, thread.chat_id, {
            type: 'add_system_message',
            ...common,
            message: inactivityMessage('archive', action.minutes),
            deactivate: true,
          });
          return 'archived';
        case 'mark_idle':
          await this.chats.execute(organizationId, thread.chat_id, {
            type: 'add_system_message',
            ...common,
            message: inactivityMessage('mark_idle', action.minutes),
            thread_properties: { routing: { idle: true } },
          });
          return 'idle';
        case 'clear_idle':
          await this.chats.execute(organizationId, thread.chat_id, {
            type: 'update_thread_properties',
            requester: ROUTER_REQUESTER,
            now: common.now,
            thread_id: thread.thread_id,
            properties: { routing: { idle: false } },
          });
          return 'cleared';
      }
    } catch (error) {
      // Ended, written in or marked since it was read (by a user or another router): the next sweep sees it as it is now.
      if (error instanceof ApiError && ['chat_inactive', 'validation', 'already_exists', 'not_found'].includes(error.type)) return undefined;
      throw error;
    }
  }
}
