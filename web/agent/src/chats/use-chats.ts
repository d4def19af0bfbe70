/**
 * Keeps the chats state in step with Switchboard: the whole list again after
 * every (re)login (`generation` changes), then the pushes one by one. A push
 * about a chat the app does not know yet (a queued chat, a chat someone
 * else added the agent to) loads that chat with `get_chat`. Chats the agent
 * sees but is not in (the queue, other agents' chats) are followed
 * (`follow_chat`): pushes go to members and followers only, and without them
 * such a chat would stay listed after someone took or closed it.
 */
import { RtmError } from '@web/shared';
import { useCallback, useEffect, useReducer, useRef, useState } from 'preact/hooks';
import type { RtmFrame } from '@web/shared';
import type { AgentClient } from '../client';
import { ChatsAction, chatsReducer, ChatsState, sectionOf } from './state';
import type { Chat, ChatEvent, ChatSummary, Queue, User } from './types';

/** A sneak peek or typing indicator nobody renewed for this long is over. */
const TYPING_STALE_MS = 8000;
/** list_chats pages the app reads (100 chats each). */
const MAX_PAGES = 5;

export interface ChatsStore {
  chats: ChatsState;
  /** Loads (or reloads) one chat's latest thread into the state. */
  loadChat: (chatId: string) => Promise<void>;
  /** Tells Switchboard (and the state) that the agent has seen everything up to `upTo`. */
  markSeen: (chatId: string, upTo: string) => Promise<void>;
  /** Counts the lists read (one per login): the open chat reloads after each, so that the list cannot overwrite it. */
  synced: number;
}

export function useChats(client: AgentClient, me: string | undefined, generation: number): ChatsStore {
  const [chats, dispatch] = useReducer(chatsReducer, {});
  const [synced, setSynced] = useState(0);
  const known = useRef(chats);
  known.current = chats;

  /** A chat the agent may no longer see (an error other than a lost connection) leaves the list. */
  const dropIfGone = useCallback((chatId: string) => (error: unknown) => {
    if (error instanceof RtmError && error.type !== 'network') dispatch({ type: 'deleted', chatId });
  }, []);

  const loadChat = useCallback(
    async (chatId: string) => dispatch({ type: 'chat', chat: await client.request<Chat>('get_chat', { chat_id: chatId }) }),
    [client],
  );

  /** Follows a chat the agent is not in. */
  const follow = useCallback(
    (chatId: string) => client.request('follow_chat', { id: chatId }).then(() => undefined, dropIfGone(chatId)),
    [client, dropIfGone],
  );

  const markSeen = useCallback(
    async (chatId: string, upTo: string) => {
      await client.request('mark_events_as_seen', { chat_id: chatId, seen_up_to: upTo });
      if (me) dispatch({ type: 'seen', chatId, userId: me, seenUpTo: upTo });
    },
    [client, me],
  );

  useEffect(() => {
    if (!me || generation === 0) return;
    let current = true;
    void (async () => {
      const summaries: ChatSummary[] = [];
      let pageId: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const answer = await client.request<{ chats_summary: ChatSummary[]; next_page_id?: string }>('list_chats', pageId ? { page_id: pageId } : { limit: 100 });
        summaries.push(...answer.chats_summary);
        pageId = answer.next_page_id;
        if (!pageId) break;
      }
      if (!current) return;
      const listedIds = new Set(summaries.map((summary) => summary.id));
      const unlisted = Object.values(known.current).filter((entry) => entry.active && !listedIds.has(entry.id));
      const listed: ChatsAction = { type: 'listed', summaries, me };
      dispatch(listed);
      setSynced((count) => count + 1);
      // Kept by the reducer (a push may have brought them while the list was read): still there?
      for (const entry of unlisted) if (current) await loadChat(entry.id).catch(dropIfGone(entry.id));
      // Exact unread counts need the events: only for chats the summary says have something new, one at a time (RTM allows 10 pending requests).
      const entries = Object.values(chatsReducer({}, listed));
      for (const entry of entries) if (current && entry.active && entry.summaryUnread > 0) await loadChat(entry.id);
      for (const entry of entries) if (current && sectionOf(entry, me) !== 'mine' && entry.active) await follow(entry.id);
    })().catch(() => undefined); // a dropped connection: the next login lists again
    return () => {
      current = false;
    };
  }, [client, me, generation, loadChat, follow, dropIfGone]);

  useEffect(() => {
    const stale = new Map<string, ReturnType<typeof setTimeout>>();
    const loadUnknown = (chatId: string, andFollow = false) => {
      if (!known.current[chatId]) void loadChat(chatId).then(() => (andFollow ? follow(chatId) : undefined), () => undefined);
    };
    const typing = (chatId: string, authorId: string, text?: string) => {
      const at = Date.now();
      dispatch({ type: 'typing', chatId, typing: { authorId, text, at } });
      clearTimeout(stale.get(chatId));
      stale.set(chatId, setTimeout(() => dispatch({ type: 'typing-stale', chatId, at }), TYPING_STALE_MS));
    };
    const unsubscribe = client.subscribe((frame: RtmFrame) => {
      const action = toAction(frame);
      if (action) dispatch(action);
      const payload = frame.payload as Record<string, never>;
      switch (frame.action) {
        case 'incoming_event':
        case 'user_added_to_chat':
          loadUnknown(payload.chat_id);
          break;
        case 'queue_positions_updated':
          for (const position of frame.payload as unknown as Array<{ chat_id: string }>) loadUnknown(position.chat_id, true);
          break;
        case 'user_removed_from_chat':
          if (payload.user_id === me) void follow(payload.chat_id);
          break;
        case 'incoming_sneak_peek': {
          const peek = payload.sneak_peek as { author_id: string; text: string };
          if (peek.text) typing(payload.chat_id, peek.author_id, peek.text);
          else dispatch({ type: 'typing', chatId: payload.chat_id, typing: undefined });
          break;
        }
        case 'incoming_typing_indicator': {
          const indicator = payload.typing_indicator as { author_id: string; is_typing: boolean };
          if (indicator.author_id === me) break;
          if (indicator.is_typing) typing(payload.chat_id, indicator.author_id);
          else dispatch({ type: 'typing', chatId: payload.chat_id, typing: undefined });
          break;
        }
      }
    });
    return () => {
      unsubscribe();
      for (const timer of stale.values()) clearTimeout(timer);
    };
  }, [client, me, loadChat, follow]);

  return { chats, loadChat, markSeen, synced };
}

