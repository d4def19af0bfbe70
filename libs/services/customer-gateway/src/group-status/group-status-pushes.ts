import { EventMessage } from '@switchboard/event-store';
import { PushDelivery, RtmConnection } from '@switchboard/gateway-kit';
import { ReadModels } from '@switchboard/read-models';

export type GroupStatus = 'online' | 'offline';

/** The groups agents are in (and group 0, every agent), each online when one of its agents accepts chats. */
export async function groupStatuses(readModels: ReadModels, organizationId: string): Promise<Array<{ id: number; status: GroupStatus }>> {
  const agents = await readModels.agents(organizationId);
  const groupsOf = (agent: (typeof agents)[number]) => [0, ...agent.profile.groups.map((g) => g.id)];
  const online = new Set(agents.filter((a) => a.routing_status === 'accepting_chats').flatMap(groupsOf));
  const all = [...new Set(agents.flatMap(groupsOf).concat(0))].sort((a, b) => a - b);
  return all.map((id) => ({ id, status: online.has(id) ? 'online' : 'offline' }));
}

/**
 * An agent's routing status changed: every customer connection may see its
 * group go online or offline. One delivery with every group's status; each
 * v3.5 connection keeps only its own group's, and only when it changed
 * ({@link watchGroupStatus}); v3.4 connections never get the push.
 */
export async function groupStatusPushes(message: EventMessage, readModels: ReadModels): Promise<PushDelivery[]> {
  if (message.type !== 'routing_status_set') return [];
  const groups = await groupStatuses(readModels, message.organization_id);
  return [{ action: 'groups_status_updated', payload: { groups }, allCustomers: true }];
}

/**
 * A customer watches one group (its login's `group_id`, 0 by default, the
 * SDK's "monitoring" group): `groups_status_updated` reaches it as
 * `{groups: [{id, status}]}` for that group alone, when its status is not the
 * one the customer last saw (at login, or in the last push).
 */
export function watchGroupStatus(connection: RtmConnection, groupId: number, onlineGroupIds: readonly number[]): void {
  let last: GroupStatus = onlineGroupIds.includes(groupId) ? 'online' : 'offline';
  connection.adaptPush = (action, payload) => {
    if (action !== 'groups_status_updated') return payload;
    const group = (payload as { groups: Array<{ id: number; status: GroupStatus }> }).groups.find((g) => g.id === groupId);
    const status = group?.status ?? 'offline';
    if (status === last) return undefined;
    last = status;
    return { groups: [{ id: groupId, status }] };
  };
}
