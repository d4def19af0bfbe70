/**
 * Who gets a chat: the router's one decision, pure, so that the router and
 * the customer's `get_predicted_agent` / `list_group_statuses` can never
 * disagree (routing.md §3–§5, ADR 0037).
 */
import { DEFAULT_ROUTING_SETTINGS, RoutingSettings } from './routing-settings';

export type RoutingStatus = 'accepting_chats' | 'not_accepting_chats' | 'offline';
export type GroupPriority = 'first' | 'normal' | 'last' | 'supervisor';

/** An agent or bot as routing sees it. */
export interface RoutingCandidate {
  id: string;
  routing_status: RoutingStatus;
  max_chats_count: number;
  active_chats: number;
  /** The groups it is a member of, with its priority in each (the read model's `groups`, ADR 0018). */
  groups: ReadonlyArray<{ id: number; priority: GroupPriority }>;
  /** RFC 3339; the agent last assigned longest ago wins a tie. */
  last_assigned_at?: string | null;
  is_bot?: boolean;
  /** A bot's priority in a group it has no entry for (group 0, everyone's). Agents: `normal`. */
  default_group_priority?: GroupPriority;
}

/** What routing needs to know about the chat (or, for a prediction, the chat a customer would start). */
export interface ChatToRoute {
  group_ids: readonly number[];
  /** `routing.ignore_bots` (thread or chat property): bots are skipped. */
  ignore_bots?: boolean;
  /** `routing.ignore_agents_routing` (chat property): nobody is assigned automatically. */
  ignore_agents_routing?: boolean;
  /** The agent of the customer's previous thread, for `prefer_recent_agent`. */
  recent_agent_id?: string;
}

/** What happens to the chat now. */
export type RoutingDecision<C extends RoutingCandidate = RoutingCandidate> =
  /** `agent` gets it; `ranked` are every candidate with a free seat in the order to try them (a seat may go meanwhile). */
  | { kind: 'assign'; agent: C; ranked: C[]; reason: 'recent_agent' | 'priority' }
  /**
   * The chat waits. `full`: someone accepts chats but every seat is taken (`agent`
   * is the likeliest to take it); `manual_routing`: accepting agents pick it
   * themselves (`notify` are those told of it).
   */
  | { kind: 'queue'; reason: 'full'; agent: C }
  | { kind: 'queue'; reason: 'manual_routing'; agent: C; notify: C[] }
  /** Every seat is taken and queues are off. */
  | { kind: 'unavailable' }
  /** `routing.ignore_agents_routing`: the router leaves the chat alone. */
  | { kind: 'not_routed' }
  /** Nobody who may take the chat accepts chats. */
  | { kind: 'offline' };

/** The customer-facing status of a group (data-structures §10). */
export type GroupStatus = 'online' | 'online_for_queue' | 'offline';

/** Tiers in the order they are served; `supervisor` is never served automatically. */
const TIER: Record<GroupPriority, number> = { first: 0, normal: 1, last: 2, supervisor: Number.POSITIVE_INFINITY };

/**
 * The candidate's priority for a chat of these groups: its best among the
 * chat's groups it is a member of. Group 0 holds everyone: without an entry
 * of its own there, an agent is `normal` and a bot has its `default_group_priority`.
 */
export function priorityFor(candidate: RoutingCandidate, groupIds: readonly number[]): GroupPriority | undefined {
  let best: GroupPriority | undefined;
  const consider = (p: GroupPriority) => {
    if (best === undefined || TIER[p] < TIER[best]) best = p;
  };
  for (const group of candidate.groups) if (groupIds.includes(group.id)) consider(group.priority);
  if (groupIds.includes(0) && !candidate.groups.some((g) => g.id === 0)) consider(candidate.default_group_priority ?? 'normal');
  return best;
}

const hasFreeSeat = (c: RoutingCandidate) => c.active_chats < c.max_chats_count;

interface Ranked<C> {
  candidate: C;
  tier: number;
}

/** Who may be routed the chat at all: accepting chats, a member of its groups and not a supervisor there, no bot when bots are ignored. */
function eligible<C extends RoutingCandidate>(candidates: readonly C[], chat: ChatToRoute): Array<Ranked<C>> {
  const result: Array<Ranked<C>> = [];
  for (const candidate of candidates) {
    if (candidate.routing_status !== 'accepting_chats') continue;
    if (chat.ignore_bots && candidate.is_bot) continue;
    const priority = priorityFor(candidate, chat.group_ids);
    if (priority === undefined || priority === 'supervisor') continue;
    result.push({ candidate, tier: TIER[priority] });
  }
  return result;
}

