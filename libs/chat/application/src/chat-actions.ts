import { ChatEvent, NewChatEvent, Properties, UserRef } from '@switchboard/chat/domain';
import { PropertyRequester } from '@switchboard/configuration/domain';
import { ChatAuthorization, ChatService, CommandOrigin } from './chat-service';
import { withPropertyCheck } from './property-actions';
import { newChatId, newThreadId, rfc3339 } from './ids';

export interface StartChatInput {
  chat?: {
    users?: Array<{ id: string; type: 'agent' | 'customer' }>;
    access?: { group_ids: number[] };
    properties?: Properties;
    thread?: { events?: NewChatEvent[]; properties?: Properties };
  };
  active?: boolean;
  continuous?: boolean;
}

export interface ResumeChatInput extends StartChatInput {
  chat: StartChatInput['chat'] & { id: string };
}

/** The ids of the events a request created (server system messages excluded). */
function userEventIds(events: ChatEvent[]): string[] {
  return events
    .filter((e): e is Extract<ChatEvent, { type: 'event_added' }> => e.type === 'event_added')
    .map((e) => e.data.event)
    .filter((e) => e.type !== 'system_message' || e.author_id)
    .map((e) => e.id);
}

/** Checks and completes client events before a command is decided: `file` events get their file's metadata (ADR 0026). */
export type EventCompleter = <E extends NewChatEvent>(organizationId: string, events: E[]) => Promise<E[]>;

/** The chat methods shared by the Agent and Customer Chat APIs, from validated payloads to responses. */
export class ChatActions {
  constructor(
    private readonly chats: ChatService,
    private readonly completeEvents: EventCompleter = async (_organizationId, events) => events,
    /** Called once a command that added client events has committed: marks their files used (ADR 0026). */
    private readonly eventsCommitted: (organizationId: string, events: NewChatEvent[]) => Promise<void> = async () => undefined,
  ) {}

  /** `properties`: who sets the request's properties, for the property rules (ADR 0027). */
  async start(organizationId: string, requester: UserRef, input: StartChatInput, origin: CommandOrigin, properties?: PropertyRequester) {
    const chatId = newChatId();
    const threadId = newThreadId();
    const initial = await this.completeEvents(organizationId, input.chat?.thread?.events ?? []);
    const check = withPropertyCheck(organizationId, properties, { chat: input.chat?.properties, thread: input.chat?.thread?.properties, events: initial });
    const { events } = await this.chats.execute(
      organizationId,
      chatId,
      {
        type: 'start_chat',
        chat_id: chatId,
        thread_id: threadId,
        requester,
        now: rfc3339(),
        users: input.chat?.users ?? [],
        access: input.chat?.access,
        properties: input.chat?.properties,
        thread_properties: input.chat?.thread?.properties,
        events: initial,
        active: input.active ?? true,
        continuous: input.continuous ?? false,
        ...(origin.clientId && { client_id: origin.clientId }),
      },
      origin,
      check,
    );
    await this.eventsCommitted(organizationId, initial);
    return { chat_id: chatId, thread_id: threadId, ...(initial.length > 0 && { event_ids: userEventIds(events) }) };
  }

  async resume(
    organizationId: string,
    requester: UserRef,
    input: ResumeChatInput,
    origin: CommandOrigin,
    authorize?: ChatAuthorization,
    properties?: PropertyRequester,
  ) {
    const threadId = newThreadId();
    const initial = await this.completeEvents(organizationId, input.chat.thread?.events ?? []);
    const check = withPropertyCheck(organizationId, properties, { chat: input.chat.properties, thread: input.chat.thread?.properties, events: initial }, authorize);
    const { events } = await this.chats.execute(
      organizationId,
      input.chat.id,
      {
        type: 'resume_chat',
        thread_id: threadId,
        requester,
        now: rfc3339(),
        users: input.chat.users ?? [],
        access: input.chat.access,
        properties: input.chat.properties,
        thread_properties: input.chat.thread?.properties,
        events: initial,
        active: input.active ?? true,
        continuous: input.continuous,
        ...(origin.clientId && { client_id: origin.clientId }),
      },
      origin,
      check,
    );
    await this.eventsCommitted(organizationId, initial);
    return { thread_id: threadId, ...(initial.length > 0 && { event_ids: userEventIds(events) }) };
  }

  async send(
    organizationId: string,
    requester: UserRef,
    input: { chat_id: string; event: NewChatEvent; attach_to_last_thread?: boolean },
    origin: CommandOrigin,
    authorize?: ChatAuthorization,
    properties?: PropertyRequester,
  ) {
    const [event] = await this.completeEvents(organizationId, [input.event]);
    const { events } = await this.chats.execute(
      organizationId,
      input.chat_id,
      { type: 'send_event', requester, now: rfc3339(), event, attach_to_last_thread: input.attach_to_last_thread },
      origin,
      withPropertyCheck(organizationId, properties, { events: [event] }, authorize),
    );
    await this.eventsCommitted(organizationId, [event]);
    return { event_id: (events[0] as Extract<ChatEvent, { type: 'event_added' }>).data.event.id };
  }

  async deactivate(
    organizationId: string,
    requester: UserRef,
    input: { id: string; ignore_requester_presence?: boolean },
    origin: CommandOrigin,
    authorize?: ChatAuthorization,
  ) {
    await this.chats.execute(
      organizationId,
      input.id,
      { type: 'deactivate_chat', requester, now: rfc3339(), ignore_requester_presence: input.ignore_requester_presence },
      origin,
      authorize,
    );
    return {};
  }
}
