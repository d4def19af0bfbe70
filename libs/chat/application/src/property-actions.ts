import { ChatCommand, PropertyNames, Properties, UserRef } from '@switchboard/chat/domain';
import {
  checkPropertyDeletes,
  checkPropertyWrites,
  propertyCatalog,
  PropertyRequester,
  PropertyRuleError,
  PropertyValues,
} from '@switchboard/configuration/domain';
import { ApiError } from '@switchboard/protocol';
import { ChatRecord, ReadModels } from '@switchboard/read-models';
import { ChatAuthorization, ChatService, CommandOrigin } from './chat-service';
import { rfc3339 } from './ids';

/** Where a property lives: the chat, one of its threads, or one event of a thread. */
export type PropertyTarget =
  | { location: 'chat'; chat_id: string }
  | { location: 'thread'; chat_id: string; thread_id: string }
  | { location: 'event'; chat_id: string; thread_id: string; event_id: string };

/** Who acts: the chat user, and what the property rules know of them (role, application). */
export interface PropertyActor {
  user: UserRef;
  properties: PropertyRequester;
}

type Change = { kind: 'update'; properties: Properties } | { kind: 'delete'; properties: PropertyNames };

/** The six property methods, the same in both chat APIs. */
export const CHAT_PROPERTY_ACTIONS = [
  'update_chat_properties',
  'delete_chat_properties',
  'update_thread_properties',
  'delete_thread_properties',
  'update_event_properties',
  'delete_event_properties',
] as const;
export type ChatPropertyAction = (typeof CHAT_PROPERTY_ACTIONS)[number];

/** A property method's validated payload: the chat as `id` (chat methods) or `chat_id`. */
export interface ChatPropertyPayload {
  id?: string;
  chat_id?: string;
  thread_id?: string;
  event_id?: string;
  properties: Properties | PropertyNames;
}

/** What a property method's payload names, and whether it updates or deletes. */
export function propertyRequest(action: ChatPropertyAction, payload: ChatPropertyPayload): { target: PropertyTarget; change: Change } {
  const change = (action.startsWith('update_') ? { kind: 'update', properties: payload.properties } : { kind: 'delete', properties: payload.properties }) as Change;
  if (action.endsWith('_chat_properties')) return { target: { location: 'chat', chat_id: payload.id! }, change };
  if (action.endsWith('_thread_properties')) return { target: { location: 'thread', chat_id: payload.chat_id!, thread_id: payload.thread_id! }, change };
  return { target: { location: 'event', chat_id: payload.chat_id!, thread_id: payload.thread_id!, event_id: payload.event_id! }, change };
}

function commandFor(target: PropertyTarget, change: Change, user: UserRef): ChatCommand {
  const base = { requester: user, now: rfc3339() };
  switch (target.location) {
    case 'chat':
      return change.kind === 'update'
        ? { ...base, type: 'update_chat_properties', properties: change.properties }
        : { ...base, type: 'delete_chat_properties', properties: change.properties };
    case 'thread':
      return change.kind === 'update'
        ? { ...base, type: 'update_thread_properties', thread_id: target.thread_id, properties: change.properties }
        : { ...base, type: 'delete_thread_properties', thread_id: target.thread_id, properties: change.properties };
    case 'event': {
      const ids = { thread_id: target.thread_id, event_id: target.event_id };
      return change.kind === 'update'
        ? { ...base, type: 'update_event_properties', ...ids, properties: change.properties }
        : { ...base, type: 'delete_event_properties', ...ids, properties: change.properties };
    }
  }
}

/** Runs the property rules; their refusal is the API's error of the same type. */
function asApiError(check: () => void): void {
  try {
    check();
  } catch (error) {
    if (error instanceof PropertyRuleError) throw new ApiError(error.type, error.message);
    throw error;
  }
}

/**
 * A customer reaches only the events it can see: an agent-only event is as
 * unknown to it as one that does not exist.
 */
