/**
 * What the widget reads about its group before and around a chat
 * (customer-chat-api.md §2, §6): whether this site may show it, the group's
 * forms, and whether anyone is there to chat.
 */
import { WidgetConfig } from './config';
import { Form } from './forms';
import { CustomerSession } from './session';

export type GroupStatus = 'online' | 'online_for_queue' | 'offline';

export interface GroupConfiguration {
  domainAllowed: boolean;
  prechat?: Form;
  ticket?: Form;
}

/** `get_dynamic_configuration` (the domain check, the version), then `get_configuration` of that version (the forms). */
export async function readGroupConfiguration(session: CustomerSession, config: WidgetConfig): Promise<GroupConfiguration> {
  const group = { group_id: config.groupId };
  const dynamic = await session.get<{ config_version: string; domain_allowed: boolean }>('get_dynamic_configuration', {
    ...group,
    ...(config.page && { url: config.page.url }),
  });
  const configuration = await session.get<{ prechat_form?: Form; ticket_form?: Form }>('get_configuration', { ...group, version: dynamic.config_version });
  return { domainAllowed: dynamic.domain_allowed, prechat: configuration.prechat_form, ticket: configuration.ticket_form };
}

/** `list_group_statuses` for the widget's group; a group the answer leaves out (deleted) is offline. */
export async function readGroupStatus(session: CustomerSession, groupId: number): Promise<GroupStatus> {
  const answer = await session.request<{ groups_status: Record<string, GroupStatus> }>('list_group_statuses', { group_ids: [groupId] });
  return answer.groups_status[String(groupId)] ?? 'offline';
}
