import { ChatService, rfc3339 } from '@switchboard/chat/application';
import { activeThread, ReassignCause, reassignmentMessage, ReassignChat, ROUTER_REQUESTER, UserRef } from '@switchboard/chat/domain';
import { SqlExecutor } from '@switchboard/event-store';
import { ApiError } from '@switchboard/protocol';
import { AgentCapacityError, loadWidgetConfiguration, QueueQueries, ReadModels, ReassignmentQueries, routingCandidates } from '@switchboard/read-models';
import { assignmentsPerSecond, estimateWaitTime } from '@switchboard/routing/domain';
import { routingSettingsOf } from '@switchboard/widget/domain';
import { nextAgents } from './next-agents';

/** What became of a chat: another agent took it, it waits in the queue, it was closed, the agent only left (someone else holds it), it stays (nobody to take an inactive chat), or the router's view was stale. */
export type ReassignResult = 'assigned' | 'queued' | 'archived' | 'left' | 'kept' | 'stale';

/** An inactive assignee's chat: how long they stayed silent, and the thread as the router saw it. */
export interface InactivityFacts {
  duration_min: number;
  thread_event_count: number;
}

const isStale = (error: unknown) => error instanceof ApiError && (error.type === 'chat_inactive' || error.type === 'validation');

/**
 * Moves one chat on from an agent (routing.md §4): to the best agent with a
 * free seat (tried in order; the seat is taken in the append's transaction,
 * as the router's assignments are), else to the queue, else — queues off —
 * closes it. Every command says what the router saw and the chat decider
 * refuses it once that changed, so two routers move a chat once.
 */
export class ChatReassigner {
  constructor(
    private readonly chats: ChatService,
    private readonly readModels: ReadModels,
    private readonly db: SqlExecutor,
    private readonly queries: ReassignmentQueries,
  ) {}

  async move(organizationId: string, chatId: string, from: UserRef, cause: ReassignCause, inactivity?: InactivityFacts): Promise<ReassignResult> {
    const record = await this.readModels.chat(organizationId, chatId);
    const thread = record && activeThread(record.state);
    if (!record || !thread) return 'stale';
    const state = record.state;
    if (!state.users.some((u) => u.id === from.id && u.present)) return 'stale';
    const command = (to?: UserRef, queue?: ReassignChat['queue']): ReassignChat => ({
      type: 'reassign_chat',
      requester: from,
      now: rfc3339(),
      thread_id: thread.id,
      from,
      cause,
      ...(to && { to }),
      ...(queue && { queue }),
      ...(inactivity && inactivity),
    });
    const run = async (to?: UserRef, queue?: ReassignChat['queue']): Promise<boolean> => {
      try {
        await this.chats.execute(organizationId, chatId, command(to, queue));
        return true;
      } catch (error) {
        if (isStale(error)) return false;
        throw error;
      }
    };
    const others = state.users.some((u) => u.type === 'agent' && u.present && u.visibility === 'all' && u.id !== from.id);
    if (others && cause !== 'inactive') return (await run()) ? 'left' : 'stale';
    for (const candidate of nextAgents(await routingCandidates(this.db, organizationId), state)) {
      try {
        return (await run({ id: candidate.id, type: 'agent', name: candidate.name })) ? 'assigned' : 'stale';
      } catch (error) {
        // Taken meanwhile (or stopped accepting chats): the next one.
        if (error instanceof AgentCapacityError) continue;
        throw error;
      }
    }
    // Nobody else can answer now: the silent agent keeps the chat.
    if (cause === 'inactive') return 'kept';
    const settings = routingSettingsOf(await loadWidgetConfiguration(this.db, organizationId), state.access.group_ids[0] ?? 0);
    if (settings.queue_enabled) return (await run(undefined, await this.queuePlace(organizationId, state.access.group_ids[0] ?? 0))) ? 'queued' : 'stale';
    return (await this.archive(organizationId, chatId, thread.id, from, cause)) ? 'archived' : 'stale';
  }

  /** Queues off: the thread is closed with `routing.archived_*`, only while the agent still holds the chat. */
  private async archive(organizationId: string, chatId: string, threadId: string, from: UserRef, cause: ReassignCause): Promise<boolean> {
    try {
      await this.chats.execute(
        organizationId,
        chatId,
        {
          type: 'add_system_message',
          requester: ROUTER_REQUESTER,
          now: rfc3339(),
          message: reassignmentMessage('archived', cause, { removed: from.name ?? from.id }),
          deactivate: true,
          thread_id: threadId,
        },
        {},
        async (current) => {
          if (!current?.state.users.some((u) => u.id === from.id && u.present)) throw new ApiError('validation', 'The agent is no longer in the chat');
        },
      );
      return true;
    } catch (error) {
      if (isStale(error)) return false;
      throw error;
    }
  }

  /**
   * Where the chat joins its group's queue: behind every chat waiting there
   * now, its wait estimated from the group's recent assignment rate, as the
   * queue keeper places it (ADR 0038).
   */
  private async queuePlace(organizationId: string, groupId: number): Promise<ReassignChat['queue']> {
    const queues = new QueueQueries(this.db);
    const [waiting, rates, now] = await Promise.all([queues.queueLength(organizationId, groupId), queues.rates(organizationId), queues.now()]);
    const position = waiting + 1;
    return { position, wait_time: estimateWaitTime(position, assignmentsPerSecond(rates.get(groupId), now)), queued_at: now };
  }
}
