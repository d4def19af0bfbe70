import { useEffect, useRef } from 'preact/hooks';
import { agentPresent, ChatView, isActive, latestThread, Queue } from '../chat-state';
import { GroupStatus } from '../widget-configuration';
import { MessageItem } from './MessageItem';

interface Props {
  chat: ChatView | undefined;
  customerId: string | undefined;
  groupStatus: GroupStatus | undefined;
  typing: string | undefined;
  busy: boolean;
  onStartNewChat: () => void;
}

/**
 * The chat's history (a live region: screen readers read what arrives), then
 * where the chat stands: waiting in the queue, waiting for an agent, ended.
 */
export function Conversation({ chat, customerId, groupStatus, typing, busy, onStartNewChat }: Props) {
  const scroller = useRef<HTMLElement>(null);
  const events = chat?.threads.flatMap((t) => t.events) ?? [];
  const thread = latestThread(chat);

  // Keep the newest message in view.
  useEffect(() => {
    scroller.current?.scrollTo({ top: scroller.current.scrollHeight });
  }, [events.length, typing, thread?.active]);

  return (
    <section class="conversation" ref={scroller}>
      {!chat && <p class="welcome">Hi! Ask us anything — an agent will answer here in a moment.</p>}
      <div role="log" aria-live="polite" aria-label="Messages">
        <ol class="messages">{chat && events.map((event) => <MessageItem key={event.id} event={event} chat={chat} customerId={customerId} />)}</ol>
      </div>
      {chat && thread?.active && !agentPresent(chat) && (
        <p class="notice" role="status">
          {groupStatus === 'offline'
            ? // Queued too, but a wait estimate means nothing while nobody is there.
              "We're offline right now. Your message waits for the next agent, who will answer here."
            : thread.queue
              ? queueText(thread.queue)
              : 'Connecting you with an agent…'}
        </p>
      )}
      {typing && <p class="typing">{typing} is typing…</p>}
      {chat && !isActive(chat) && (
        <div class="ended" role="status">
          <p>The chat has ended.</p>
          <button type="button" class="secondary" disabled={busy} onClick={onStartNewChat}>
            Start a new chat
          </button>
        </div>
      )}
    </section>
  );
}

function queueText(queue: Queue): string {
  const minutes = Math.round(queue.wait_time / 60);
  const wait = minutes < 1 ? 'less than a minute' : minutes === 1 ? 'about a minute' : `about ${minutes} minutes`;
  return `You're number ${queue.position} in the queue. Expected wait: ${wait}.`;
}