function compareAssigned(a: string | null | undefined, b: string | null | undefined): number {
  if (!a && !b) return 0;
  if (!a) return -1;
  if (!b) return 1;
  return Date.parse(a) - Date.parse(b);
}

/**
 * Serving order: a higher tier first (a tier is reached only when nobody of a
 * higher one has a free seat); within a tier round-robin — the fewest active
 * chats, then the one assigned longest ago (never assigned first), then by id.
 */
function serveOrder<C extends RoutingCandidate>(a: Ranked<C>, b: Ranked<C>): number {
  return (
    a.tier - b.tier ||
    a.candidate.active_chats - b.candidate.active_chats ||
    compareAssigned(a.candidate.last_assigned_at, b.candidate.last_assigned_at) ||
    (a.candidate.id < b.candidate.id ? -1 : a.candidate.id > b.candidate.id ? 1 : 0)
  );
}

/**
 * The decision for `chat` given the organization's agents and bots and the
 * routing settings of the chat's group:
 * 1. `routing.ignore_agents_routing` → not routed;
 * 2. nobody eligible accepts chats → offline;
 * 3. manual routing → queued for the eligible agents to pick;
 * 4. `prefer_recent_agent` and the customer's last agent is eligible with a free seat → that agent;
 * 5. the first, by tier then round-robin, with a free seat;
 * 6. every seat taken → queued (or unavailable with queues off).
 */
export function decideRouting<C extends RoutingCandidate>(
  candidates: readonly C[],
  chat: ChatToRoute,
  settings: Readonly<RoutingSettings> = DEFAULT_ROUTING_SETTINGS,
): RoutingDecision<C> {
  if (chat.ignore_agents_routing) return { kind: 'not_routed' };
  const ranked = eligible(candidates, chat).sort(serveOrder);
  if (ranked.length === 0) return { kind: 'offline' };
  if (settings.manual_routing) return { kind: 'queue', reason: 'manual_routing', agent: ranked[0].candidate, notify: ranked.map((r) => r.candidate) };
  const free = ranked.filter((r) => hasFreeSeat(r.candidate)).map((r) => r.candidate);
  if (free.length === 0) return settings.queue_enabled ? { kind: 'queue', reason: 'full', agent: ranked[0].candidate } : { kind: 'unavailable' };
  const recent = settings.prefer_recent_agent && chat.recent_agent_id ? free.find((c) => c.id === chat.recent_agent_id) : undefined;
  if (recent) return { kind: 'assign', agent: recent, ranked: [recent, ...free.filter((c) => c !== recent)], reason: 'recent_agent' };
  return { kind: 'assign', agent: free[0], ranked: free, reason: 'priority' };
}

/**
 * The groups a chat must share at least one of to possibly be assigned now:
 * every group where some candidate accepting chats, with a free seat, is not
 * a supervisor (group 0 for those without an entry of their own there). Used
 * to skip, unread, the queued chats no free seat can serve.
 */
export function groupsWithFreeSeats(candidates: readonly RoutingCandidate[]): number[] {
  const open = new Set<number>();
  for (const candidate of candidates) {
    if (candidate.routing_status !== 'accepting_chats' || !hasFreeSeat(candidate)) continue;
    for (const group of candidate.groups) if (group.priority !== 'supervisor') open.add(group.id);
    if (priorityFor(candidate, [0]) !== 'supervisor') open.add(0);
  }
  return [...open].sort((a, b) => a - b);
}

/** Chats with the same key get the same decision unless the customer's recent agent differs. */
export function routeKey(chat: ChatToRoute): string {
  return `${chat.group_ids.join(',')}|${chat.ignore_bots ? 1 : 0}|${chat.ignore_agents_routing ? 1 : 0}`;
}

/**
 * A group's status from the same decision: someone can take a chat now →
 * online; the chat would wait in a queue (every seat taken, or manual
 * routing) and the queue, holding `queued` chats, has room → online_for_queue;
 * else offline.
 */
export function groupStatus(candidates: readonly RoutingCandidate[], groupId: number, settings: Readonly<RoutingSettings> = DEFAULT_ROUTING_SETTINGS, queued = 0): GroupStatus {
  const decision = decideRouting(candidates, { group_ids: [groupId] }, settings);
  if (decision.kind === 'assign') return 'online';
  // Manual routing: an accepting agent with a free seat can pick the chat at once.
  if (decision.kind === 'queue' && decision.reason === 'manual_routing' && decision.notify.some(hasFreeSeat)) return 'online';
  if (decision.kind === 'queue' && queued < settings.queue_limit) return 'online_for_queue';
  return 'offline';
}
