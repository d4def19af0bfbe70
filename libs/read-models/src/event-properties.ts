import { ChatEvent, ChatEventRecord, mergeProperties, withoutProperties } from '@switchboard/chat/domain';
import type { LastEventPerType } from './chat.projection';

/** The facts that change an event's properties after it was added (ADR 0027). */
export const EVENT_PROPERTY_FACTS = ['event_properties_updated', 'event_properties_deleted'] as const;

type EventPropertyFact = Extract<ChatEvent, { type: (typeof EVENT_PROPERTY_FACTS)[number] }>;

const isEventPropertyFact = (event: { type: string }): event is EventPropertyFact =>
  (EVENT_PROPERTY_FACTS as readonly string[]).includes(event.type);

/** `event` with the fact's change, or `event` itself when the fact is about another one. */
export function withEventProperties<T extends ChatEventRecord>(event: T, fact: EventPropertyFact): T {
  if (event.id !== fact.data.event_id) return event;
  const properties =
    fact.type === 'event_properties_updated'
      ? mergeProperties(event.properties ?? {}, fact.data.properties)
      : withoutProperties(event.properties ?? {}, fact.data.properties);
  return { ...event, properties };
}

/** Applies a property fact to the thread's events read so far (events come before the facts about them). */
export function applyToEvents(events: ChatEventRecord[], fact: { type: string; data: unknown }): void {
  if (!isEventPropertyFact(fact as ChatEvent)) return;
  const typed = fact as EventPropertyFact;
  const index = events.findIndex((e) => e.id === typed.data.event_id);
  if (index >= 0) events[index] = withEventProperties(events[index], typed);
}

/** Keeps the summaries' last events in step with their properties. */
export function applyToLastEvents(map: LastEventPerType, event: ChatEvent): LastEventPerType {
  if (!isEventPropertyFact(event)) return map;
  return Object.fromEntries(
    Object.entries(map).map(([type, entry]) => [type, { ...entry, event: withEventProperties(entry.event as ChatEventRecord, event) }]),
  );
}
