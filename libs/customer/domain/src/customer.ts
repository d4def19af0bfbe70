/**
 * A customer (website visitor) as recorded on stream `customer-<uuid>`: who
 * they are, their visits and pages, a ban, the agents following them, the
 * greeting shown to them, the storage their widget keeps, and e-mail
 * verification. Pure: the caller passes the time in each command.
 *
 * The state is flat, with the wire's field names at the top level (`name`,
 * `email`, `session_fields`, …), so a read model can keep it as one JSON
 * document that the Customer object of data-structures §5.3/§5.4 is cut from.
 */

export type SessionFields = Array<Record<string, string>>;

/** What a customer (or an agent about them) may change. */
export interface CustomerProfile {
  name?: string;
  email?: string;
  avatar?: string;
  session_fields?: SessionFields;
}

export interface CustomerPage {
  opened_at: string;
  url: string;
  title?: string;
}

export interface CustomerVisit {
  id: string;
  started_at: string;
  ended_at?: string;
  referrer?: string;
  ip?: string;
  user_agent?: string;
  group_id?: number;
  /** The newest last, at most {@link MAX_LAST_PAGES}. */
  last_pages: CustomerPage[];
}

/** A greeting as shown to the customer (data-structures §10 "Greeting (customer)"). */
export interface DisplayedGreeting {
  id: number;
  unique_id: string;
  displayed_first_time: boolean;
  accepted?: boolean;
  addon?: string;
  subtype: string;
  event: Record<string, unknown>;
  agent: Record<string, unknown>;
}

export interface EmailVerificationRequest {
  verification_id: string;
  callback_uri: string;
  email: string;
  requested_at: string;
}

export interface CustomerStatistics {
  visits_count: number;
  page_views_count: number;
  greetings_shown_count: number;
  greetings_accepted_count: number;
}

export interface CustomerState extends CustomerProfile {
  id: string;
  created_at: string;
  email_verified?: boolean;
  statistics: CustomerStatistics;
  last_visit?: CustomerVisit;
  /** RFC 3339; a ban holds while now < banned_until. */
  banned_until?: string;
  /** Agents who follow the customer (`follow_customer`). */
  followers: string[];
  /** The greeting shown and not yet accepted or canceled. */
  greeting?: DisplayedGreeting;
  customer_side_storage?: Record<string, string>;
  /** Pending `request_email_verification`s, newest last, at most {@link MAX_PENDING_VERIFICATIONS}. */
  email_verifications: EmailVerificationRequest[];
  /** Ids of the goals the customer reached (`check_goals`), each counted once. */
  goals_reached?: number[];
}

export const MAX_LAST_PAGES = 20;
/** Only the 10 most recent verification requests get callbacks (customer-chat-api.md §7). */
export const MAX_PENDING_VERIFICATIONS = 10;
/** Requests older than 7 days are voided. */
export const VERIFICATION_TTL_MS = 7 * 24 * 3600 * 1000;

export type CustomerEvent =
  | { type: 'customer_created'; data: { id: string; created_at: string } & CustomerProfile }
  | { type: 'customer_updated'; data: { id: string; email_verified?: boolean } & CustomerProfile }
  | {
      type: 'customer_visit_started';
      data: { id: string; visit_id: string; started_at: string; referrer?: string; ip?: string; user_agent?: string; group_id?: number };
    }
  | { type: 'customer_page_viewed'; data: { id: string; visit_id: string } & CustomerPage }
  | { type: 'customer_visit_ended'; data: { id: string; visit_id: string; ended_at: string } }
  | { type: 'customer_banned'; data: { id: string; days: number; banned_at: string; banned_until: string } }
  | { type: 'customer_followed'; data: { id: string; agent_id: string } }
  | { type: 'customer_unfollowed'; data: { id: string; agent_id: string } }
  | { type: 'customer_side_storage_set'; data: { id: string; customer_side_storage: Record<string, string> } }
  | { type: 'greeting_displayed'; data: { id: string; displayed_at: string; greeting: DisplayedGreeting } }
  | { type: 'greeting_accepted'; data: { id: string; unique_id: string; greeting_id: number } }
  | { type: 'greeting_canceled'; data: { id: string; unique_id: string } }
  | { type: 'email_verification_requested'; data: { id: string } & EmailVerificationRequest }
  | { type: 'email_verified'; data: { id: string; email: string; verification_id: string } }
  | { type: 'customer_goals_reached'; data: { id: string; goal_ids: number[]; page_url: string; group_id: number; reached_at: string } };

