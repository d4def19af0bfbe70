import { RoutingCandidate } from '@switchboard/routing/domain';
import { SqlExecutor } from '@switchboard/event-store';

/** An agent or bot as routing sees it, with what a customer is shown of them. */
export interface RoutingAgent extends RoutingCandidate {
  name: string;
  avatar?: string;
  job_title?: string;
  is_bot: boolean;
}

interface Row {
  agent_id: string;
  profile: { name?: string; avatar?: string; job_title?: string; max_chats_count?: unknown; groups?: unknown; default_group_priority?: unknown };
  routing_status: RoutingCandidate['routing_status'];
  active_chats: number;
  last_assigned_at: Date | null;
  owner_client_id: string | null;
}

const PRIORITIES = new Set(['first', 'normal', 'last', 'supervisor']);

/** Profiles are written from events: anything but a list of `{id: number, priority}` counts as no group (ADR 0008). */
function groupsOf(value: unknown): RoutingCandidate['groups'] {
  if (!Array.isArray(value)) return [];
  return value.filter((g) => g && typeof g.id === 'number' && PRIORITIES.has(g.priority));
}

/**
 * The agents and bots of an organization that routing may consider, for the
 * pure routing decision: only those accepting chats count (the decision and
 * group statuses ignore the others), so an organization's offline staff cost nothing.
 * Priorities come from the read model's `groups` of each agent or bot, which
 * a group's `agent_priorities` writes too (ADR 0018, 0037); a bot's
 * `default_group_priority` counts where it has no entry (group 0).
 */
export async function routingCandidates(db: SqlExecutor, organizationId: string): Promise<RoutingAgent[]> {
  const { rows } = await db.query<Row>(
    `SELECT agent_id, profile, routing_status, active_chats, last_assigned_at, owner_client_id FROM agents
     WHERE organization_id = $1 AND NOT deleted AND routing_status = 'accepting_chats' ORDER BY agent_id`,
    [organizationId],
  );
  return rows.map((r) => ({
    id: r.agent_id,
    name: r.profile.name ?? '',
    ...(r.profile.avatar && { avatar: r.profile.avatar }),
    ...(r.profile.job_title && { job_title: r.profile.job_title }),
    is_bot: r.owner_client_id !== null,
    routing_status: r.routing_status,
    active_chats: r.active_chats,
    max_chats_count: typeof r.profile.max_chats_count === 'number' ? r.profile.max_chats_count : 0,
    groups: groupsOf(r.profile.groups),
    ...(r.owner_client_id !== null && PRIORITIES.has(r.profile.default_group_priority as string) && {
      default_group_priority: r.profile.default_group_priority as RoutingCandidate['groups'][number]['priority'],
    }),
    last_assigned_at: r.last_assigned_at ? new Date(r.last_assigned_at).toISOString() : null,
  }));
}

/** How many chats of the organization have an active thread now (the widget's client limit counts them). */
export async function activeChatsCount(db: SqlExecutor, organizationId: string): Promise<number> {
  const { rows } = await db.query<{ n: string }>('SELECT count(*)::text AS n FROM chats WHERE organization_id = $1 AND active', [organizationId]);
  return Number(rows[0].n);
}
