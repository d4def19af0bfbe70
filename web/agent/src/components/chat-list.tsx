/** The chats the agent can see: their own, the queue, and other active chats, with unread counts and live previews. */
import { useAgent } from '../context';
import { ChatEntry, ChatsState, customerOf, displayName, Section, sectionOf, unreadCount } from '../chats/state';
import { isAfter, shortTime } from '../chats/time';
import type { ChatEvent } from '../chats/types';

interface Props {
  chats: ChatsState;
  openId: string | undefined;
  /** The open chat while the agent looks at it: being read, so no unread badge. */
  reading: string | undefined;
  onOpen: (chatId: string) => void;
}

const TITLES: Record<Section, string> = { mine: 'My chats', queue: 'Queue', others: 'Other chats' };
const EMPTY: Record<Section, string> = {
  mine: 'No chats yet. Switch on “Accepting chats” to be given some.',
  queue: 'Nobody is waiting.',
  others: 'No other active chats.',
};

export function ChatList({ chats, openId, reading, onOpen }: Props) {
  const { me } = useAgent();
  const sections: Record<Section, ChatEntry[]> = { mine: [], queue: [], others: [] };
  for (const entry of Object.values(chats)) {
    const section = sectionOf(entry, me.id);
    if (section) sections[section].push(entry);
  }
  sections.queue.sort((a, b) => (a.queue?.position ?? 0) - (b.queue?.position ?? 0));
  for (const list of [sections.mine, sections.others]) list.sort((a, b) => (isAfter(activity(a), activity(b)) ? -1 : 1));
  return (
    <nav class="chat-list" aria-label="Chat list">
      {(Object.keys(sections) as Section[]).map((section) => (
        <section key={section} aria-labelledby={`section-${section}`} class={`chat-section ${section}`}>
          <h2 id={`section-${section}`}>
            {TITLES[section]} <span class="count">({sections[section].length})</span>
          </h2>
          {sections[section].length === 0 ? (
            <p class="muted empty">{EMPTY[section]}</p>
          ) : (
            <ul>
              {sections[section].map((entry) => (
                <li key={entry.id}>
                  <ChatItem entry={entry} open={entry.id === openId} unread={entry.id === reading ? 0 : unreadCount(entry, me.id)} onOpen={() => onOpen(entry.id)} />
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </nav>
  );
}

function ChatItem({ entry, open, unread, onOpen }: { entry: ChatEntry; open: boolean; unread: number; onOpen: () => void }) {
  const customer = customerOf(entry);
  return (
    <button type="button" class={`chat-item ${unread ? 'has-unread' : ''}`} data-chat-id={entry.id} aria-current={open ? 'true' : undefined} onClick={onOpen}>
      <span class="chat-item-top">
        <strong class="name">{displayName(customer)}</strong>
        {entry.preview && <span class="time muted">{shortTime(entry.preview.created_at)}</span>}
      </span>
      <span class="chat-item-bottom">
        <span class="preview">{entry.typing ? <em>typing…</em> : previewText(entry.preview)}</span>
        {entry.queue && (
          <span class="queue-position">
            #{entry.queue.position} · ~{Math.max(1, Math.round(entry.queue.wait_time / 60))} min
          </span>
        )}
        {unread > 0 && <span class="badge unread">{unread} unread</span>}
      </span>
    </button>
  );
}

function previewText(event: ChatEvent | undefined): string {
  if (!event) return '';
  if (event.type === 'file') return `File: ${event.name ?? 'attachment'}`;
  if (event.type === 'filled_form') return 'Filled in a form';
  if (event.type === 'rich_message') return event.elements?.[0]?.title ?? 'Rich message';
  return event.text ?? '';
}

function activity(entry: ChatEntry): string | undefined {
  return entry.preview?.created_at ?? entry.queue?.queued_at;
}
