import { AdditionalDataName } from './actions';

/** Include or exclude lists (`chat_presence.user_ids`, `agent_ids`): one of the two. */
export interface IdFilter {
  values?: string[];
  exclude_values?: string[];
}

export type SourceType = 'my_client' | 'other_clients' | 'system';

export interface WebhookFilters {
  author_type?: 'agent' | 'customer';
  only_my_chats?: boolean;
  chat_presence?: { user_ids?: IdFilter; my_bots?: boolean };
  source_type?: SourceType[];
  agent_ids?: IdFilter;
}

/** One registered webhook, as `list_webhooks` shows it plus its organization. */
export interface WebhookRegistration {
  id: string;
  organization_id: string;
  owner_client_id: string;
  type: 'license' | 'bot';
  /** The delivered action name (`auto_access_created` is stored as `auto_access_added`). */
  action: string;
  url: string;
  secret_key: string;
  description?: string;
  filters?: WebhookFilters;
  additional_data?: AdditionalDataName[];
}
