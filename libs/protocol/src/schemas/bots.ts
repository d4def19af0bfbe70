/** Payload schemas of the Configuration API's bot methods (configuration-api.md §3). */
import { z } from 'zod';
import { groupId, id, list, name, shortText, text, url } from './common';
import { groupPrioritySchema, workScheduler } from './routing-settings';

/** An IANA time zone name the runtime knows (`Europe/Warsaw`, `UTC`). */
const timezone = () =>
  shortText().refine((zone) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'must be an IANA time zone, e.g. Europe/Warsaw');

const botField = z.enum(['groups', 'work_scheduler', 'job_title', 'max_chats_count', 'timezone']);

/** Settings a bot may have; every field optional, as `update_bot` changes only what it is given. */
const botSettings = {
  name: name().min(1, 'must not be empty').optional(),
  avatar: url().optional(),
  // The JS SDK's BotFields call it avatar_path (as get_bot answers); `avatar` wins when both are sent.
  avatar_path: url().optional(),
  max_chats_count: z.number().int().min(0).max(500).optional(),
  default_group_priority: groupPrioritySchema.optional(),
  job_title: text().optional(),
  // A group without a priority gets the bot's default_group_priority.
  groups: list(z.object({ id: groupId(), priority: groupPrioritySchema.optional() }), 200).optional(),
  work_scheduler: workScheduler.optional(),
  timezone: timezone().optional(),
};

/** `timezone` is required along with `work_scheduler` (configuration-api.md §3). */
const timezoneWithScheduler = (bot: { work_scheduler?: unknown; timezone?: string }, context: z.RefinementCtx) => {
  if (bot.work_scheduler !== undefined && bot.timezone === undefined) {
    context.addIssue({ code: 'custom', path: ['timezone'], message: 'Required with work_scheduler' });
  }
};

/** `create_bot`; `owner_client_id` only with a personal access token (the handler checks, it depends on the credential). */
export const createBotSchema = z
  .object({ ...botSettings, name: name().min(1, 'must not be empty'), owner_client_id: id().optional() })
  .superRefine(timezoneWithScheduler);

/** `update_bot`: only the given fields change. */
export const updateBotSchema = z.object({ ...botSettings, id: id() }).superRefine(timezoneWithScheduler);

/** `delete_bot`. */
export const deleteBotSchema = z.object({ id: id() });

/** `list_bots`: `all: false` (default) lists the requester's bots only. */
export const listBotsSchema = z.object({ all: z.boolean().default(false), fields: list(botField).optional() });

/** `get_bot`. */
export const getBotSchema = z.object({ id: id(), fields: list(botField).optional() });

/** Bot methods by action; spread into the Configuration API's schemas. */
export const BOT_SCHEMAS = {
  create_bot: createBotSchema,
  update_bot: updateBotSchema,
  delete_bot: deleteBotSchema,
  list_bots: listBotsSchema,
  get_bot: getBotSchema,
} satisfies Record<string, z.ZodType>;
