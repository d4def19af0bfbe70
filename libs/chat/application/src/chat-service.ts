import { ChatCommand, ChatEvent, ChatRuleError, ChatState, decide, evolve } from '@switchboard/chat/domain';
import { EventStore, StreamOwnershipError, VersionConflictError } from '@switchboard/event-store';
import { ApiError } from '@switchboard/protocol';
import { CustomerChatExistsError, ReadModels } from '@switchboard/read-models';

/** Who should hear about a chat's new events: its agents before and after them, and its customer. */
export interface ChatRecipients {
  agent_ids: string[];
  customer_id?: string;
}

/** Stored with each event: what a push needs besides the event itself. */
export interface ChatEventMetadata {
  command: ChatCommand['type'];
  requester_id: string;
  requester_type: 'agent' | 'customer';
  recipients: ChatRecipients;
  /** The RTM connection and request that caused it, so its own push can carry the request_id. */
  connection_id?: string;
  request_id?: string;
}

export interface CommandOrigin {
  connectionId?: string;
  requestId?: string;
}

export interface ChatCommandResult {
  events: ChatEvent[];
  state: ChatState;
}

const MAX_ATTEMPTS = 8;
const presentAgents = (state: ChatState | undefined) =>
  state?.users.filter((u) => u.type === 'agent' && u.present).map((u) => u.id) ?? [];

/**
 * Runs chat commands: read the chat's folded state, decide, append at the
 * version read; on a concurrent write, read again and decide again.
 */
export class ChatService {
  constructor(
    private readonly store: EventStore,
    private readonly readModels: ReadModels,
  ) {}

  async execute(organizationId: string, chatId: string, command: ChatCommand, origin: CommandOrigin = {}): Promise<ChatCommandResult> {
    for (let attempt = 1; ; attempt++) {
      const record = await this.readModels.chat(organizationId, chatId);
      const state = record?.state;
      let events: ChatEvent[];
      try {
        events = decide(state, command);
      } catch (error) {
        if (error instanceof ChatRuleError) throw new ApiError(error.type, error.message);
        throw error;
      }
      const after = events.reduce<ChatState | undefined>(evolve, state)!;
      const metadata: ChatEventMetadata = {
        command: command.type,
        requester_id: command.requester.id,
        requester_type: command.requester.type,
        recipients: {
          agent_ids: [...new Set([...presentAgents(state), ...presentAgents(after)])],
          customer_id: after.customer_id,
        },
        ...(origin.connectionId && { connection_id: origin.connectionId }),
        ...(origin.requestId && { request_id: origin.requestId }),
      };
      try {
        await this.store.append(
          `chat-${chatId}`,
          events.map((e) => ({ type: e.type, data: e.data, metadata: metadata as unknown as Record<string, unknown> })),
          { organizationId, expectedVersion: record ? record.version : 'no_stream' },
        );
        return { events, state: after };
      } catch (error) {
        if (error instanceof VersionConflictError && attempt < MAX_ATTEMPTS) continue;
        if (error instanceof StreamOwnershipError) throw new ApiError('not_found', 'Chat not found');
        if (error instanceof CustomerChatExistsError) {
          throw new ApiError('validation', 'Customer already has a chat; use resume_chat to start a new thread');
        }
        throw error;
      }
    }
  }
}
