import { ChatEvent, ChatState, evolve } from '@switchboard/chat/domain';
import { EventMessage, parseStreamId } from '@switchboard/event-store';
import { OccurrenceChat } from '@switchboard/webhooks/domain';
import { OccurrenceSources } from './occurrence-sources';

/** Chats whose state was last computed here, most recent last: the next event of a chat folds on from there. */
const CACHED_CHATS = 10_000;

/**
 * Chat states as of a version, kept by whoever turns a chat's events into
 * occurrences in order (the dispatcher records each stream's events in order):
 * the next event then costs a fold of the events since, not of the whole chat.
 */
export class ChatStateCache {
  private readonly states = new Map<string, { version: number; state: ChatState | undefined }>();

  get(streamId: string, atMost: number): { version: number; state: ChatState | undefined } | undefined {
    const cached = this.states.get(streamId);
    return cached && cached.version <= atMost ? cached : undefined;
  }

  set(streamId: string, version: number, state: ChatState | undefined): void {
    this.states.delete(streamId);
    this.states.set(streamId, { version, state });
    if (this.states.size > CACHED_CHATS) this.states.delete(this.states.keys().next().value as string);
  }
}

/**
 * The chat as of `version` of its stream: folded on from the last state
 * computed here when `message` is the next event (the usual case), else the
 * read model when it stands there, else folded on from the last state
 * computed here or from the stream's start — a dispatcher that lags sees a read model newer
 * than the event it delivers.
 */
export async function chatStateAt(message: EventMessage, sources: OccurrenceSources, version = message.stream_version): Promise<ChatState | undefined> {
  const organizationId = message.organization_id;
  const streamId = message.stream_id;
  const cached = sources.chatStates?.get(streamId, version);
  let state: ChatState | undefined;
  if (cached?.version === version) {
    state = cached.state;
  } else if (cached?.version === version - 1 && version === message.stream_version) {
    // The next event of a chat followed here: it is folded on, nothing read.
    state = evolve(cached.state, { type: message.type, data: message.data } as ChatEvent);
  } else {
    const record = cached ? undefined : await sources.readModels.chat(organizationId, parseStreamId(streamId).id);
    if (record?.version === version) {
      state = record.state;
    } else {
      const from = cached?.version ?? 0;
      const { events } = await sources.store.readStream(streamId, { organizationId, fromVersion: from + 1, maxCount: version - from });
      state = events.reduce<ChatState | undefined>((folded, e) => evolve(folded, { type: e.type, data: e.data } as ChatEvent), cached?.state);
    }
  }
  sources.chatStates?.set(streamId, version, state);
  return state;
}

/** A chat as it was when another stream's event (`message`) was committed: its stream folded up to there, in log order. */
export async function chatStateWhen(message: EventMessage, sources: OccurrenceSources, chatId: string): Promise<ChatState | undefined> {
  const { events } = await sources.store.readStream(`chat-${chatId}`, { organizationId: message.organization_id });
  const transactionId = BigInt(message.transaction_id);
  const position = BigInt(message.global_position);
  return events
    .filter((e) => e.transactionId < transactionId || (e.transactionId === transactionId && e.globalPosition < position))
    .reduce<ChatState | undefined>((state, e) => evolve(state, { type: e.type, data: e.data } as ChatEvent), undefined);
}

/**
 * The stream version where the command that started a thread ends: its
 * initial events follow `thread_started` in the same transaction, and
 * `incoming_chat` carries them (they cause no `incoming_event` of their own).
 */
export async function startedThreadEnd(message: EventMessage, sources: OccurrenceSources): Promise<number> {
  const organizationId = message.organization_id;
  const record = await sources.readModels.chat(organizationId, parseStreamId(message.stream_id).id);
  if (!record || record.version <= message.stream_version) return message.stream_version;
  const { events } = await sources.store.readStream(message.stream_id, {
    organizationId,
    fromVersion: message.stream_version + 1,
    maxCount: record.version - message.stream_version,
  });
  let end = message.stream_version;
  for (const event of events) {
    const sameCommand = event.transactionId.toString() === message.transaction_id && event.metadata['command'] === message.metadata['command'];
    if (!sameCommand || event.type !== 'event_added') break;
    end = event.streamVersion;
  }
  return end;
}

/** What filters and additional data read of a chat (webhooks.md §1, §3): who is present, their bots' applications, its properties. */
export async function occurrenceChat(sources: OccurrenceSources, organizationId: string, state: ChatState): Promise<OccurrenceChat> {
  const present = state.users.filter((u) => u.present);
  const agentIds = present.filter((u) => u.type === 'agent').map((u) => u.id);
  const owners = agentIds.length > 0 ? [...(await sources.readModels.botOwners(organizationId, agentIds)).values()] : [];
  const source = state.properties['source']?.['client_id'];
  return {
    id: state.id,
    presentUserIds: present.map((u) => u.id),
    presentBotOwners: [...new Set(owners)],
    ...(typeof source === 'string' && { sourceClientId: source }),
    properties: state.properties,
  };
}
