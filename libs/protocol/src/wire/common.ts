/**
 * Small structures shared by chats, threads, events and users (data-structures
 * §4, §6, §10). Wire names are snake_case exactly as on the wire; optional
 * fields are omitted when unset, never `null`.
 */

/** RFC 3339 date-time, microsecond precision, UTC (`2019-12-17T07:57:41.512000Z`). */
export type DateTime = string;

/** A property value: `int`, `bool`, `string` or `tokenized_string`. */
export type PropertyValue = string | number | boolean;

/** `{ "<namespace>": { "<property_name>": value } }` — namespace is the owning app's Client ID. */
export type Properties = Record<string, Record<string, PropertyValue>>;

/** Which groups may see a chat or thread; group 0 means every agent. */
export interface Access {
  group_ids: number[];
}

/** Who sees an event: everyone, or agents only (a "whisper"). */
export type Visibility = 'all' | 'agents';

/** Kind of chat user; bots appear as `agent`. */
export type UserType = 'agent' | 'customer';

/** Routing status of an agent or bot (`offline` can be set for bots only). */
export type RoutingStatus = 'accepting_chats' | 'not_accepting_chats' | 'offline';

/** Queue state of a thread waiting for an agent. */
export interface Queue {
  position: number;
  /** Approximate wait in seconds. */
  wait_time: number;
  queued_at: DateTime;
}
