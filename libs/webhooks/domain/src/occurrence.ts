/**
 * Something that happened, as webhooks see it: one action with its payload
 * (the push's), and what the filters and the additional data are computed
 * from, as of the event.
 */
export interface WebhookOccurrence {
  action: string;
  payload: unknown;
  /** Chat actions: the chat as of the event. */
  chat?: OccurrenceChat;
  /** `incoming_event` / `event_updated`: the type of the event's author. */
  authorType?: 'agent' | 'customer';
  /** `routing_status_set`: whose status. */
  agentId?: string;
  /**
   * Who caused it: the client id of the application the requester acted for;
   * `null` when Switchboard itself did (the router, timers); `undefined` when
   * a user acted for no application (a personal access token, a customer).
   */
  sourceClientId?: string | null;
}

export interface OccurrenceChat {
  id: string;
  /** Ids of the users present in the chat (agents, bots, customers). */
  presentUserIds: string[];
  /** Owner client ids of the bots present in the chat. */
  presentBotOwners: string[];
  /** The chat's `source.client_id` property, if set. */
  sourceClientId?: string;
  /** Chat properties `{namespace: {name: value}}`. */
  properties: Record<string, Record<string, unknown>>;
}
