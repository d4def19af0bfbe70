import { customerGroupIds, isOnline } from '@switchboard/customer/application';
import { CustomerRecord, CustomerRecords, ReadModels } from '@switchboard/read-models';

/**
 * Customer monitoring levels (agent-chat-api §8 `login`, routing.md §9; ADR 0030):
 * `my` — the customers of the agent's chats and those it follows; `chatting` —
 * also every customer chatting in the agent's groups; `invited` — also those
 * greeted there; `online` and `highest_available` — also every visitor there.
 */
export type MonitoringLevel = 'my' | 'chatting' | 'invited' | 'online' | 'highest_available';

/** How the agent relates to the customer. */
export interface Relation {
  /** A present agent of the customer's chat. */
  member: boolean;
  follower: boolean;
  /** The agent belongs to one of the groups the customer is visible to. */
  inGroups: boolean;
}

/** Whether an agent at `level` hears about this customer; `online` forces the visitor's presence (it just left). */
export function monitors(level: MonitoringLevel, relation: Relation, record: CustomerRecord, online = isOnline(record.data)): boolean {
  if (relation.member) return true;
  if (!relation.inGroups) return false;
  if (relation.follower) return true;
  const chatting = record.chat_active;
  const invited = chatting || record.data.greeting !== undefined;
  switch (level) {
    case 'my':
      return false;
    case 'chatting':
      return chatting;
    case 'invited':
      return invited;
    default:
      return invited || online;
  }
}

/** Group 0 holds every agent. */
export const sharesGroup = (agentGroups: number[], customerGroups: number[]): boolean =>
  customerGroups.includes(0) || customerGroups.some((g) => agentGroups.includes(g));

/**
 * The agents who may see the customer and monitor it at their level: the
 * chat's present agents, and the agents of the customer's groups (followers
 * among them always, others by level).
 */
export async function customerAudience(
  organizationId: string,
  record: CustomerRecord,
  readModels: ReadModels,
  records: CustomerRecords,
  options: { online?: boolean } = {},
): Promise<string[]> {
  const groups = customerGroupIds(record);
  const [groupAgents, chat] = await Promise.all([
    readModels.agents(organizationId, groups.includes(0) ? {} : { groupIds: groups }),
    record.chat_id ? readModels.chat(organizationId, record.chat_id) : Promise.resolve(undefined),
  ]);
  const members = new Set(chat?.state.users.filter((u) => u.type === 'agent' && u.present).map((u) => u.id) ?? []);
  const inGroup = new Set(groupAgents.map((a) => a.profile.id));
  const candidates = [...new Set([...members, ...inGroup])];
  const levels = await records.monitoringLevels(organizationId, candidates);
  return candidates.filter((agentId) => {
    const level = (levels.get(agentId) ?? 'my') as MonitoringLevel;
    const relation = { member: members.has(agentId), follower: record.data.followers.includes(agentId), inGroups: inGroup.has(agentId) };
    return monitors(level, relation, record, options.online);
  });
}