/** The state change a push means, if any. */
function toAction(frame: RtmFrame): ChatsAction | undefined {
  const p = frame.payload as Record<string, never>;
  switch (frame.action) {
    case 'incoming_chat':
      return { type: 'chat', chat: p.chat as Chat };
    case 'incoming_event':
    case 'event_updated':
      return { type: 'event', chatId: p.chat_id, threadId: p.thread_id, event: p.event as ChatEvent, updated: frame.action === 'event_updated' };
    case 'chat_deactivated':
      return { type: 'deactivated', chatId: p.chat_id, threadId: p.thread_id };
    case 'chat_deleted':
      return { type: 'deleted', chatId: p.chat_id };
    case 'user_added_to_chat':
      return { type: 'user-added', chatId: p.chat_id, user: p.user as User };
    case 'user_removed_from_chat':
      return { type: 'user-removed', chatId: p.chat_id, userId: p.user_id };
    case 'events_marked_as_seen':
      return { type: 'seen', chatId: p.chat_id, userId: p.user_id, seenUpTo: p.seen_up_to };
    case 'thread_tagged':
    case 'thread_untagged':
      return { type: 'tagged', chatId: p.chat_id, threadId: p.thread_id, tag: p.tag, tagged: frame.action === 'thread_tagged' };
    case 'queue_positions_updated':
      return { type: 'queue', positions: frame.payload as unknown as Array<{ chat_id: string; thread_id: string; queue: Queue }> };
    case 'chat_transferred':
      return { type: 'transferred', chatId: p.chat_id, queue: p.queue };
    case 'chat_access_updated':
      return { type: 'access', chatId: p.id, access: p.access };
    case 'customer_updated':
      return { type: 'customer-updated', customer: frame.payload as unknown as User };
    default:
      return undefined;
  }
}
