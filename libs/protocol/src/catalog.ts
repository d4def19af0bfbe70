/**
 * Every method of the three v3.4 APIs and the transports it is served on,
 * exactly as `spec/method-index.md` lists them (117 methods).
 */
import { SWITCHBOARD_EXTENSIONS } from './extensions';

/** The three APIs. */
export type ApiName = 'agent' | 'customer' | 'configuration';

/**
 * Transport as written in the method index; `web POST|GET` marks the two
 * Configuration API property listings the JS SDK sends as GET while the docs
 * and the Python SDK use POST (README §2: accept both).
 */
export type Transport = 'both' | 'web' | 'rtm' | 'web GET' | 'web POST|GET';

/** One method of the catalog. */
export interface MethodInfo {
  api: ApiName;
  action: string;
  /** Served on the Web API (`/v3.4/<api>/action/<action>`). */
  web: boolean;
  /** Served as an RTM frame action. */
  rtm: boolean;
  /** GET is accepted on the Web API (required for `web GET` methods, optional for `web POST|GET`). */
  httpGet: boolean;
  /** Callable without an access token. */
  noAuth?: boolean;
  transport: Transport;
}

/** Connection-level RTM keep-alive action of both chat APIs; not a method of the catalog. */
export const PING_ACTION = 'ping';

type Row = [action: string, transport: Transport, noAuth?: 'no auth'];

const AGENT: Row[] = [
  ['list_chats', 'both'],
  ['list_threads', 'both'],
  ['get_chat', 'both'],
  ['list_archives', 'both'],
  ['start_chat', 'both'],
  ['resume_chat', 'both'],
  ['deactivate_chat', 'both'],
  ['follow_chat', 'both'],
  ['unfollow_chat', 'both'],
  ['transfer_chat', 'both'],
  ['add_user_to_chat', 'both'],
  ['remove_user_from_chat', 'both'],
  ['send_event', 'both'],
  ['upload_file', 'web'],
  ['send_rich_message_postback', 'both'],
  ['update_chat_properties', 'both'],
  ['delete_chat_properties', 'both'],
  ['update_thread_properties', 'both'],
  ['delete_thread_properties', 'both'],
  ['update_event_properties', 'both'],
  ['delete_event_properties', 'both'],
  ['tag_thread', 'both'],
  ['untag_thread', 'both'],
  ['get_customer', 'both'],
  ['list_customers', 'both'],
  ['create_customer', 'both'],
  ['update_customer', 'both'],
  ['ban_customer', 'both'],
  ['follow_customer', 'both'],
  ['unfollow_customer', 'both'],
  ['login', 'rtm'],
  ['change_push_notifications', 'rtm'],
  ['set_routing_status', 'both'],
  ['set_away_status', 'rtm'],
  ['logout', 'rtm'],
  ['list_routing_statuses', 'both'],
  ['mark_events_as_seen', 'both'],
  ['send_typing_indicator', 'both'],
  ['multicast', 'both'],
  ['list_agents_for_transfer', 'both'],
];

const CUSTOMER: Row[] = [
  ['list_chats', 'both'],
  ['list_threads', 'both'],
  ['get_chat', 'both'],
  ['start_chat', 'both'],
  ['resume_chat', 'both'],
  ['deactivate_chat', 'both'],
  ['get_dynamic_configuration', 'web GET'],
  ['get_configuration', 'web GET'],
  ['send_event', 'both'],
  ['upload_file', 'web'],
  ['send_rich_message_postback', 'both'],
  ['send_sneak_peek', 'both'],
  ['get_localization', 'web GET'],
  ['update_chat_properties', 'both'],
  ['delete_chat_properties', 'both'],
  ['update_thread_properties', 'both'],
  ['delete_thread_properties', 'both'],
  ['update_event_properties', 'both'],
  ['delete_event_properties', 'both'],
  ['list_license_properties', 'web GET', 'no auth'],
  ['list_group_properties', 'web GET', 'no auth'],
  ['update_customer', 'both'],
  ['update_customer_page', 'rtm'],
  ['set_customer_session_fields', 'both'],
  ['get_customer', 'both'],
  ['login', 'rtm'],
  ['list_group_statuses', 'both'],
  ['check_goals', 'web'],
  ['get_form', 'both'],
  ['get_predicted_agent', 'both'],
  ['get_url_info', 'both'],
  ['mark_events_as_seen', 'both'],
  ['accept_greeting', 'both'],
  ['cancel_greeting', 'both'],
  ['request_email_verification', 'web'],
];

