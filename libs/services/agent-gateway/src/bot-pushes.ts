import { fullBot } from '@switchboard/configuration/application';
import { BOT_EVENT_TYPES, BotEvent } from '@switchboard/configuration/domain';
import { EventMessage } from '@switchboard/event-store';
import { PushDelivery } from '@switchboard/gateway-kit';

/** Agents hear of bots only with the scope that reads them (agent-chat-api.md §8, `login` scopes). */
const BOTS_SCOPE = 'agents-bot--all:ro';

/** Is this an event only a bot's stream holds (`bot_created`, `bot_updated`, `bot_deleted`)? */
export const isBotEvent = (message: EventMessage): boolean => BOT_EVENT_TYPES.has(message.type);

/**
 * What the organization's logged-in agents holding `agents-bot--all:ro` hear
 * of a bot's configuration: the whole bot, only what changed, or its id.
 * (Its routing status is every agent's news, like an agent's.)
 */
export function botStreamPushes(message: EventMessage): PushDelivery[] {
  const event = { type: message.type, data: message.data } as BotEvent;
  const toAll = (payload: unknown): PushDelivery[] => [{ action: event.type, payload, allAgents: true, scope: BOTS_SCOPE }];
  switch (event.type) {
    case 'bot_created':
      return toAll(fullBot(event.data));
    case 'bot_updated':
    case 'bot_deleted':
      return toAll(event.data);
    default:
      return [];
  }
}
