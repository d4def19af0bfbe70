/** Payload schemas of Configuration API methods: agents and groups (configuration-api.md §1, §4). */
import { z } from 'zod';
import { AUTO_ACCESS_SCHEMAS } from './auto-access';
import { BOT_SCHEMAS } from './bots';
import { email, groupId, id, list, name, shortText, text, url } from './common';
import { PROPERTY_SCHEMAS } from './properties';
import { groupPrioritySchema, workScheduler } from './routing-settings';
import { WEBHOOK_OPERATION_SCHEMAS } from './webhook-operations';
import { WEBHOOK_SCHEMAS } from './webhooks';
import { WIDGET_SETTINGS_SCHEMAS } from './widget-settings';

export { groupPrioritySchema, type GroupPriority } from './routing-settings';

const loginStatus = z.enum(['accepting chats', 'not accepting chats']);

const agentField = z.enum([
  'work_scheduler',
  'groups',
  'email_subscriptions',
  'notifications',
  'job_title',
  'mobile',
  'max_chats_count',
  'suspended',
  'awaiting_approval',
]);

const notification = z.enum([
  'new_visitor',
  'incoming_chat',
  'returning_visitor',
  'queued_visitor',
  'visitor_is_typing',
  'new_goal',
  'unassigned_chats',
  'unassigned_chat_messages',
  'ticket',
  'inactive_notifications',
  'mute_all_sounds',
  'repeat_sound_notifications',
  'ticket_notifications',
  'incoming_message_for_focused_chat',
]);

/** Settings an agent may have; every field optional, as `update_agent` changes only what it is given. */
const agentSettings = {
  name: name().min(1, 'must not be empty').optional(),
  avatar: url().optional(),
  login_status: loginStatus.optional(),
  job_title: text().optional(),
  mobile: shortText().optional(),
  max_chats_count: z.number().int().min(0).max(100).optional(),
  groups: list(z.object({ id: groupId(), priority: groupPrioritySchema }), 200).optional(),
  notifications: list(notification).optional(),
  email_subscriptions: list(z.enum(['daily_summary', 'weekly_summary'])).optional(),
  work_scheduler: workScheduler.optional(),
};

/** `create_agent`; the documented defaults (role `normal`, `not accepting chats`, 6 chats) are filled in. */
export const createAgentSchema = z.object({
  ...agentSettings,
  id: email(),
  name: name().min(1, 'must not be empty'),
  // `owner` is reached only by transferring ownership through update_agent.
  role: z.enum(['viceowner', 'administrator', 'normal']).default('normal'),
  login_status: loginStatus.default('not accepting chats'),
  max_chats_count: z.number().int().min(0).max(100).default(6),
  awaiting_approval: z.boolean().optional(),
});

/** `get_agent` with optional extra `fields`. */
export const getAgentSchema = z.object({ id: id(), fields: list(agentField).optional() });

/** `list_agents`, optionally by group, with optional extra `fields`. */
export const listAgentsSchema = z.object({
  filters: z.object({ group_ids: list(groupId(), 200).optional() }).optional(),
  fields: list(agentField).optional(),
});

/** `update_agent`: only the given fields change; `role: owner` is an ownership transfer. */
export const updateAgentSchema = z.object({
  ...agentSettings,
  id: id(),
  role: z.enum(['owner', 'viceowner', 'administrator', 'normal']).optional(),
});

/** `delete_agent`. */
export const deleteAgentSchema = z.object({ id: id() });

/** `suspend_agent` / `unsuspend_agent` / `approve_agent`. */
export const suspendAgentSchema = z.object({ id: id() });

const groupName = () => name().min(1, 'must not be empty');
const groupLanguage = () => id(16);
const agentPriorities = () =>
  z
    .record(id(), groupPrioritySchema)
    .refine((priorities) => Object.values(priorities).includes('normal'), 'at least one member must have priority normal');

/** `update_group`: only the given fields change; `agent_priorities` replaces the group's map (ADR 0018). */
export const updateGroupSchema = z.object({
  id: groupId(),
  name: groupName().optional(),
  language_code: groupLanguage().optional(),
  agent_priorities: agentPriorities().optional(),
});

/**
 * `create_group`: `name` and `agent_priorities` are required. The JS SDK's
 * `updateGroup` sends `create_group` with the group's `id` (README §7): such a
 * call is an `update_group`, validated as one (nothing else required).
 */
export const createGroupSchema = z
  .object({
    id: groupId().optional(),
    name: groupName().optional(),
    language_code: groupLanguage().optional(),
    agent_priorities: agentPriorities().optional(),
  })
  .superRefine((group, context) => {
    if (group.id !== undefined) return;
    for (const field of ['name', 'agent_priorities'] as const) {
      if (group[field] === undefined) context.addIssue({ code: 'custom', path: [field], message: 'Required' });
    }
  });

const groupField = z.enum(['agent_priorities', 'routing_status']);

/** `get_group` with optional extra `fields`. */
export const getGroupSchema = z.object({ id: groupId(), fields: list(groupField).optional() });

/** `delete_group`. */
export const deleteGroupSchema = z.object({ id: groupId() });

/** `list_groups` with optional extra `fields`. */
export const listGroupsSchema = z.object({
  fields: list(groupField).optional(),
});

/** Configuration API schemas by action. */
/** 9 digits; from a query string it arrives as text. */
const licenseId = z.coerce.number().int('must be an integer').min(1, 'must be positive').max(Number.MAX_SAFE_INTEGER);

export const CONFIGURATION_SCHEMAS = {
  get_license_id: z.object({ organization_id: id() }),
  get_organization_id: z.object({ license_id: licenseId }),
  create_agent: createAgentSchema,
  get_agent: getAgentSchema,
  list_agents: listAgentsSchema,
  update_agent: updateAgentSchema,
  delete_agent: deleteAgentSchema,
  suspend_agent: suspendAgentSchema,
  unsuspend_agent: suspendAgentSchema,
  approve_agent: suspendAgentSchema,
  create_group: createGroupSchema,
  update_group: updateGroupSchema,
  delete_group: deleteGroupSchema,
  list_groups: listGroupsSchema,
  get_group: getGroupSchema,
  ...AUTO_ACCESS_SCHEMAS,
  ...PROPERTY_SCHEMAS,
  ...BOT_SCHEMAS,
  ...WIDGET_SETTINGS_SCHEMAS,
  ...WEBHOOK_SCHEMAS,
  ...WEBHOOK_OPERATION_SCHEMAS,
} satisfies Record<string, z.ZodType>;
