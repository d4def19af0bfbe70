import { UserRef } from '@switchboard/chat/domain';
import { ApiError } from '@switchboard/protocol';
import { ReadModels } from '@switchboard/read-models';
import { ChatAuthorization, ChatService, CommandOrigin } from './chat-service';
import { rfc3339 } from './ids';

/** Any RFC 3339 moment (offsets allowed) as the chat's timestamps are written: UTC, microseconds. */
export function utcMicros(moment: string): string {
  const fraction = /\.(\d+)(?:Z|[+-]\d\d:\d\d)$/i.exec(moment)?.[1] ?? '';
  const micros = fraction.padEnd(6, '0').slice(0, 6);
  const date = new Date(moment);
  if (Number.isNaN(date.getTime())) throw new ApiError('validation', `Invalid date: ${moment}`);
  return date.toISOString().replace(/\.\d{3}Z$/, `.${micros}Z`);
}

/** The stored methods of this family, shared by both chat APIs: seen marks and rich-message postbacks. */
export class SignalActions {
  constructor(
    private readonly chats: ChatService,
    private readonly readModels: ReadModels,
  ) {}

  async markEventsAsSeen(
    organizationId: string,
    requester: UserRef,
    input: { chat_id: string; seen_up_to: string },
    origin: CommandOrigin,
    authorize: ChatAuthorization,
  ): Promise<Record<string, never>> {
    const command = { type: 'mark_events_as_seen' as const, requester, now: rfc3339(), seen_up_to: utcMicros(input.seen_up_to) };
    await this.chats.execute(organizationId, input.chat_id, command, origin, authorize);
    return {};
  }

  async sendRichMessagePostback(
    organizationId: string,
    requester: UserRef,
    input: { chat_id: string; thread_id: string; event_id: string; postback: { id: string; toggled: boolean } },
    origin: CommandOrigin,
    authorize: ChatAuthorization,
  ): Promise<Record<string, never>> {
    // Stored events never change, so reading the message before taking the chat's lock is safe.
    const events = await this.readModels.chatEvents(organizationId, input.chat_id, [input.thread_id]);
    const event = events.get(input.thread_id)?.find((e) => e.id === input.event_id);
    await this.chats.execute(
      organizationId,
      input.chat_id,
      {
        type: 'send_rich_message_postback',
        requester,
        now: rfc3339(),
        thread_id: input.thread_id,
        event_id: input.event_id,
        postback: input.postback,
        event,
      },
      origin,
      authorize,
    );
    return {};
  }
}
