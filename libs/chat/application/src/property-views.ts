import { Properties } from '@switchboard/chat/domain';
import { PropertyCatalog, propertyCatalog, PropertyLocation, PropertyRequester, PropertyValues, readableProperties } from '@switchboard/configuration/domain';
import { ReadModels } from '@switchboard/read-models';
import type { View } from './views';

type Json = Record<string, unknown>;

/**
 * Who reads when only the view is known (pushes go to users, not to an
 * application's connection): an agent sees what the agent role may read,
 * whatever its application; a customer what the customer role may (ADR 0027).
 */
export const roleReader = (view: View): PropertyRequester =>
  view === 'customer' ? { role: 'customer' } : { role: 'agent', owns: () => true, reachesOthers: true };

/**
 * What one reader may see of the chat, thread and event properties of a wire
 * shape: only registered properties whose definition lets it read them at
 * that location (data-structures §6, ADR 0023's `readableProperties`).
 */
export class VisibleProperties {
  constructor(
    private readonly catalog: PropertyCatalog,
    private readonly reader: PropertyRequester,
  ) {}

  static async load(readModels: ReadModels, organizationId: string, reader: PropertyRequester): Promise<VisibleProperties> {
    return new VisibleProperties(propertyCatalog(await readModels.properties.definitions(organizationId)), reader);
  }

  of(location: PropertyLocation, values: unknown): Properties {
    return readableProperties(this.catalog, this.reader, location, (values ?? {}) as PropertyValues);
  }

  /** Names of a deletion the reader may see: `{ns: [names]}`. */
  names(location: PropertyLocation, names: Record<string, string[]>): Record<string, string[]> {
    const asValues = Object.fromEntries(Object.entries(names).map(([ns, list]) => [ns, Object.fromEntries(list.map((n) => [n, true]))]));
    const readable = this.of(location, asValues);
    return Object.fromEntries(Object.entries(names).flatMap(([ns, list]) => {
      const kept = list.filter((n) => readable[ns] && n in readable[ns]);
      return kept.length > 0 ? [[ns, kept]] : [];
    }));
  }

  event<T extends Json | undefined>(event: T): T {
    if (!event || event.properties === undefined) return event;
    const properties = this.of('event', event.properties);
    const { properties: _all, ...rest } = event;
    return (Object.keys(properties).length > 0 ? { ...rest, properties } : rest) as T;
  }

  thread(thread: Json): Json {
    const wire: Json = { ...thread, properties: this.of('thread', thread.properties) };
    if (Array.isArray(thread.events)) wire.events = thread.events.map((e) => this.event(e as Json));
    return wire;
  }

  chat(chat: Json): Json {
    const wire: Json = { ...chat, properties: this.of('chat', chat.properties) };
    if (chat.thread) wire.thread = this.thread(chat.thread as Json);
    return wire;
  }

  summary(summary: Json): Json {
    const wire: Json = { ...summary, properties: this.of('chat', summary.properties) };
    const last = summary.last_thread_summary as Json | undefined;
    if (last) wire.last_thread_summary = { ...last, properties: this.of('thread', last.properties) };
    const lastEvents = summary.last_event_per_type as Record<string, Json> | undefined;
    if (lastEvents) {
      wire.last_event_per_type = Object.fromEntries(
        Object.entries(lastEvents).map(([type, entry]) => [type, { ...entry, event: this.event(entry.event as Json | undefined) }]),
      );
    }
    return wire;
  }
}

/** An event as a push shows it to `view`: only the properties that role may read (no lookup for an event without any). */
export async function eventForPush<T extends Json | undefined>(readModels: ReadModels, organizationId: string, event: T, view: View): Promise<T> {
  if (!event || event.properties === undefined) return event;
  return (await VisibleProperties.load(readModels, organizationId, roleReader(view))).event(event);
}
