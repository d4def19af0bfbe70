import { isChatAction } from './actions';
import { WebhookOccurrence } from './occurrence';
import { IdFilter, SourceType, WebhookRegistration } from './registration';

function idFilterPasses(filter: IdFilter | undefined, ids: readonly string[]): boolean {
  if (!filter) return true;
  if (filter.values) return filter.values.some((id) => ids.includes(id));
  if (filter.exclude_values) return !filter.exclude_values.some((id) => ids.includes(id));
  return true;
}

function sourceOf(registration: WebhookRegistration, occurrence: WebhookOccurrence): SourceType {
  if (occurrence.sourceClientId === null) return 'system';
  return occurrence.sourceClientId === registration.owner_client_id ? 'my_client' : 'other_clients';
}

/**
 * Whether a registration wants an occurrence of its action: every filter it
 * gives must pass (webhooks.md §3). The caller has checked that the
 * registration is active (license webhooks enabled, a bot not offline).
 */
export function matchesRegistration(registration: WebhookRegistration, occurrence: WebhookOccurrence): boolean {
  if (registration.action !== occurrence.action) return false;
  const filters = registration.filters;
  if (!filters) return true;
  if (filters.source_type && !filters.source_type.includes(sourceOf(registration, occurrence))) return false;
  if (filters.author_type && occurrence.authorType !== filters.author_type) return false;
  if (filters.agent_ids && !idFilterPasses(filters.agent_ids, occurrence.agentId ? [occurrence.agentId] : [])) return false;
  const chat = occurrence.chat;
  if (filters.only_my_chats && chat?.sourceClientId !== registration.owner_client_id) return false;
  if (filters.chat_presence) {
    if (!chat) return false;
    if (!idFilterPasses(filters.chat_presence.user_ids, chat.presentUserIds)) return false;
    if (filters.chat_presence.my_bots && !chat.presentBotOwners.includes(registration.owner_client_id)) return false;
  }
  return true;
}

/** The body POSTed to a registration's URL (webhooks.md §1). */
export interface WebhookEnvelopeParts {
  webhook_id: string;
  secret_key: string;
  action: string;
  organization_id: string;
  payload: unknown;
  additional_data: Record<string, unknown>;
}

export function webhookEnvelope(registration: WebhookRegistration, occurrence: WebhookOccurrence): WebhookEnvelopeParts {
  const additional: Record<string, unknown> = {};
  const chat = occurrence.chat;
  if (chat && isChatAction(occurrence.action)) {
    if (registration.additional_data?.includes('chat_properties')) additional['chat_properties'] = chat.properties;
    if (registration.additional_data?.includes('chat_presence_user_ids')) additional['chat_presence_user_ids'] = chat.presentUserIds;
  }
  return {
    webhook_id: registration.id,
    secret_key: registration.secret_key,
    action: occurrence.action,
    organization_id: registration.organization_id,
    payload: occurrence.payload,
    additional_data: additional,
  };
}
