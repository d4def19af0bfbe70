/**
 * The Agent Chat API's structures as the app reads them (spec
 * data-structures.md): only the fields the app shows or decides on.
 */
export interface User {
  id: string;
  type: 'agent' | 'customer';
  name?: string;
  email?: string;
  avatar?: string;
  present?: boolean;
  events_seen_up_to?: string;
  visibility?: 'all' | 'agents';
}

export interface Queue {
  position: number;
  wait_time: number;
  queued_at?: string;
}

export interface FormField {
  id: string;
  type: string;
  label: string;
  answer?: string | { id: string; label: string };
  answers?: Array<{ id: string; label: string }>;
}

export interface RichElement {
  title?: string;
  subtitle?: string;
  image?: { url: string; alternative_text?: string };
  buttons?: Array<{ text: string }>;
}

export interface ChatEvent {
  id: string;
  type: 'message' | 'system_message' | 'file' | 'form' | 'filled_form' | 'rich_message' | 'custom';
  author_id?: string;
  created_at: string;
  visibility?: 'all' | 'agents';
  text?: string;
  // file
  url?: string;
  name?: string;
  content_type?: string;
  size?: number;
  thumbnail_url?: string;
  alternative_text?: string;
  // forms and rich messages
  fields?: FormField[];
  elements?: RichElement[];
}

export interface Thread {
  id: string;
  active: boolean;
  events?: ChatEvent[];
  tags?: string[];
  queue?: Queue;
  created_at: string;
  previous_thread_id?: string;
}

export interface Access {
  group_ids: number[];
}

/** `get_chat`, `incoming_chat`, `list_archives`. */
export interface Chat {
  id: string;
  users: User[];
  thread?: Thread;
  access?: Access;
}

/** `list_chats`. */
export interface ChatSummary {
  id: string;
  users: User[];
  last_thread_summary?: { id: string; active: boolean; created_at: string; queue?: Queue; tags?: string[] };
  last_event_per_type?: Record<string, { thread_id: string; event?: ChatEvent }>;
  access?: Access;
}

export interface MyProfile {
  id: string;
  name: string;
  email?: string;
  routing_status: RoutingStatus;
  permission: 'owner' | 'viceowner' | 'administrator' | 'normal';
}

export type RoutingStatus = 'accepting_chats' | 'not_accepting_chats' | 'offline';

export interface License {
  id: string;
  organization_id: string;
  name?: string;
}

/** What the app shows of a customer (`get_customer`, agent view). */
export interface Customer {
  id: string;
  name?: string;
  email?: string;
  session_fields?: Array<Record<string, string>>;
  last_visit?: {
    started_at?: string;
    referrer?: string;
    ip?: string;
    geolocation?: { country?: string; region?: string; city?: string };
    last_pages?: Page[];
  };
  statistics?: { chats_count?: number; visits_count?: number; page_views_count?: number };
  online?: boolean;
  state?: string;
}

export interface Page {
  url: string;
  title?: string;
  opened_at: string;
}
