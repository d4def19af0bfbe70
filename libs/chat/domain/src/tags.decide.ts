import { ChatRuleError } from './chat.errors';
import { ChatState, UserRef } from './chat.types';
import { requireThread } from './properties.decide';

/** Thread tags (agent-chat-api §6, data-structures §7): case-sensitive strings on any thread of the chat. */
export type TagCommand = {
  type: 'tag_thread' | 'untag_thread';
  requester: UserRef;
  now: string;
  thread_id: string;
  tag: string;
};

export type TagEvent =
  | { type: 'thread_tagged'; data: { thread_id: string; tag: string; requester_id: string } }
  | { type: 'thread_untagged'; data: { thread_id: string; tag: string; requester_id: string } };

export const TAG_EVENT_TYPES: TagEvent['type'][] = ['thread_tagged', 'thread_untagged'];

/**
 * Tagging a thread that has the tag, or untagging one that has not, records
 * nothing new but is no error either: the thread ends up as asked (ADR 0027).
 */
export function decideTags(state: ChatState, command: TagCommand): TagEvent[] {
  if (command.tag.length === 0) throw new ChatRuleError('validation', 'tag: must not be empty');
  const tags = requireThread(state, command.thread_id).tags ?? [];
  const data = { thread_id: command.thread_id, tag: command.tag, requester_id: command.requester.id };
  if (command.type === 'tag_thread') return tags.includes(command.tag) ? [] : [{ type: 'thread_tagged', data }];
  return tags.includes(command.tag) ? [{ type: 'thread_untagged', data }] : [];
}

export function evolveTags(state: ChatState, event: TagEvent): ChatState {
  const { thread_id, tag } = event.data;
  return {
    ...state,
    threads: state.threads.map((t) => {
      if (t.id !== thread_id) return t;
      const tags = (t.tags ?? []).filter((existing) => existing !== tag);
      return { ...t, tags: event.type === 'thread_tagged' ? [...tags, tag] : tags };
    }),
  };
}
