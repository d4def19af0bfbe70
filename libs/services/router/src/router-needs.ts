import { EVENT_TYPE_HEADER } from '@switchboard/event-store';
import { QUEUE_EVENTS, SETTINGS_EVENTS } from './queue/queue-keeper';
import { DEPARTURES } from './reassignment/reassignment';
import { ROUTING_TRIGGERS } from './router';

/** Events the greeting trigger acts on (customer streams). */
const GREETING_TRIGGERS = new Set(['customer_page_viewed']);

/** What each part of the router process acts on, by stream type: routing, the queues, the reassignment of departed agents' chats. */
const NEEDED: ReadonlyArray<Readonly<Record<string, ReadonlySet<string>>>> = [
  ROUTING_TRIGGERS,
  { chat: QUEUE_EVENTS, widget: SETTINGS_EVENTS },
  { agent: DEPARTURES },
];

/** Whether a part of the router process acts on an event of this type and stream type. */
export function routerProcessNeeds(eventType: string, streamType: string): boolean {
  return NEEDED.some((triggers) => triggers[streamType]?.has(eventType) ?? false);
}

/**
 * Whether the router process (routing, queues, reassignment, the greeting
 * trigger) needs a stream entry, from its type header and its subject
 * (`<prefix>.<organization>.<stream type>.<id>`) alone: the payload of an
 * event nobody needs is never decoded, so unrelated traffic costs next to
 * nothing (ADR 0037). Entries published without the header are needed.
 */
export function routerNeedsEntry(entry: { headers: Record<string, string>; subject: string }): boolean {
  const type = entry.headers[EVENT_TYPE_HEADER];
  if (!type) return true;
  return GREETING_TRIGGERS.has(type) || routerProcessNeeds(type, entry.subject.split('.')[2] ?? '');
}
