import { Logger } from '@nestjs/common';
import { ChatService } from '@switchboard/chat/application';
import { activeThread } from '@switchboard/chat/domain';
import { EventMessage, parseStreamId, SqlExecutor } from '@switchboard/event-store';
import { DepartedAgent, loadWidgetConfiguration, ReadModels, ReassignmentQueries } from '@switchboard/read-models';
import { routingOf, routingSettingsOf, WidgetConfiguration } from '@switchboard/widget/domain';
import { ChatReassigner } from './chat-reassigner';
import { presenceLoss, silenceDue } from '@switchboard/routing/domain';

/** Agent events after which an agent may have lost their chats. */
export const DEPARTURES: ReadonlySet<string> = new Set(['routing_status_set', 'agent_deleted', 'agent_suspended', 'bot_deleted']);

const groupOf = (groupIds: readonly number[]) => groupIds[0] ?? 0;

/**
 * Chats are never stranded (routing.md §4, ADR 0039): an agent who went
 * offline, signed out, was signed out remotely, deleted or suspended loses
 * their chats — at once, or after `reconnect_grace_s` when only their
 * connection dropped — and an assignee silent for `transfer_chat_after_min`
 * hands the chat to the next agent. Nothing is kept in memory but a hint: the
 * sweeps derive every due chat from the database, so a restarted router (or
 * another replica) picks up where this one stopped.
 */
export class Reassignment {
  private readonly logger = new Logger('reassignment');
  private readonly queries: ReassignmentQueries;
  private readonly reassigner: ChatReassigner;
  /** Agents whose grace period ends soon: looked at again then (the sweep would anyway, later). */
  private readonly graceTimers = new Map<string, NodeJS.Timeout>();
  private sweeping = false;

  constructor(
    chats: ChatService,
    private readonly readModels: ReadModels,
    private readonly db: SqlExecutor,
    /** How long a minute of `transfer_chat_after_min` lasts (tests shorten it: ROUTING_MINUTE_MS). */
    private readonly minuteMs = 60_000,
  ) {
    this.queries = new ReassignmentQueries(db);
    this.reassigner = new ChatReassigner(chats, readModels, db, this.queries);
  }

  /** An agent's departure is handled at once (its grace period, if any, is timed from here). */
  async onEvent(message: EventMessage): Promise<void> {
    if (!DEPARTURES.has(message.type)) return;
    const { type, id } = parseStreamId(message.stream_id);
    if (type !== 'agent') return;
    if (message.type === 'routing_status_set' && (message.data as { status?: string }).status !== 'offline') return;
    for (const agent of await this.queries.departedAgents({ organizationId: message.organization_id, agentId: id })) await this.redistribute(agent);
  }

  /** Every departed agent's chats and every silent chat that is due; a sweep still running is not started again. */
  async sweep(): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      for (const agent of await this.queries.departedAgents()) await this.redistribute(agent);
      for (const organizationId of await this.queries.organizationsTransferringSilentChats()) await this.transferSilentChats(organizationId);
    } finally {
      this.sweeping = false;
    }
  }

  stop(): void {
    for (const timer of this.graceTimers.values()) clearTimeout(timer);
    this.graceTimers.clear();
  }

  private async redistribute(agent: DepartedAgent): Promise<void> {
    const { organization_id: organizationId, agent_id: agentId } = agent;
    const tail = await this.queries.agentTail(organizationId, agentId);
    const configuration = await loadWidgetConfiguration(this.db, organizationId);
    const from = { id: agentId, type: 'agent' as const, name: agent.name };
    let nextDue: number | undefined;
    for (const chatId of await this.queries.activeChatsOf(organizationId, agentId)) {
      const record = await this.readModels.chat(organizationId, chatId);
      if (!record) continue;
      const member = record.state.users.find((u) => u.id === agentId && u.present);
      // Supervisors (visibility agents) strand nobody: only the chat's own agents are moved.
      if (!member || member.visibility !== 'all') continue;
      const graceSeconds = routingSettingsOf(configuration, groupOf(record.state.access.group_ids)).reconnect_grace_s;
      const loss = presenceLoss(tail, { isBot: agent.is_bot, graceSeconds });
      if (!loss) return;
      const due = Date.parse(loss.due);
      if (due > Date.now()) {
        nextDue = Math.min(nextDue ?? due, due);
        continue;
      }
      const result = await this.reassigner.move(organizationId, chatId, from, loss.cause);
      if (result !== 'stale') this.logger.log(`chat ${chatId} of ${agentId} (${loss.cause}): ${result}`);
    }
    if (nextDue !== undefined) this.lookAgainAt(agent, nextDue);
  }

  private lookAgainAt(agent: DepartedAgent, at: number): void {
    const key = `${agent.organization_id}/${agent.agent_id}`;
    clearTimeout(this.graceTimers.get(key));
    const timer = setTimeout(() => {
      this.graceTimers.delete(key);
      this.queries
        .departedAgents({ organizationId: agent.organization_id, agentId: agent.agent_id })
        .then(async (found) => {
          for (const departed of found) await this.redistribute(departed);
        })
        .catch((error: Error) => this.logger.warn(`redistributing ${agent.agent_id}'s chats failed: ${error.message}`));
    }, Math.max(0, at - Date.now()) + 50);
    timer.unref();
    this.graceTimers.set(key, timer);
  }

  private async transferSilentChats(organizationId: string): Promise<void> {
    const configuration = await loadWidgetConfiguration(this.db, organizationId);
    const shortest = shortestTransferMinutes(configuration);
    if (shortest === undefined) return;
    for (const silent of await this.queries.silentChats(organizationId, (shortest * this.minuteMs) / 1000)) {
      const record = await this.readModels.chat(organizationId, silent.chat_id);
      const thread = record && activeThread(record.state);
      if (!record || !thread) continue;
      const minutes = routingSettingsOf(configuration, groupOf(record.state.access.group_ids)).transfer_chat_after_min;
      const assignee = record.state.users.find((u) => u.type === 'agent' && u.present && u.visibility === 'all');
      if (!assignee || minutes <= 0) continue;
      const joined = await this.queries.joinedAt(organizationId, silent.chat_id, assignee.id);
      const due = silenceDue({ ...silent, assignee_joined_at: joined }, minutes, this.minuteMs);
      if (!due || Date.parse(due) > Date.now()) continue;
      const name = (await this.readModels.agent(organizationId, assignee.id))?.profile.name ?? assignee.id;
      const result = await this.reassigner.move(organizationId, silent.chat_id, { id: assignee.id, type: 'agent', name }, 'inactive', {
        duration_min: minutes,
        thread_event_count: thread.event_count,
      });
      if (result !== 'kept' && result !== 'stale') this.logger.log(`chat ${silent.chat_id} of ${assignee.id} (inactive): ${result}`);
    }
  }

}

/** The shortest non-zero `transfer_chat_after_min` of the license and its groups; undefined when none hands chats on. */
export function shortestTransferMinutes(configuration: WidgetConfiguration): number | undefined {
  const routing = routingOf(configuration);
  const values = [routing.license.transfer_chat_after_min, ...Object.values(routing.groups).map((g) => g.transfer_chat_after_min)];
  const set = values.filter((v): v is number => typeof v === 'number' && v > 0);
  return set.length > 0 ? Math.min(...set) : undefined;
}
