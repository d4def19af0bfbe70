import { activeThread, ChatState, TransferAssignee, TransferChat, UserRef, Visibility } from '@switchboard/chat/domain';
import { ApiError } from '@switchboard/protocol';
import { AgentCapacityError, AgentRecord, ChatRecord, ReadModels } from '@switchboard/read-models';
import { ChatAuthorization, ChatService, CommandOrigin } from './chat-service';
import { rfc3339 } from './ids';

export interface TransferInput {
  id: string;
  target?: { type: 'group' | 'agent'; ids: Array<number | string> };
  ignore_agents_availability?: boolean;
  ignore_requester_presence?: boolean;
}

export interface ChatUserInput {
  chat_id: string;
  user_id: string;
  user_type: 'agent' | 'customer';
  visibility?: Visibility;
  ignore_requester_presence?: boolean;
}

/** Owners and administrators read every chat (`chats--all`); others the chats of their groups (group 0: everyone's). */
export function agentCanSee(agent: AgentRecord, state: Pick<ChatState, 'access'>): boolean {
  const role = (agent.profile as { role?: string }).role;
  if (role === 'owner' || role === 'administrator') return true;
  const chatGroups = state.access.group_ids;
  return chatGroups.includes(0) || (agent.profile.groups ?? []).some((g) => chatGroups.includes(g.id));
}

const presentAgentIds = (state: ChatState) => state.users.filter((u) => u.type === 'agent' && u.present).map((u) => u.id);

/**
 * Following, chat users and transfers (agent-chat-api.md §1–3, §9): resolves
 * who is added or where a chat goes, then runs the chat's command under its
 * lock. A transfer tries the target's agents one by one, as the router does:
 * the seat is taken in the append's transaction, so concurrent transfers and
 * routing never put an agent over `max_chats_count` (ADR 0025).
 */
export class MembershipActions {
  constructor(
    private readonly chats: ChatService,
    private readonly readModels: ReadModels,
    /** Whether chats of these groups are routed manually (ADR 0037): then an agent adding themself to a waiting chat picks it. */
    private readonly isManualRouting: (organizationId: string, groupIds: readonly number[]) => Promise<boolean> = async () => false,
  ) {}

  async follow(organizationId: string, requester: UserRef, chatId: string, origin: CommandOrigin, authorize: ChatAuthorization) {
    await this.chats.execute(organizationId, chatId, { type: 'follow_chat', requester, now: rfc3339() }, origin, authorize);
    return {};
  }

  async unfollow(organizationId: string, requester: UserRef, chatId: string, origin: CommandOrigin, authorize: ChatAuthorization) {
    await this.chats.execute(organizationId, chatId, { type: 'unfollow_chat', requester, now: rfc3339() }, origin, authorize);
    return {};
  }

  async addUser(organizationId: string, requester: UserRef, input: ChatUserInput, origin: CommandOrigin, authorize: ChatAuthorization) {
    const picked = await this.pickedThread(organizationId, requester, input);
    if (picked) return this.pick(organizationId, requester, input, picked, origin, authorize);
    const user = await this.user(organizationId, input);
    await this.chats.execute(
      organizationId,
      input.chat_id,
      {
        type: 'add_user_to_chat',
        requester,
        now: rfc3339(),
        user: user.ref,
        visibility: input.visibility ?? 'all',
        ignore_requester_presence: input.ignore_requester_presence,
      },
      origin,
      async (record, readModels) => {
        await authorize(record, readModels);
        // A bot adding itself (X-Author-Id) needs no access to the chat's groups (agent-chat-api.md §3).
        const selfBot = user.agent?.owner_client_id && user.ref.id === requester.id;
        if (user.agent && record && !selfBot && !agentCanSee(user.agent, record.state)) {
          throw new ApiError('missing_access', 'The agent has no access to this chat');
        }
      },
    );
    return {};
  }

  /**
   * An agent not in the chat adding themself, visible to all, to an active
   * chat of a manually routed group picks its thread — also when someone
   * picked it first, so the later of two is told it lost (ADR 0037). Joining
   * such a chat beside its assignee takes `visibility: agents` or someone else adding you.
   */
  private async pickedThread(organizationId: string, requester: UserRef, input: ChatUserInput): Promise<string | undefined> {
    if (requester.type !== 'agent' || input.user_type !== 'agent' || input.user_id !== requester.id || (input.visibility ?? 'all') !== 'all') return undefined;
    const record = await this.readModels.chat(organizationId, input.chat_id);
    const thread = record && activeThread(record.state);
    if (!thread || presentAgentIds(record.state).includes(requester.id)) return undefined;
    return (await this.isManualRouting(organizationId, record.state.access.group_ids)) ? thread.id : undefined;
  }

  /**
   * Manual routing's pick: the chat is assigned to the agent as the router
   * would (`assign_agent`: a seat taken in the append's transaction,
   * `routing.assigned`), so the first of two agents picking at once wins and
   * the second is refused — the chat has an agent by the time its command runs.
   */
  private async pick(organizationId: string, requester: UserRef, input: ChatUserInput, threadId: string, origin: CommandOrigin, authorize: ChatAuthorization) {
    const agent = await this.readModels.agent(organizationId, requester.id);
    const ref: UserRef = { id: requester.id, type: 'agent', name: agent?.profile.name ?? requester.name };
    try {
      await this.chats.execute(
        organizationId,
        input.chat_id,
        { type: 'assign_agent', requester: ref, agent: ref, thread_id: threadId, now: rfc3339() },
        origin,
        async (record, readModels) => {
          await authorize(record, readModels);
          if (agent && record && !agentCanSee(agent, record.state)) throw new ApiError('missing_access', 'The agent has no access to this chat');
        },
      );
    } catch (error) {
      if (error instanceof AgentCapacityError) throw new ApiError('validation', 'The agent cannot take the chat now: no free seat, or not accepting chats');
      if (error instanceof ApiError && error.type === 'validation') throw new ApiError('validation', 'The chat was already picked by another agent');
      throw error;
    }
    return {};
  }

