import { ChatRuleError, LiveSignalTarget, sneakPeekTarget, typingIndicatorTarget, Visibility } from '@switchboard/chat/domain';
import { ApiError } from '@switchboard/protocol';
import { ReadModels } from '@switchboard/read-models';
import { ChatQueries, Reader } from './chat-queries';

/** One push of a live signal, for the users of one API (or every agent of the organization holding `scope`). */
export interface LivePush {
  api: 'agent' | 'customer';
  action: string;
  payload: unknown;
  userIds?: string[];
  allAgents?: boolean;
  scope?: string;
}

/** What a live signal is, and who hears it. Never stored: the caller relays it to the organization's gateways. */
export interface LiveSignal {
  /** Signals with the same key may be thinned out to the latest one (typing is sent on every keystroke). */
  throttleKey?: string;
  pushes: LivePush[];
}

export interface MulticastInput {
  recipients: { agents?: { all?: boolean; ids?: string[]; groups?: number[] }; customers?: { ids?: string[] } };
  content: unknown;
  type?: string;
}

/** Unix seconds, as typing indicators and sneak peeks carry them. */
const unixSeconds = () => Math.floor(Date.now() / 1000);

function ruled<T>(decide: () => T): T {
  try {
    return decide();
  } catch (error) {
    if (error instanceof ChatRuleError) throw new ApiError(error.type, error.message);
    throw error;
  }
}

function toAgents(target: LiveSignalTarget, action: string, payload: unknown): LivePush[] {
  return target.agent_ids.length > 0 ? [{ api: 'agent', action, payload, userIds: target.agent_ids }] : [];
}

/**
 * The live signals of a chat (typing indicators, sneak peeks) and multicast:
 * checked against the chat like any chat method, then planned as pushes for
 * the gateways to deliver at once.
 */
export class LiveSignals {
  constructor(
    private readonly queries: ChatQueries,
    private readonly readModels: ReadModels,
  ) {}

  async typingIndicator(
    organizationId: string,
    reader: Reader,
    input: { chat_id: string; is_typing: boolean; visibility: Visibility },
  ): Promise<LiveSignal> {
    const { state } = await this.queries.readable(organizationId, input.chat_id, reader);
    const target = ruled(() => typingIndicatorTarget(state, { id: reader.id, type: reader.type }, input.visibility));
    const indicator = { author_id: reader.id, timestamp: unixSeconds(), is_typing: input.is_typing };
    const base = { chat_id: state.id, thread_id: target.thread_id };
    const pushes = toAgents(target, 'incoming_typing_indicator', { ...base, typing_indicator: { ...indicator, visibility: input.visibility } });
    if (target.customer_id) {
      // The customer view keeps the older `recipients` key.
      const payload = { ...base, typing_indicator: { author_id: reader.id, recipients: input.visibility, timestamp: indicator.timestamp, is_typing: input.is_typing } };
      pushes.push({ api: 'customer', action: 'incoming_typing_indicator', payload, userIds: [target.customer_id] });
    }
    return { throttleKey: `typing:${state.id}:${reader.id}:${input.visibility}`, pushes };
  }

  async sneakPeek(organizationId: string, reader: Reader, input: { chat_id: string; sneak_peek_text: string }): Promise<LiveSignal> {
    const { state } = await this.queries.readable(organizationId, input.chat_id, reader);
    const target = ruled(() => sneakPeekTarget(state, reader));
    const payload = {
      chat_id: state.id,
      thread_id: target.thread_id,
      sneak_peek: { author_id: reader.id, text: input.sneak_peek_text, timestamp: unixSeconds() },
    };
    return { throttleKey: `sneak_peek:${state.id}:${reader.id}`, pushes: toAgents(target, 'incoming_sneak_peek', payload) };
  }

  /**
   * `multicast` to agents of the requester's organization: all of them, some
   * by id, the members of some groups (and, for older clients, customers by
   * id). Ids of other organizations' users reach nobody.
   */
  async multicast(organizationId: string, authorId: string, input: MulticastInput): Promise<LiveSignal> {
    const { agents, customers } = input.recipients;
    const payload = { author_id: authorId, content: input.content, ...(input.type !== undefined && { type: input.type }) };
    const pushes: LivePush[] = [];
    const scope = 'multicast:ro';
    if (agents?.all) pushes.push({ api: 'agent', action: 'incoming_multicast', payload, allAgents: true, scope });
    else {
      const members = agents?.groups?.length ? await this.readModels.agents(organizationId, { groupIds: agents.groups }) : [];
      const ids = [...new Set([...(agents?.ids ?? []), ...members.map((a) => a.profile.id)])];
      if (ids.length > 0) pushes.push({ api: 'agent', action: 'incoming_multicast', payload, userIds: ids, scope });
    }
    if (customers?.ids?.length) {
      pushes.push({ api: 'customer', action: 'incoming_multicast', payload: { author_id: authorId, content: input.content }, userIds: customers.ids });
    }
    return { pushes };
  }
}
