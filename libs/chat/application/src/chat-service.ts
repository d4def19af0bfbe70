import { ChatCommand, ChatEvent, ChatRuleError, ChatState, decide, evolve, followerIds } from '@switchboard/chat/domain';
import { EventStore, StreamOwnershipError } from '@switchboard/event-store';
import { ApiError } from '@switchboard/protocol';
import { CHAT_ROW, ChatRecord, CustomerChatExistsError, ReadModels } from '@switchboard/read-models';

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
  /** The Web API request's correlation id (logs of that request carry it too). */
  correlation_id?: string;
  /** The application the requester acted for; webhooks' `source_type` (ADR 0043). */
  client_id?: string;
}

export interface CommandOrigin {
  connectionId?: string;
  requestId?: string;
  correlationId?: string;
  /** The application the requester acts for (ADR 0043). */
  clientId?: string;
}

/**
 * Checked under the chat's lock, before deciding: throws when the requester may
 * not touch the chat. Reads go through `readModels` (the transaction's): the
 * embedded database is one session, so a read outside it would wait forever.
 */
export type ChatAuthorization = (record: ChatRecord | undefined, readModels: ReadModels) => Promise<void>;

export interface ChatCommandResult {
  events: ChatEvent[];
  state: ChatState;
}

const presentAgents = (state: ChatState | undefined) =>
  state?.users.filter((u) => u.type === 'agent' && u.present).map((u) => u.id) ?? [];

/**
 * Runs chat commands: under the chat stream's lock, read its folded state,
 * decide, append — one transaction, so concurrent writers queue instead of
 * conflicting.
 */
export class ChatService {
  constructor(private readonly store: EventStore) {}

  async execute(
    organizationId: string,
    chatId: string,
    command: ChatCommand,
    origin: CommandOrigin = {},
    authorize?: ChatAuthorization,
  ): Promise<ChatCommandResult> {
    try {
      return await this.store.decideAndAppend(`chat-${chatId}`, organizationId, async (tx) => {
        // Read under the chat's lock: the state is the latest, so deciding never races another writer.
        const readModels = new ReadModels(tx);
        const record = await readModels.chat(organizationId, chatId);
        await authorize?.(record, readModels);
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
            // Followers (ADR 0025) hear the chat like its agents.
            agent_ids: [...new Set([...presentAgents(state), ...presentAgents(after), ...followerIds(state), ...followerIds(after)])],
            customer_id: after.customer_id,
          },
          ...(origin.connectionId && { connection_id: origin.connectionId }),
          ...(origin.requestId && { request_id: origin.requestId }),
          ...(origin.correlationId && { correlation_id: origin.correlationId }),
          ...(origin.clientId && { client_id: origin.clientId }),
        };
        return {
          events: events.map((e) => ({ type: e.type, data: e.data, metadata: metadata as unknown as Record<string, unknown> })),
          result: { events, state: after },
          projectionContext: { [CHAT_ROW]: record },
        };
      });
    } catch (error) {
      if (error instanceof StreamOwnershipError) throw new ApiError('not_found', 'Chat not found');
      if (error instanceof CustomerChatExistsError) {
        throw new ApiError('validation', 'Customer already has a chat; use resume_chat to start a new thread');
      }
      throw error;
    }
  }
}
