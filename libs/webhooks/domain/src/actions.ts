/**
 * The 36 webhook actions of v3.4 (webhooks.md §4), with the filters and the
 * additional data each supports — what `list_webhook_names` answers and what
 * `register_webhook` checks.
 */
export type WebhookFilterName = 'author_type' | 'only_my_chats' | 'chat_presence' | 'source_type' | 'agent_ids';
export type AdditionalDataName = 'chat_properties' | 'chat_presence_user_ids';

export interface WebhookActionSpec {
  action: string;
  filters: readonly WebhookFilterName[];
  additional_data: readonly AdditionalDataName[];
}

const CHAT_DATA: readonly AdditionalDataName[] = ['chat_properties', 'chat_presence_user_ids'];
const CHAT = (...extra: WebhookFilterName[]): WebhookActionSpec['filters'] => ['chat_presence', ...extra, 'only_my_chats', 'source_type'];
const chat = (action: string, ...extra: WebhookFilterName[]): WebhookActionSpec => ({ action, filters: CHAT(...extra), additional_data: CHAT_DATA });
const configuration = (action: string): WebhookActionSpec => ({ action, filters: ['source_type'], additional_data: [] });

export const WEBHOOK_ACTIONS: readonly WebhookActionSpec[] = [
  chat('incoming_chat'),
  chat('chat_deactivated'),
  chat('chat_access_updated'),
  chat('chat_transferred'),
  chat('user_added_to_chat'),
  chat('user_removed_from_chat'),
  chat('incoming_event', 'author_type'),
  chat('event_updated', 'author_type'),
  chat('incoming_rich_message_postback'),
  chat('chat_properties_updated'),
  chat('chat_properties_deleted'),
  chat('thread_properties_updated'),
  chat('thread_properties_deleted'),
  chat('event_properties_updated'),
  chat('event_properties_deleted'),
  chat('thread_tagged'),
  chat('thread_untagged'),
  { action: 'routing_status_set', filters: ['agent_ids', 'source_type'], additional_data: [] },
  { action: 'incoming_customer', filters: ['source_type'], additional_data: [] },
  { action: 'customer_session_fields_updated', filters: ['chat_presence', 'source_type'], additional_data: CHAT_DATA },
  configuration('agent_created'),
  configuration('agent_approved'),
  configuration('agent_updated'),
  configuration('agent_suspended'),
  configuration('agent_unsuspended'),
  configuration('agent_deleted'),
  configuration('auto_access_added'),
  configuration('auto_access_updated'),
  configuration('auto_access_deleted'),
  configuration('bot_created'),
  configuration('bot_updated'),
  configuration('bot_deleted'),
  configuration('group_created'),
  configuration('group_updated'),
  configuration('group_deleted'),
  chat('events_marked_as_seen'),
];

export type WebhookActionName = string;

const BY_NAME = new Map(WEBHOOK_ACTIONS.map((spec) => [spec.action, spec]));

/** Register Webhook's table calls `auto_access_added` `auto_access_created`; both are accepted, `auto_access_added` is delivered. */
const ALIASES: Readonly<Record<string, string>> = { auto_access_created: 'auto_access_added' };

/** The action a registration names, under its delivered name; undefined when there is no such action. */
export function webhookAction(name: string): WebhookActionSpec | undefined {
  return BY_NAME.get(ALIASES[name] ?? name);
}

/** Actions about a chat: they carry a chat and can have `chat_properties` / `chat_presence_user_ids`. */
export function isChatAction(action: string): boolean {
  return (webhookAction(action)?.additional_data.length ?? 0) > 0;
}