const CONFIGURATION: Row[] = [
  ['create_agent', 'web'],
  ['get_agent', 'web'],
  ['list_agents', 'web'],
  ['update_agent', 'web'],
  ['delete_agent', 'web'],
  ['suspend_agent', 'web'],
  ['unsuspend_agent', 'web'],
  ['request_agent_unsuspension', 'web'],
  ['approve_agent', 'web'],
  ['add_auto_access', 'web'],
  ['list_auto_accesses', 'web'],
  ['delete_auto_access', 'web'],
  ['update_auto_access', 'web'],
  ['create_bot', 'web'],
  ['delete_bot', 'web'],
  ['update_bot', 'web'],
  ['list_bots', 'web'],
  ['get_bot', 'web'],
  ['create_group', 'web'],
  ['update_group', 'web'],
  ['delete_group', 'web'],
  ['list_groups', 'web'],
  ['get_group', 'web'],
  ['register_property', 'web'],
  ['unregister_property', 'web'],
  ['publish_property', 'web'],
  ['list_properties', 'web'],
  ['update_license_properties', 'web'],
  ['list_license_properties', 'web POST|GET'],
  ['delete_license_properties', 'web'],
  ['update_group_properties', 'web'],
  ['list_group_properties', 'web POST|GET'],
  ['delete_group_properties', 'web'],
  ['register_webhook', 'web'],
  ['list_webhooks', 'web'],
  ['unregister_webhook', 'web'],
  // Documented as needing no authorization (configuration-api §6).
  ['list_webhook_names', 'web', 'no auth'],
  ['enable_license_webhooks', 'web'],
  ['disable_license_webhooks', 'web'],
  ['get_license_webhooks_state', 'web'],
  // Id look-ups used before a client has a token; the docs show no auth (unconfirmed), and
  // refusing them would break such clients while allowing them reveals only an id mapping.
  ['get_license_id', 'web GET', 'no auth'],
  ['get_organization_id', 'web GET', 'no auth'],
];

function toMethod(api: ApiName, [action, transport, noAuth]: Row): MethodInfo {
  const method: MethodInfo = {
    api,
    action,
    web: transport !== 'rtm',
    rtm: transport === 'both' || transport === 'rtm',
    httpGet: transport === 'web GET' || transport === 'web POST|GET',
    transport,
  };
  if (noAuth) method.noAuth = true;
  return method;
}

/** All 117 methods: Agent Chat API 40, Customer Chat API 35, Configuration API 42. */
export const METHOD_CATALOG: readonly MethodInfo[] = Object.freeze([
  ...AGENT.map((row) => toMethod('agent', row)),
  ...CUSTOMER.map((row) => toMethod('customer', row)),
  ...CONFIGURATION.map((row) => toMethod('configuration', row)),
]);

// Switchboard's own `switchboard_*` actions are found too, but are not in the catalog (ADR 0033).
const BY_KEY = new Map([...METHOD_CATALOG, ...SWITCHBOARD_EXTENSIONS].map((method) => [`${method.api}/${method.action}`, method]));

/** The catalog entry of `action` in `api`, or `undefined` when the API has no such method. */
export function findMethod(api: ApiName, action: string): MethodInfo | undefined {
  return BY_KEY.get(`${api}/${action}`);
}
