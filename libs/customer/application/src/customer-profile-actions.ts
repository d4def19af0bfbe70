import { randomUUID } from 'node:crypto';
import { ChatService, CommandOrigin, rfc3339 } from '@switchboard/chat/application';
import { UserRef } from '@switchboard/chat/domain';
import { CustomerCommand, CustomerEvent, CustomerProfile, isBanned } from '@switchboard/customer/domain';
import { ApiError } from '@switchboard/protocol';
import { CustomerRecords } from '@switchboard/read-models';
import { CustomerCommands } from './customer-commands';
import { customerBannedMessage, customerUpdatedMessage } from './customer-system-messages';

/**
 * Plan cap on customers banned at once in one organization (agent-chat-api §7
 * `ban_customer` → `limit_reached`); ADR 0030.
 */
export const BANNED_CUSTOMERS_CAP = 5000;

/**
 * Changes of customers' profiles, by agents (agent-chat-api §7) and by
 * customers themselves (customer-chat-api §5): the customer stream records
 * them; the customer's active chat gets the system messages they call for.
 */
export class CustomerProfileActions {
  constructor(
    private readonly commands: CustomerCommands,
    private readonly records: CustomerRecords,
    private readonly chats: ChatService,
    private readonly bannedCap = BANNED_CUSTOMERS_CAP,
  ) {}

  async create(organizationId: string, profile: CustomerProfile, origin: CommandOrigin & { requesterId: string }): Promise<{ customer_id: string }> {
    const id = randomUUID();
    await this.run(organizationId, { type: 'create_customer', id, now: rfc3339(), profile }, origin.requesterId, origin);
    return { customer_id: id };
  }

  /** An agent's change: with `customer_updated` in the active chat when the name or e-mail changed. */
  async updateByAgent(organizationId: string, customerId: string, profile: CustomerProfile, agent: UserRef, origin: CommandOrigin): Promise<Record<string, never>> {
    const events = await this.run(organizationId, { type: 'update_customer', id: customerId, profile }, agent.id, origin);
    const changed = events.find((e): e is Extract<CustomerEvent, { type: 'customer_updated' }> => e.type === 'customer_updated')?.data;
    const message = changed && customerUpdatedMessage(changed, agent.name ?? agent.id);
    if (message) await this.toActiveChat(organizationId, customerId, agent, message, false, origin);
    return {};
  }

  /** The customer's own change (`update_customer`, `set_customer_session_fields`); refused while banned. */
  async updateOwn(organizationId: string, customerId: string, profile: CustomerProfile, origin: CommandOrigin): Promise<Record<string, never>> {
    const record = await this.records.get(organizationId, customerId);
    if (!record) throw new ApiError('authentication', 'Customer not found');
    if (isBanned(record.data, new Date().toISOString())) throw new ApiError('customer_banned', 'Customer is banned');
    await this.run(organizationId, { type: 'update_customer', id: customerId, profile }, customerId, origin);
    return {};
  }

  /** Bans for `days`; the active chat is archived with `customer_banned`. */
  async ban(organizationId: string, customerId: string, days: number, agent: UserRef, origin: CommandOrigin): Promise<Record<string, never>> {
    const now = rfc3339();
    // Extending a ban that holds takes no new place under the cap.
    const banned = isBanned((await this.records.get(organizationId, customerId))?.data, now);
    if (!banned && (await this.records.bannedCount(organizationId, now)) >= this.bannedCap) {
      throw new ApiError('limit_reached', `At most ${this.bannedCap} customers can be banned at once`);
    }
    await this.run(organizationId, { type: 'ban_customer', id: customerId, now, days }, agent.id, origin);
    await this.toActiveChat(organizationId, customerId, agent, customerBannedMessage(agent.name ?? agent.id, days), true, origin);
    return {};
  }

  async follow(organizationId: string, customerId: string, agentId: string, origin: CommandOrigin, follow: boolean): Promise<Record<string, never>> {
    const type = follow ? 'follow_customer' : 'unfollow_customer';
    await this.run(organizationId, { type, id: customerId, agent_id: agentId }, agentId, origin);
    return {};
  }

  /**
   * Customer pushes answer no request, so they never carry its request_id
   * (the official customer SDK takes such a push for a second answer, issue
   * 10 item 5d); the connection stays known, for pushes that skip it.
   */
  private run(organizationId: string, command: CustomerCommand, requesterId: string, origin: CommandOrigin): Promise<CustomerEvent[]> {
    return this.commands.execute(organizationId, command, { requesterId, connectionId: origin.connectionId, clientId: origin.clientId });
  }

  /** A system message in the customer's active chat, if there is one (an inactive chat gets none). */
  private async toActiveChat(
    organizationId: string,
    customerId: string,
    requester: UserRef,
    message: { system_message_type: string; text: string; text_vars: Record<string, string> },
    deactivate: boolean,
    origin: CommandOrigin,
  ): Promise<void> {
    const record = await this.records.get(organizationId, customerId);
    if (!record?.chat_id || !record.chat_active) return;
    try {
      // Not the request's own answer: the chat's users hear it as pushes without the request_id.
      const { correlationId, clientId } = origin;
      await this.chats.execute(organizationId, record.chat_id, { type: 'add_system_message', requester, now: rfc3339(), message, deactivate }, { correlationId, clientId });
    } catch (error) {
      // The chat was archived meanwhile: nothing to tell it.
      if (!(error instanceof ApiError && error.type === 'chat_inactive')) throw error;
    }
  }
}
