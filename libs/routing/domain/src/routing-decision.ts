/**
 * Who gets a new chat: the router's decision, pure, so that the router and
 * the customer's `get_predicted_agent` / `list_group_statuses` can never
 * disagree (routing.md §3–§5, ADR 0033).
 */

export type RoutingStatus = 'accepting_chats' | 'not_accepting_chats' | 'offline';
export type GroupPriority = 'first' | 'normal' | 'last' | 'supervisor';

/** An agent or bot as routing sees it. */
export interface RoutingCandidate {
  id: string;
  routing_status: RoutingStatus;
  max_chats_count: number;
  active_chats: number;
  groups: ReadonlyArray<{ id: number; priority: GroupPriority }>;
  /** RFC 3339; the agent last assigned longest ago wins a tie. */
  last_assigned_at?: string | null;
}

/** What happens to a new chat of the groups now. */
export type RoutingDecision<C extends RoutingCandidate = RoutingCandidate> =
  | { kind: 'assign'; agent: C; ranked: C[] }
  /** Someone accepts chats but every seat is taken: the chat waits for the first free one. */
  | { kind: 'queue'; agent: C }
  /** Nobody of the groups accepts chats. */
  | { kind: 'offline' };

/** The customer-facing status of a group (data-structures §10). */
export type GroupStatus = 'online' | 'online_for_queue' | 'offline';

/** Whether the router may assign chats of `groupIds` to the candidate (group 0 = everyone; supervisors never automatically). */
function servesGroups(candidate: RoutingCandidate, groupIds: readonly number[]): boolean {
  return groupIds.includes(0) || candidate.groups.some((g) => g.priority !== 'supervisor' && groupIds.includes(g.id));
}

const hasFreeSeat = (c: RoutingCandidate) => c.active_chats < c.max_chats_count;

/**
 * The accepting members of the groups in assignment order: the least loaded
 * first, then the one assigned longest ago (never assigned first), then by id.
 */
export function rankCandidates<C extends RoutingCandidate>(candidates: readonly C[], groupIds: readonly number[]): C[] {
  return candidates
    .filter((c) => c.routing_status === 'accepting_chats' && servesGroups(c, groupIds))
    .sort((a, b) => a.active_chats - b.active_chats || compareAssigned(a.last_assigned_at, b.last_assigned_at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function compareAssigned(a: string | null | undefined, b: string | null | undefined): number {
  if (!a && !b) return 0;
  if (!a) return -1;
  if (!b) return 1;
  return Date.parse(a) - Date.parse(b);
}

/**
 * The decision for a new chat of `groupIds`: the first ranked candidate with a
 * free seat; when all are full, the queue (the first of them is the likeliest
 * to take it); when nobody accepts chats, offline.
 */
export function decideRouting<C extends RoutingCandidate>(candidates: readonly C[], groupIds: readonly number[]): RoutingDecision<C> {
  const ranked = rankCandidates(candidates, groupIds);
  const free = ranked.filter(hasFreeSeat);
  if (free.length > 0) return { kind: 'assign', agent: free[0], ranked: free };
  if (ranked.length > 0) return { kind: 'queue', agent: ranked[0] };
  return { kind: 'offline' };
}

/** A group's status from the same decision: free seat → online, all full → online_for_queue (when queues are on), else offline. */
export function groupStatus(candidates: readonly RoutingCandidate[], groupId: number, queueEnabled = true): GroupStatus {
  const decision = decideRouting(candidates, [groupId]);
  if (decision.kind === 'assign') return 'online';
  if (decision.kind === 'queue' && queueEnabled) return 'online_for_queue';
  return 'offline';
}
