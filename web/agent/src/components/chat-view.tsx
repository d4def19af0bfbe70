/**
 * One chat: its history (earlier threads on demand), what the customer is
 * typing, the composer and the chat's actions, with the customer's details
 * beside it. Reloaded after every reconnection; marked as seen while shown.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { errorText, useAgent } from '../context';
import { customerOf, displayName, unreadCount } from '../chats/state';
import type { ChatsStore } from '../chats/use-chats';
import { Transcript } from './transcript';
import { EarlierThreads } from './earlier-threads';
import { TypingLine } from './typing-line';
import { Composer } from './composer';
import { ChatActions } from './chat-actions';
import { CustomerPanel } from './customer-panel';

interface Props {
  chatId: string;
  store: ChatsStore;
  /** The agent is looking at it (the page is visible): what arrives is seen. */
  reading: boolean;
  onBack: () => void;
}

export function ChatView({ chatId, store, reading, onBack }: Props) {
  const { client, me } = useAgent();
  const entry = store.chats[chatId];
  const [problem, setProblem] = useState<string>();
  const [detailsOpen, setDetailsOpen] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    store.loadChat(chatId).then(
      () => setProblem(undefined),
      (error) => setProblem(errorText(error)),
    );
  }, [chatId, store.synced]);

  useEffect(() => heading.current?.focus(), [chatId]);

  const unread = entry ? unreadCount(entry, me.id) : 0;
  const lastEventAt = entry?.events?.at(-1)?.created_at;
  useEffect(() => {
    if (unread > 0 && lastEventAt && reading) store.markSeen(chatId, lastEventAt).catch(() => undefined);
  }, [chatId, unread, lastEventAt, reading]);

  const customer = entry && customerOf(entry);
  const mine = !!entry?.users.some((user) => user.id === me.id && user.present);
  const join = async () => {
    try {
      await client.request('add_user_to_chat', { chat_id: chatId, user_id: me.id, user_type: 'agent', visibility: 'all', ignore_requester_presence: true });
    } catch (error) {
      setProblem(errorText(error));
    }
  };

  return (
    <>
      <section class="chat-view" aria-labelledby="chat-title">
        <header class="chat-head">
          <button type="button" class="secondary back" onClick={onBack} aria-label="Back to chats">
            <span aria-hidden="true">←</span> Chats
          </button>
          <div class="chat-title">
            <h2 id="chat-title" tabIndex={-1} ref={heading}>
              {displayName(customer)}
            </h2>
            <p class="muted chat-state">
              {entry ? stateText(entry.active, mine, entry.queue?.position) : 'Loading…'}
              {entry?.tags.length ? ` · Tags: ${entry.tags.join(', ')}` : ''}
            </p>
          </div>
          <button type="button" class="secondary details-toggle" aria-expanded={detailsOpen} aria-controls="customer-details" onClick={() => setDetailsOpen(!detailsOpen)}>
            Customer details
          </button>
        </header>
        {problem && (
          <p role="alert" class="error">
            {problem}
          </p>
        )}
        {entry?.active && mine && <ChatActions entry={entry} />}
        {entry?.active && !mine && (
          <p class="notice">
            You are not in this chat.{' '}
            <button type="button" onClick={() => void join()}>
              Join the chat
            </button>
          </p>
        )}
        <div class="history">
          {entry?.previousThreadId && <EarlierThreads chatId={chatId} before={entry.threadId!} users={entry.users} />}
          {entry?.events && <Transcript events={entry.events} users={entry.users} live />}
        </div>
        {entry?.active && <TypingLine typing={entry.typing} users={entry.users} />}
        {entry?.active && mine && <Composer chatId={chatId} />}
        {entry && !entry.active && <p class="notice">This chat is closed.</p>}
      </section>
      {customer && <CustomerPanel customerId={customer.id} open={detailsOpen} />}
    </>
  );
}

function stateText(active: boolean, mine: boolean, position: number | undefined): string {
  if (!active) return 'Closed';
  if (position) return `Waiting in the queue, position ${position}`;
  return mine ? 'Active' : 'Active, with another agent';
}
