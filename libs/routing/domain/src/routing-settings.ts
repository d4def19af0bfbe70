/**
 * How an organization routes chats: the settings LiveChat keeps as license
 * and group settings of its routing (routing.md §4–§5, ADR 0036), kept on
 * the organization's `widget-<id>` stream and set with
 * `switchboard_update_routing_settings`. Pure: no I/O, no clock.
 */
export interface RoutingSettings {
  /** A returning customer goes to the agent who chatted with them last, if that agent accepts chats (`chats.prefer_recent_agent`). */
  prefer_recent_agent: boolean;
  /** New chats wait in the queue; accepting agents are told and the first to pick one wins (`chats.manual_routing`). */
  manual_routing: boolean;
  /** Whether chats wait in a queue when every seat is taken (`chats.queue.enabled`); otherwise the group is offline. */
  queue_enabled: boolean;
  /** At most this many chats wait in a group's queue (`chats.queue.limit`). */
  queue_limit: number;
  /** A queued chat nobody takes within this many minutes is archived with `routing.archived_offline`; 0 = never. */
  queue_timeout_min: number;
  /** The assignee silent this many minutes after the customer wrote → the next agent (`chats.transfer_chat_after_min`); 0 = never. */
  transfer_chat_after_min: number;
  /** A thread with no events this many minutes is archived with `routing.archived_inactive`; 0 = never. */
  inactivity_timeout_min: number;
  /** An agent whose last connection dropped keeps their chats this many seconds, so a reconnect does not lose them. */
  reconnect_grace_s: number;
}

export const DEFAULT_ROUTING_SETTINGS: Readonly<RoutingSettings> = Object.freeze({
  prefer_recent_agent: false,
  manual_routing: false,
  queue_enabled: true,
  queue_limit: 100,
  queue_timeout_min: 30,
  transfer_chat_after_min: 0,
  inactivity_timeout_min: 30,
  reconnect_grace_s: 30,
});

/** The license's settings and each group's own overrides (group id → the settings it sets). */
export interface OrganizationRoutingSettings {
  license: RoutingSettings;
  groups: Record<string, Partial<RoutingSettings>>;
}

export const DEFAULT_ORGANIZATION_ROUTING: Readonly<OrganizationRoutingSettings> = Object.freeze({ license: DEFAULT_ROUTING_SETTINGS, groups: {} });

/** The settings that hold for a chat of `groupId`: the group's own over the license's (group 0 has none of its own). */
export function routingSettingsFor(settings: OrganizationRoutingSettings | undefined, groupId: number): RoutingSettings {
  const license = { ...DEFAULT_ROUTING_SETTINGS, ...settings?.license };
  return groupId === 0 ? license : { ...license, ...settings?.groups[String(groupId)] };
}

/** Applies a change: group 0 changes the license's settings, any other group its overrides (`null` removes an override). */
export function changeRoutingSettings(
  current: OrganizationRoutingSettings | undefined,
  groupId: number,
  change: { [K in keyof RoutingSettings]?: RoutingSettings[K] | null },
): OrganizationRoutingSettings {
  const base: OrganizationRoutingSettings = { license: { ...DEFAULT_ROUTING_SETTINGS, ...current?.license }, groups: { ...current?.groups } };
  if (groupId === 0) {
    const set = Object.fromEntries(Object.entries(change).filter(([, v]) => v !== null && v !== undefined));
    return { ...base, license: { ...base.license, ...set } };
  }
  const own: Record<string, unknown> = { ...base.groups[String(groupId)] };
  for (const [key, value] of Object.entries(change)) {
    if (value === null) delete own[key];
    else if (value !== undefined) own[key] = value;
  }
  const groups = { ...base.groups };
  if (Object.keys(own).length === 0) delete groups[String(groupId)];
  else groups[String(groupId)] = own as Partial<RoutingSettings>;
  return { ...base, groups };
}
