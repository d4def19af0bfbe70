import { WEBHOOK_ACTIONS } from './actions';

/** One action as `list_webhook_names` describes it: empty lists are left out. */
export interface WebhookName {
  action: string;
  filters?: string[];
  additional_data?: string[];
}

/** The versions `list_webhook_names` answers for: the same 36 actions in both (ADR 0042). */
export const WEBHOOK_NAME_VERSIONS = ['3.4', '3.5'] as const;

/** Every webhook action with the filters and additional data it supports (configuration-api.md §6). */
export function webhookNames(): WebhookName[] {
  return WEBHOOK_ACTIONS.map(({ action, filters, additional_data }) => ({
    action,
    ...(filters.length > 0 && { filters: [...filters] }),
    ...(additional_data.length > 0 && { additional_data: [...additional_data] }),
  }));
}
