/** Chat users (data-structures §5). Bots appear as agents. */
import { DateTime, RoutingStatus, Visibility } from './common';

/** Fields of every user inside a chat. */
export interface ChatUserBase {
  id: string;
  /** Currently a member of the chat; `false` after leaving or after writing without joining. */
  present?: boolean;
  /** Everything up to this moment has been seen by the user. */
  events_seen_up_to?: DateTime;
}

/** Ordered session fields: single-key objects, `[{"custom_key": "value"}]`. */
export type SessionFields = Array<Record<string, string>>;

/** Agent or bot, agent view. */
export interface Agent extends ChatUserBase {
  type: 'agent';
  name?: string;
  email?: string;
  avatar?: string;
  /** How the agent was added to the chat. */
  visibility?: Visibility;
  routing_status?: RoutingStatus;
}

/** Agent permission on the license. */
export type AgentPermission = 'owner' | 'viceowner' | 'administrator' | 'normal';

/** The logged-in agent, in the agent `login` response. */
export interface MyProfile extends Omit<Agent, 'visibility'> {
  routing_status: RoutingStatus;
  permission: AgentPermission;
}

/** Geolocation of a customer's visit. */
export interface Geolocation {
  country?: string;
  country_code?: string;
  region?: string;
  city?: string;
  timezone?: string;
  latitude?: string;
  longitude?: string;
}

/** A customer's current or last visit of the tracked website. */
export interface Visit {
  started_at?: DateTime;
  ended_at?: DateTime;
  referrer?: string;
  ip?: string;
  user_agent?: string;
  geolocation?: Geolocation;
  last_pages?: Array<{ opened_at: DateTime; url: string; title?: string }>;
}

/** Counters kept per customer. */
export interface CustomerStatistics {
  chats_count: number;
  threads_count: number;
  visits_count: number;
  page_views_count: number;
  greetings_shown_count: number;
  greetings_accepted_count: number;
}

/** Customer, agent view. */
export interface Customer extends ChatUserBase {
  type: 'customer';
  name?: string;
  email?: string;
  avatar?: string;
  email_verified?: boolean;
  session_fields?: SessionFields;
  last_visit?: Visit;
  statistics?: CustomerStatistics;
  created_at?: DateTime;
  agent_last_event_created_at?: DateTime;
  customer_last_event_created_at?: DateTime;
  /** The requester follows this customer. */
  followed?: boolean;
  /** On the tracked website right now. */
  online?: boolean;
  group_ids?: number[];
  /** Visit state, e.g. `browsing`. */
  state?: string;
  /** `get_customer` only. */
  chat_ids?: string[];
}

/** Any chat user, agent view. */
export type User = Agent | Customer;

/** Agent or bot, customer view: no e-mail, no routing details. */
export interface CustomerViewAgent extends ChatUserBase {
  type: 'agent';
  name?: string;
  avatar?: string;
  job_title?: string;
  /** Greeting and predicted-agent objects only. */
  is_bot?: boolean;
}

/** The customer, customer view; `statistics` only in the `login` response. */
export interface CustomerViewCustomer extends ChatUserBase {
  type: 'customer';
  name?: string;
  email?: string;
  email_verified?: boolean;
  avatar?: string;
  session_fields?: SessionFields;
  statistics?: CustomerStatistics;
}

/** Any chat user, customer view. */
export type CustomerViewUser = CustomerViewAgent | CustomerViewCustomer;
