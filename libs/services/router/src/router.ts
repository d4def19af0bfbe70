import { ChatService, rfc3339 } from '@switchboard/chat/application';
import { activeThread } from '@switchboard/chat/domain';
import { EventMessage, parseStreamId, SqlExecutor } from '@switchboard/event-store';
import { ApiError } from '@switchboard/protocol';
import { AgentCapacityError, ChatRecord, ReadModels, routingCandidates } from '@switchboard/read-models';
import { decideRouting } from '@switchboard/routing/domain';

/** Events after which a waiting chat may find an agent. */
const TRIGGERS = new Set(['thread_started', 'thread_deactivated', 'routing_status_set', 'agent_updated', 'agent_created', 'bot_updated', 'user_removed']);

/**
 * The router, first cut: a chat whose active thread has no agent goes to the
 * agent the routing decision (`@switchboard/routing/domain`, shared with the
 * customer's `get_predicted_agent`) ranks first among those with a free
 * seat; when nobody can take it, it waits (oldest first) until someone can.
 * Capacity is enforced by the assignment's own transaction, so concurrent
 * routers can never push an agent over `max_chats_count`.
 */
export class Router {
  private readonly queues = new Map<string, Promise<void>>();

  constructor(
    private readonly readModels: ReadModels,
    private readonly chats: ChatService,
    private readonly db: SqlExecutor,
  ) {}

  /** Handles one committed event (from the durable consumer). */
  async onEvent(message: EventMessage): Promise<void> {
    if (!TRIGGERS.has(message.type)) return;
    const { type } = parseStreamId(message.stream_id);
    if (type !== 'chat' && type !== 'agent') return;
    if (message.type === 'routing_status_set' && (message.data as { status: string }).status !== 'accepting_chats') return;
    await this.routeOrganization(message.organization_id);
  }

  /** Routes every organization with waiting chats (periodic sweep). */
  async sweep(): Promise<void> {
    for (const organizationId of await this.readModels.organizationsWithWaitingChats()) await this.routeOrganization(organizationId);
  }

  /** One pass per organization at a time in this process; requests arriving meanwhile share the next pass. */
  routeOrganization(organizationId: string): Promise<void> {
    const previous = this.queues.get(organizationId) ?? Promise.resolve();
    const next = previous.then(() => this.assignWaiting(organizationId));
    this.queues.set(organizationId, next.catch(() => undefined));
    return next;
  }

  private async assignWaiting(organizationId: string): Promise<void> {
    for (const chat of await this.readModels.waitingChats(organizationId)) {
      const outcome = await this.assign(organizationId, chat);
      if (outcome === 'nobody_free_anywhere') return;
    }
  }

  private async assign(organizationId: string, chat: ChatRecord): Promise<'assigned' | 'skipped' | 'nobody_free' | 'nobody_free_anywhere'> {
    const thread = activeThread(chat.state);
    if (!thread) return 'skipped';
    const everyone = await routingCandidates(this.db, organizationId);
    const decision = decideRouting(everyone, chat.state.access.group_ids);
    const candidates = decision.kind === 'assign' ? decision.ranked : [];
    for (const candidate of candidates) {
      const agent = { id: candidate.id, type: 'agent' as const, name: candidate.name };
      try {
        await this.chats.execute(organizationId, chat.chat_id, {
          type: 'assign_agent',
          requester: agent,
          agent,
          thread_id: thread.id,
          now: rfc3339(),
        });
        return 'assigned';
      } catch (error) {
        if (error instanceof AgentCapacityError) continue;
        // Closed or taken meanwhile: nothing to do for this chat.
        if (error instanceof ApiError && (error.type === 'chat_inactive' || error.type === 'validation')) return 'skipped';
        throw error;
      }
    }
    if (candidates.length > 0) return 'nobody_free';
    return decideRouting(everyone, [0]).kind === 'assign' ? 'nobody_free' : 'nobody_free_anywhere';
  }
}
