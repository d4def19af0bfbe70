import { AgentProfile, BotProfile } from '@switchboard/configuration/domain';

/**
 * `agent_created`'s payload, push and webhook alike: the full agent, as
 * agent-chat-api.md's configuration pushes and webhooks.md §4 list it.
 */
export function fullAgent(profile: AgentProfile): Record<string, unknown> {
  return {
    id: profile.id,
    name: profile.name,
    role: profile.role,
    awaiting_approval: profile.awaiting_approval,
    ...(profile.avatar && { avatar: profile.avatar }),
    ...(profile.job_title && { job_title: profile.job_title }),
    ...(profile.mobile && { mobile: profile.mobile }),
    max_chats_count: profile.max_chats_count,
    groups: profile.groups,
    notifications: profile.notifications ?? [],
    email_subscriptions: profile.email_subscriptions ?? [],
    work_scheduler: profile.work_scheduler ?? {},
  };
}

/** `bot_created`'s payload, push and webhook alike: the full bot. */
export function fullBot(bot: BotProfile): Record<string, unknown> {
  return {
    id: bot.id,
    name: bot.name,
    ...(bot.avatar && { avatar: bot.avatar }),
    max_chats_count: bot.max_chats_count,
    default_group_priority: bot.default_group_priority,
    groups: bot.groups,
    ...(bot.work_scheduler && { work_scheduler: bot.work_scheduler }),
    ...(bot.timezone && { timezone: bot.timezone }),
    owner_client_id: bot.owner_client_id,
    ...(bot.job_title && { job_title: bot.job_title }),
  };
}
