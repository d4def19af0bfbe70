/** A thread's events, oldest first; the live one is a log that screen readers announce and that follows new events. */
import { useEffect, useRef } from 'preact/hooks';
import { useAgent } from '../context';
import type { ChatEvent, User } from '../chats/types';
import { EventItem } from './event-item';

interface Props {
  events: ChatEvent[];
  users: User[];
  /** The open chat's active history (not an archived transcript). */
  live?: boolean;
  label?: string;
}

export function Transcript({ events, users, live, label = 'Messages' }: Props) {
  const { me } = useAgent();
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    if (live) list.current?.lastElementChild?.scrollIntoView({ block: 'end' });
  }, [live, events.length]);
  return (
    <div role={live ? 'log' : 'group'} aria-live={live ? 'polite' : undefined} aria-label={label}>
      <ol class="transcript" ref={list}>
        {events.length === 0 && <li class="muted">No messages.</li>}
        {events.map((event) => (
          <EventItem key={event.id} event={event} author={users.find((user) => user.id === event.author_id)} mine={event.author_id === me.id} />
        ))}
      </ol>
    </div>
  );
}