async function requireVisibleEvent(readModels: ReadModels, organizationId: string, target: PropertyTarget, actor: PropertyActor): Promise<void> {
  if (target.location !== 'event' || actor.user.type !== 'customer') return;
  const events = (await readModels.chatEvents(organizationId, target.chat_id, [target.thread_id])).get(target.thread_id) ?? [];
  const event = events.find((e) => e.id === target.event_id);
  if (event && event.visibility !== 'all') throw new ApiError('not_found', `Event ${target.event_id} not found in thread ${target.thread_id}`);
}

/**
 * `update_/delete_` `chat_/thread_/event_properties` and `tag_thread` /
 * `untag_thread` of both chat APIs. Under the chat's lock: access to the
 * chat, then every value against the organization's definitions (one set of
 * rules, ADR 0023), then the decision — a refusal changes nothing.
 */
export class ChatPropertyActions {
  constructor(private readonly chats: ChatService) {}

  /** Runs one of the six property methods of either API. */
  run(organizationId: string, actor: PropertyActor, action: ChatPropertyAction, payload: ChatPropertyPayload, origin: CommandOrigin, access: ChatAuthorization) {
    const { target, change } = propertyRequest(action, payload);
    return this.change(organizationId, actor, target, change, origin, access);
  }

  async tag(
    organizationId: string,
    user: UserRef,
    input: { chat_id: string; thread_id: string; tag: string },
    untag: boolean,
    origin: CommandOrigin,
    access: ChatAuthorization,
  ) {
    const command: ChatCommand = { type: untag ? 'untag_thread' : 'tag_thread', requester: user, now: rfc3339(), thread_id: input.thread_id, tag: input.tag };
    await this.chats.execute(organizationId, input.chat_id, command, origin, access);
    return {};
  }

  private async change(organizationId: string, actor: PropertyActor, target: PropertyTarget, change: Change, origin: CommandOrigin, access: ChatAuthorization) {
    const authorize = async (record: ChatRecord | undefined, readModels: ReadModels) => {
      await access(record, readModels);
      await requireVisibleEvent(readModels, organizationId, target, actor);
      const catalog = propertyCatalog(await readModels.properties.definitions(organizationId));
      asApiError(() => {
        if (change.kind === 'update') checkPropertyWrites(catalog, actor.properties, target.location, change.properties as PropertyValues);
        else checkPropertyDeletes(catalog, actor.properties, target.location, change.properties);
      });
    };
    await this.chats.execute(organizationId, target.chat_id, commandFor(target, change, actor.user), origin, authorize);
    return {};
  }
}

/** Properties a request creates along with a chat, its new thread or its events. */
export interface NewProperties {
  chat?: Properties;
  thread?: Properties;
  events?: ReadonlyArray<{ properties?: Properties }>;
}

/**
 * `start_chat`, `resume_chat` and `send_event` set properties too: they pass
 * the same rules as the property methods (ADR 0027), checked with `access`
 * under the chat's lock. Without a `requester` (the router, system messages)
 * nothing is checked; without properties the definitions are not read.
 */
export function withPropertyCheck(organizationId: string, requester: PropertyRequester | undefined, values: NewProperties, access?: ChatAuthorization): ChatAuthorization | undefined {
  const writes: Array<['chat' | 'thread' | 'event', Properties]> = [];
  if (values.chat && Object.keys(values.chat).length > 0) writes.push(['chat', values.chat]);
  if (values.thread && Object.keys(values.thread).length > 0) writes.push(['thread', values.thread]);
  for (const event of values.events ?? []) if (event.properties && Object.keys(event.properties).length > 0) writes.push(['event', event.properties]);
  if (!requester || writes.length === 0) return access;
  return async (record, readModels) => {
    await access?.(record, readModels);
    const catalog = propertyCatalog(await readModels.properties.definitions(organizationId));
    asApiError(() => {
      for (const [location, properties] of writes) checkPropertyWrites(catalog, requester, location, properties as PropertyValues);
    });
  };
}