  async removeUser(organizationId: string, requester: UserRef, input: ChatUserInput, origin: CommandOrigin, authorize: ChatAuthorization) {
    let name: string | undefined;
    if (input.user_type === 'agent') name = (await this.readModels.agent(organizationId, input.user_id))?.profile.name;
    await this.chats.execute(
      organizationId,
      input.chat_id,
      {
        type: 'remove_user_from_chat',
        requester,
        now: rfc3339(),
        user: { id: input.user_id, type: input.user_type, name },
        ignore_requester_presence: input.ignore_requester_presence,
      },
      origin,
      authorize,
    );
    return {};
  }

  async transfer(organizationId: string, requester: UserRef, input: TransferInput, origin: CommandOrigin, authorize: ChatAuthorization) {
    const record = await this.readModels.chat(organizationId, input.id);
    await authorize(record, this.readModels);
    const state = record!.state;
    if (!activeThread(state)) throw new ApiError('chat_inactive', 'Chat is inactive');
    const plan = await this.plan(organizationId, state, input);
    const command = (assignee?: TransferAssignee): TransferChat => ({
      type: 'transfer_chat',
      requester,
      now: rfc3339(),
      target: input.target,
      access: plan.access,
      target_names: plan.names,
      ignore_requester_presence: input.ignore_requester_presence,
      ...(assignee && { assignee }),
    });
    const run = (assignee?: TransferAssignee) =>
      this.chats.execute(organizationId, input.id, command(assignee), origin, async (current, readModels) => {
        await authorize(current, readModels);
        // Checked again under the chat's lock: a direct target must see the chat as it is now.
        if (plan.direct && current && !agentCanSee(plan.direct, current.state)) {
          throw new ApiError('missing_access', 'The agent has no access to this chat');
        }
      });
    for (const candidate of plan.candidates) {
      try {
        await run(candidate);
        return {};
      } catch (error) {
        // Taken meanwhile (or stopped accepting chats): the next one, as the router does.
        if (error instanceof AgentCapacityError) continue;
        throw error;
      }
    }
    if (!input.ignore_agents_availability) {
      throw new ApiError('validation', input.target?.type === 'agent' ? 'The agent cannot take the chat now' : 'No agent from the target can take the chat now');
    }
    await run();
    return {};
  }

  /** Where the chat goes and who may take it, least loaded first. */
  private async plan(organizationId: string, state: ChatState, input: TransferInput) {
    const members = new Set(presentAgentIds(state));
    const target = input.target;
    if (target?.type === 'agent') {
      if (target.ids.length !== 1) throw new ApiError('validation', 'target.ids: A transfer goes to exactly one agent');
      const agent = await this.readModels.agent(organizationId, String(target.ids[0]));
      if (!agent) throw new ApiError('not_found', `Agent ${target.ids[0]} not found`);
      if (!agentCanSee(agent, state)) throw new ApiError('missing_access', 'The agent has no access to this chat');
      const user: UserRef = { id: agent.profile.id, type: 'agent', name: agent.profile.name };
      // The spec allows handing a chat to an agent who does not accept chats; one who does keeps within max_chats_count.
      const candidates =
        agent.routing_status === 'accepting_chats'
          ? [{ user, capped: true }]
          : agent.routing_status === 'not_accepting_chats'
            ? [{ user, capped: false }]
            : [];
      return { access: state.access, names: [user.name ?? user.id], candidates, direct: agent };
    }
    const groupIds = target ? [...new Set(target.ids.map(Number))] : state.access.group_ids;
    const names: string[] = [];
    for (const groupId of groupIds) {
      const group = await this.readModels.group(organizationId, groupId);
      if (!group) throw new ApiError('group_not_found', `Group ${groupId} not found`);
      names.push(group.name);
    }
    const available = await this.readModels.availableAgents(organizationId, groupIds);
    const candidates = available
      .filter((a) => !members.has(a.profile.id))
      .map((a) => ({ user: { id: a.profile.id, type: 'agent' as const, name: a.profile.name }, capped: true }));
    return { access: { group_ids: groupIds }, names, candidates, direct: undefined };
  }

  /** Online agents (accepting or not) who could take the chat, fewest active chats first; its agents excluded. */
  async agentsForTransfer(organizationId: string, record: ChatRecord) {
    const members = new Set(presentAgentIds(record.state));
    const agents = await this.readModels.agents(organizationId);
    return agents
      .filter((a) => a.routing_status !== 'offline' && !members.has(a.profile.id) && agentCanSee(a, record.state))
      .sort((a, b) => a.active_chats - b.active_chats || a.profile.id.localeCompare(b.profile.id))
      .map((a) => ({ agent_id: a.profile.id, total_active_chats: a.active_chats }));
  }

  private async user(organizationId: string, input: ChatUserInput): Promise<{ ref: UserRef; agent?: AgentRecord }> {
    if (input.user_type === 'agent') {
      const agent = await this.readModels.agent(organizationId, input.user_id);
      if (!agent) throw new ApiError('not_found', `Agent ${input.user_id} not found`);
      return { ref: { id: agent.profile.id, type: 'agent', name: agent.profile.name }, agent };
    }
    const customer = (await this.readModels.customers(organizationId, [input.user_id])).get(input.user_id);
    if (!customer) throw new ApiError('not_found', `Customer ${input.user_id} not found`);
    return { ref: { id: input.user_id, type: 'customer', name: customer['name'] as string | undefined } };
  }
}
