import { RoutingSettings } from '../routing-settings';
import { WaitingChat } from './queue-positions';

/**
 * The queue's rules (routing.md §5, ADR 0038): whether a new chat may join
 * a group's queue, whether a group is open for queueing, and which queued
 * chats waited too long. Pure: settings, counts and the time come in.
 */

type QueueSettings = Pick<RoutingSettings, 'queue_enabled' | 'queue_limit' | 'queue_timeout_min'>;

/** Whether one more chat may wait in a group's queue that holds `queued` chats. */
export function queueOpen(settings: QueueSettings, queued: number): boolean {
  return settings.queue_enabled && queued < settings.queue_limit;
}

/** What happens to a customer's new thread of a group, given whether an agent can take it at once. */
export type QueueAdmission = 'admit' | 'groups_offline' | 'limit_reached';

/**
 * A new thread nobody can take at once must wait: with queues off there is
 * nowhere to wait (`groups_offline`: the group shows as offline), with the
 * group's queue full it may not join it (`limit_reached`). A continuous chat
 * (Messaging Mode) needs no online group and is always let in.
 */
export function admitToQueue(input: { canBeTakenNow: boolean; continuous: boolean; settings: QueueSettings; queued: number }): QueueAdmission {
  if (input.canBeTakenNow || input.continuous) return 'admit';
  if (!input.settings.queue_enabled) return 'groups_offline';
  return input.queued < input.settings.queue_limit ? 'admit' : 'limit_reached';
}

/**
 * The waiting chats whose time is up: waiting `queue_timeout_min` minutes of
 * their group or longer (0 = never). `minuteMs` is a minute's length (shorter
 * in tests only).
 */
export function timedOutChats<C extends WaitingChat>(
  waiting: readonly C[],
  settingsOf: (groupId: number) => QueueSettings,
  now: string,
  minuteMs = 60_000,
): C[] {
  const at = Date.parse(now);
  return waiting.filter((chat) => {
    const minutes = settingsOf(chat.group_id).queue_timeout_min;
    return minutes > 0 && at - Date.parse(chat.queued_at) >= minutes * minuteMs;
  });
}

/** The system message of a chat archived because nobody took it from the queue (routing.md §7). */
export const ARCHIVED_OFFLINE_MESSAGE = Object.freeze({
  system_message_type: 'routing.archived_offline',
  text: 'Chat archived due to no available agents',
});
