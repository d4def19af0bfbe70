import type { MethodInfo } from './catalog';

/**
 * Switchboard's own Configuration API actions, under `switchboard_*`: where
 * LiveChat keeps a setting in its own apps (the widget's settings, forms,
 * greetings, goals and translations), owners set it here (ADR 0033); and
 * the webhook dispatcher's operations (ADR 0044). Not
 * LiveChat methods: kept out of {@link METHOD_CATALOG} and the method index.
 */
export const SWITCHBOARD_EXTENSION_ACTIONS = [
  'switchboard_get_widget_settings',
  'switchboard_update_widget_settings',
  'switchboard_set_group_language',
  'switchboard_list_forms',
  'switchboard_set_form',
  'switchboard_list_greetings',
  'switchboard_set_greeting',
  'switchboard_delete_greeting',
  'switchboard_list_goals',
  'switchboard_set_goal',
  'switchboard_delete_goal',
  'switchboard_list_translations',
  'switchboard_set_translations',
  'switchboard_get_routing_settings',
  'switchboard_update_routing_settings',
  'switchboard_list_webhook_deliveries',
  'switchboard_retry_webhook_deliveries',
  'switchboard_replay_webhook_deliveries',
  'switchboard_pause_webhook',
  'switchboard_resume_webhook',
] as const;

export const SWITCHBOARD_EXTENSIONS: readonly MethodInfo[] = Object.freeze(
  SWITCHBOARD_EXTENSION_ACTIONS.map((action) => ({ api: 'configuration' as const, action, web: true, rtm: false, httpGet: false, transport: 'web' as const })),
);
