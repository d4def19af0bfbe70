/**
 * Every push of the Agent Chat API v3.4 (agent-chat-api.md §10), the names an
 * agent may list in `login.pushes`.
 */
export const AGENT_PUSHES = [
  // Chats
  'incoming_chat',
  'chat_deactivated',
  'chat_deleted',
  'thread_deleted',
  'threads_deleted',
  // Chat access and users
  'chat_access_updated',
  'chat_transferred',
  'user_added_to_chat',
  'user_removed_from_chat',
  // Events
  'incoming_event',
  'event_updated',
  'incoming_rich_message_postback',
  // Properties
  'chat_properties_updated',
  'chat_properties_deleted',
  'thread_properties_updated',
  'thread_properties_deleted',
  'event_properties_updated',
  'event_properties_deleted',
  // Thread tags
  'thread_tagged',
  'thread_untagged',
  // Customers
  'incoming_customers',
  'incoming_customer',
  'customer_updated',
  'customer_page_updated',
  'customer_banned',
  'customer_transferred',
  'customer_left',
  'customer_unfollowed',
  // Status
  'routing_status_set',
  'agent_disconnected',
  // Configuration
  'agent_created',
  'agent_approved',
  'agent_updated',
  'agent_suspended',
  'agent_unsuspended',
  'agent_deleted',
  'auto_access_added',
  'auto_access_updated',
  'auto_access_deleted',
  'bot_created',
  'bot_updated',
  'bot_deleted',
  'group_created',
  'group_updated',
  'group_deleted',
  // Other
  'incoming_typing_indicator',
  'incoming_sneak_peek',
  'events_marked_as_seen',
  'incoming_multicast',
  'chat_unfollowed',
  'queue_positions_updated',
] as const;

export type AgentPush = (typeof AGENT_PUSHES)[number];

/**
 * Names of v3.2 and older that v3.4 never sends (`customer_visit_started`, …).
 * The official SDK still lists them, so `login.pushes` accepts them.
 */
export const LEGACY_AGENT_PUSHES = ['customer_created', 'customer_visit_started', 'customer_visit_ended'] as const;