export type CustomerCommand =
  | { type: 'create_customer'; id: string; now: string; profile?: CustomerProfile }
  /** An agent's or the customer's own change; only what differs is recorded. */
  | { type: 'update_customer'; id: string; profile: CustomerProfile }
  /** `if_none_open`: only when no visit is open — two logins racing join one visit. */
  | { type: 'start_visit'; id: string; visit_id: string; now: string; referrer?: string; ip?: string; user_agent?: string; group_id?: number; if_none_open?: boolean }
  | { type: 'view_page'; id: string; now: string; url: string; title?: string; visit_id: string }
  /** `visit_id`: end only that visit — a visit started meanwhile is left open. */
  | { type: 'end_visit'; id: string; now: string; visit_id?: string }
  | { type: 'ban_customer'; id: string; now: string; days: number }
  | { type: 'follow_customer'; id: string; agent_id: string }
  | { type: 'unfollow_customer'; id: string; agent_id: string }
  | { type: 'set_customer_side_storage'; id: string; customer_side_storage: Record<string, string> }
  | { type: 'display_greeting'; id: string; now: string; greeting: Omit<DisplayedGreeting, 'displayed_first_time'> }
  | { type: 'accept_greeting'; id: string; unique_id: string; greeting_id: number }
  | { type: 'cancel_greeting'; id: string; unique_id: string }
  | { type: 'request_email_verification'; id: string; now: string; verification_id: string; callback_uri: string }
  | { type: 'verify_email'; id: string; verification_id: string; now: string }
  /** Goals the server found reached for a page (`check_goals`); only those not reached before are recorded. */
  | { type: 'record_goals'; id: string; now: string; goal_ids: number[]; page_url: string; group_id: number };

/** A refused customer command; `type` is the spec's error type. */
export class CustomerRuleError extends Error {
  constructor(
    readonly type: 'not_found' | 'already_exists' | 'validation' | 'customer_banned' | 'greeting_not_found',
    message: string,
  ) {
    super(message);
    this.name = 'CustomerRuleError';
  }
}

const EMPTY_STATISTICS: CustomerStatistics = { visits_count: 0, page_views_count: 0, greetings_shown_count: 0, greetings_accepted_count: 0 };

const PROFILE_KEYS = ['name', 'email', 'avatar', 'session_fields'] as const;

/** Whether the customer is banned at `now`. */
export const isBanned = (state: Pick<CustomerState, 'banned_until'> | undefined, now: string): boolean =>
  Boolean(state?.banned_until && Date.parse(state.banned_until) > Date.parse(now));

