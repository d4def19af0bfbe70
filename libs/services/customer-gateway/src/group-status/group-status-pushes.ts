import { EventMessage, parseStreamId, SqlExecutor } from '@switchboard/event-store';
import { PushDelivery, PushPlanner, RtmConnection } from '@switchboard/gateway-kit';
import { loadWidgetConfiguration, QueueQueries, ReadModels, routingCandidates } from '@switchboard/read-models';
import { GroupStatus, groupStatus } from '@switchboard/routing/domain';
import { routingSettingsOf } from '@switchboard/widget/domain';

export interface GroupStatusEntry {
  id: number;
  status: GroupStatus;
}

/**
 * Every group's status as `list_group_statuses` answers it (ADR 0033, 0035):
 * the routing domain's `groupStatus` on the live routing state and the
 * group's routing settings (ADR 0036, 0037) — a free seat `online`, every seat taken
 * `online_for_queue` (queues on, or manual routing), else `offline`.
 */
export async function groupStatuses(readModels: ReadModels, db: SqlExecutor, organizationId: string): Promise<GroupStatusEntry[]> {
  const [groups, candidates, configuration, queued] = await Promise.all([
    readModels.groups(organizationId),
    routingCandidates(db, organizationId),
    loadWidgetConfiguration(db, organizationId),
    new QueueQueries(db).queueLengths(organizationId),
  ]);
  const ids = [...new Set([0, ...groups.map((g) => g.id)])].sort((a, b) => a - b);
  // A full queue takes no more chats (ADR 0038): the group is offline to newcomers until it has room.
  return ids.map((id) => ({ id, status: groupStatus(candidates, id, routingSettingsOf(configuration, id), queued.get(id) ?? 0) }));
}

/** A group's members change with these events of the organization's stream. */
const GROUP_EVENTS = new Set(['group_created', 'group_updated', 'group_deleted']);

/**
 * Events after which a group's status may differ: anything about an agent
 * (routing status, profile), a group's members, the widget's settings
 * (queues), a seat taken or freed in a chat (an agent added, removed, or its
 * thread closed), and a chat joining or leaving a queue (a thread started or
 * closed): a full queue shows the group offline (ADR 0038).
 */
export function mayChangeGroupStatus(message: EventMessage): boolean {
  const { type } = parseStreamId(message.stream_id);
  if (type === 'agent') return true;
  if (type === 'organization') return GROUP_EVENTS.has(message.type);
  if (type === 'widget') return message.type === 'widget_settings_updated' || message.type === 'routing_settings_updated';
  if (type !== 'chat') return false;
  const data = message.data as { user?: { type?: string }; user_type?: string; agent_ids?: string[] };
  switch (message.type) {
    case 'user_added':
      return data.user?.type === 'agent';
    case 'user_removed':
      return data.user_type === 'agent';
    case 'thread_started':
    case 'thread_deactivated':
      return true;
    default:
      return false;
  }
}

/**
 * A group's status may have changed: every customer connection may see its
 * group's. One delivery with every group's status; each v3.5 connection keeps
 * only its own group's, and only when it changed ({@link watchGroupStatus});
 * v3.4 connections never get the push.
 */
export async function groupStatusPushes(message: EventMessage, readModels: ReadModels, db: SqlExecutor): Promise<PushDelivery[]> {
  if (!mayChangeGroupStatus(message)) return [];
  const groups = await groupStatuses(readModels, db, message.organization_id);
  return [{ action: 'groups_status_updated', payload: { groups }, allCustomers: true }];
}

/** The customer push planner, with `groups_status_updated` added (one line in the module). */
export function withGroupStatusPushes(planner: PushPlanner, readModels: ReadModels, db: SqlExecutor): PushPlanner {
  return async (message) => [...(await planner(message)), ...(await groupStatusPushes(message, readModels, db))];
}

/**
 * A customer watches one group (its login's `group_id`, 0 by default, the
 * SDK's "monitoring" group): `groups_status_updated` reaches it as
 * `{groups: [{id, status}]}` for that group alone, when its status is not the
 * one the customer last saw (at login, or in the last push).
 */
export function watchGroupStatus(connection: RtmConnection, groupId: number, atLogin: readonly GroupStatusEntry[]): void {
  let last: GroupStatus = atLogin.find((g) => g.id === groupId)?.status ?? 'offline';
  connection.adaptPush = (action, payload) => {
    if (action !== 'groups_status_updated') return payload;
    const group = (payload as { groups: GroupStatusEntry[] }).groups.find((g) => g.id === groupId);
    const status = group?.status ?? 'offline';
    if (status === last) return undefined;
    last = status;
    return { groups: [{ id: groupId, status }] };
  };
}