export function evolveCustomer(state: CustomerState | undefined, event: CustomerEvent): CustomerState | undefined {
  if (event.type === 'customer_created') {
    return { ...event.data, statistics: { ...EMPTY_STATISTICS }, followers: [], email_verifications: [] };
  }
  if (!state) return state;
  switch (event.type) {
    case 'customer_updated': {
      const { id: _id, ...changes } = event.data;
      return { ...state, ...changes };
    }
    case 'customer_visit_started': {
      const { id: _id, visit_id, ...visit } = event.data;
      return {
        ...state,
        last_visit: { id: visit_id, ...visit, last_pages: [] },
        statistics: { ...state.statistics, visits_count: state.statistics.visits_count + 1 },
      };
    }
    case 'customer_page_viewed': {
      if (state.last_visit?.id !== event.data.visit_id) return state;
      const page: CustomerPage = { opened_at: event.data.opened_at, url: event.data.url, ...(event.data.title !== undefined && { title: event.data.title }) };
      return {
        ...state,
        last_visit: { ...state.last_visit, last_pages: [...state.last_visit.last_pages, page].slice(-MAX_LAST_PAGES) },
        statistics: { ...state.statistics, page_views_count: state.statistics.page_views_count + 1 },
      };
    }
    case 'customer_visit_ended':
      return state.last_visit?.id === event.data.visit_id ? { ...state, last_visit: { ...state.last_visit, ended_at: event.data.ended_at } } : state;
    case 'customer_banned':
      return { ...state, banned_until: event.data.banned_until };
    case 'customer_followed':
      return state.followers.includes(event.data.agent_id) ? state : { ...state, followers: [...state.followers, event.data.agent_id] };
    case 'customer_unfollowed':
      return { ...state, followers: state.followers.filter((a) => a !== event.data.agent_id) };
    case 'customer_side_storage_set':
      return { ...state, customer_side_storage: event.data.customer_side_storage };
    case 'greeting_displayed':
      return {
        ...state,
        greeting: event.data.greeting,
        statistics: { ...state.statistics, greetings_shown_count: state.statistics.greetings_shown_count + 1 },
      };
    case 'greeting_accepted':
      return {
        ...state,
        greeting: undefined,
        statistics: { ...state.statistics, greetings_accepted_count: state.statistics.greetings_accepted_count + 1 },
      };
    case 'greeting_canceled':
      return state.greeting?.unique_id === event.data.unique_id ? { ...state, greeting: undefined } : state;
    case 'email_verification_requested': {
      const { id: _id, ...request } = event.data;
      return { ...state, email_verifications: [...state.email_verifications, request].slice(-MAX_PENDING_VERIFICATIONS) };
    }
    case 'email_verified':
      return {
        ...state,
        email_verified: state.email === event.data.email ? true : state.email_verified,
        email_verifications: state.email_verifications.filter((r) => r.verification_id !== event.data.verification_id),
      };
    case 'customer_goals_reached':
      return { ...state, goals_reached: [...(state.goals_reached ?? []), ...event.data.goal_ids] };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

export const foldCustomer = (events: readonly CustomerEvent[]): CustomerState | undefined =>
  events.reduce<CustomerState | undefined>(evolveCustomer, undefined);

const notFound = (id: string) => new CustomerRuleError('not_found', `Customer ${id} not found`);

/** The profile fields of `profile` that differ from the state's; a new e-mail is not verified. */
function changedProfile(state: CustomerState, profile: CustomerProfile): CustomerProfile & { email_verified?: boolean } {
  const changed: CustomerProfile & { email_verified?: boolean } = {};
  for (const key of PROFILE_KEYS) {
    const value = profile[key];
    if (value !== undefined && JSON.stringify(state[key]) !== JSON.stringify(value)) Object.assign(changed, { [key]: value });
  }
  if (changed.email !== undefined && state.email_verified) changed.email_verified = false;
  return changed;
}

/** Decides a command on one customer, or throws {@link CustomerRuleError}. */
export function decideCustomer(state: CustomerState | undefined, command: CustomerCommand): CustomerEvent[] {
  if (command.type === 'create_customer') {
    if (state) throw new CustomerRuleError('already_exists', `Customer ${command.id} already exists`);
    const profile = Object.fromEntries(PROFILE_KEYS.filter((k) => command.profile?.[k] !== undefined).map((k) => [k, command.profile![k]]));
    return [{ type: 'customer_created', data: { id: command.id, created_at: command.now, ...profile } }];
  }
  if (!state) throw notFound(command.id);
  const id = command.id;
  switch (command.type) {
    case 'update_customer': {
      const changed = changedProfile(state, command.profile);
      return Object.keys(changed).length === 0 ? [] : [{ type: 'customer_updated', data: { id, ...changed } }];
    }
    case 'start_visit': {
      const { type: _type, id: _id, now, visit_id, if_none_open: ifNoneOpen, ...visit } = command;
      if (ifNoneOpen && state.last_visit && !state.last_visit.ended_at) return [];
      const defined = Object.fromEntries(Object.entries(visit).filter(([, v]) => v !== undefined));
      return [{ type: 'customer_visit_started', data: { id, visit_id, started_at: now, ...defined } }];
    }
    case 'view_page': {
      if (state.last_visit?.id !== command.visit_id || state.last_visit.ended_at) {
        throw new CustomerRuleError('validation', 'The visit has ended');
      }
      return [
        {
          type: 'customer_page_viewed',
          data: { id, visit_id: command.visit_id, opened_at: command.now, url: command.url, ...(command.title !== undefined && { title: command.title }) },
        },
      ];
    }
    case 'end_visit':
      return state.last_visit && !state.last_visit.ended_at && (command.visit_id === undefined || command.visit_id === state.last_visit.id)
        ? [{ type: 'customer_visit_ended', data: { id, visit_id: state.last_visit.id, ended_at: command.now } }]
        : [];
    case 'ban_customer': {
      if (!Number.isInteger(command.days) || command.days < 1) throw new CustomerRuleError('validation', 'ban.days: must be a positive integer');
      const until = new Date(Date.parse(command.now) + command.days * 24 * 3600 * 1000).toISOString();
      return [{ type: 'customer_banned', data: { id, days: command.days, banned_at: command.now, banned_until: until } }];
    }
    case 'follow_customer':
      return state.followers.includes(command.agent_id) ? [] : [{ type: 'customer_followed', data: { id, agent_id: command.agent_id } }];
    case 'unfollow_customer':
      return state.followers.includes(command.agent_id) ? [{ type: 'customer_unfollowed', data: { id, agent_id: command.agent_id } }] : [];
    case 'set_customer_side_storage':
      return JSON.stringify(state.customer_side_storage ?? {}) === JSON.stringify(command.customer_side_storage)
        ? []
        : [{ type: 'customer_side_storage_set', data: { id, customer_side_storage: command.customer_side_storage } }];
    case 'display_greeting': {
      const replaced: CustomerEvent[] = state.greeting ? [{ type: 'greeting_canceled', data: { id, unique_id: state.greeting.unique_id } }] : [];
      const displayedBefore = state.statistics.greetings_shown_count > 0;
      return [
        ...replaced,
        { type: 'greeting_displayed', data: { id, displayed_at: command.now, greeting: { ...command.greeting, displayed_first_time: !displayedBefore } } },
      ];
    }
    case 'accept_greeting':
      if (state.greeting?.unique_id !== command.unique_id || state.greeting.id !== command.greeting_id) {
        throw new CustomerRuleError('greeting_not_found', 'Greeting not found');
      }
      return [{ type: 'greeting_accepted', data: { id, unique_id: command.unique_id, greeting_id: command.greeting_id } }];
    case 'cancel_greeting':
      if (state.greeting?.unique_id !== command.unique_id) throw new CustomerRuleError('greeting_not_found', 'Greeting not found');
      return [{ type: 'greeting_canceled', data: { id, unique_id: command.unique_id } }];
    case 'request_email_verification':
      if (!state.email) throw new CustomerRuleError('validation', 'The customer has no e-mail address');
      return [
        {
          type: 'email_verification_requested',
          data: { id, verification_id: command.verification_id, callback_uri: command.callback_uri, email: state.email, requested_at: command.now },
        },
      ];
    case 'verify_email': {
      const request = state.email_verifications.find((r) => r.verification_id === command.verification_id);
      if (!request || Date.parse(command.now) - Date.parse(request.requested_at) > VERIFICATION_TTL_MS) {
        throw new CustomerRuleError('not_found', 'Verification request not found or expired');
      }
      return [{ type: 'email_verified', data: { id, email: request.email, verification_id: request.verification_id } }];
    }
    case 'record_goals': {
      const fresh = [...new Set(command.goal_ids)].filter((goal) => !state.goals_reached?.includes(goal));
      return fresh.length === 0
        ? []
        : [{ type: 'customer_goals_reached', data: { id, goal_ids: fresh, page_url: command.page_url, group_id: command.group_id, reached_at: command.now } }];
    }
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}
