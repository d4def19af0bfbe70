import { BOT_EVENT_TYPES, BotEvent } from '@switchboard/configuration/domain';
import { InlineProjection, RecordedEvent, SqlExecutor } from '@switchboard/event-store';
import { markDeleted, mergeProfile } from './configuration.projection';

async function applyBotEvent(tx: SqlExecutor, organizationId: string, event: BotEvent): Promise<void> {
  switch (event.type) {
    case 'bot_created':
      await tx.query(
        `INSERT INTO agents (organization_id, agent_id, profile, owner_client_id) VALUES ($1, $2, $3, $4)
         ON CONFLICT (organization_id, agent_id) DO NOTHING`,
        [organizationId, event.data.id, JSON.stringify(event.data), event.data.owner_client_id],
      );
      return;
    case 'bot_updated': {
      const { id, ...changes } = event.data;
      await mergeProfile(tx, organizationId, id, changes);
      return;
    }
    case 'bot_deleted':
      await markDeleted(tx, organizationId, event.data.id);
      return;
    default:
      // routing_status_set: the configuration projection keeps every agent's status, bots' included.
      return;
  }
}

/**
 * Bots as rows of the `agents` table, marked by their `owner_client_id`, so
 * routing, capacity, groups and routing statuses see them as agents (ADR 0024).
 */
export const botProjection: InlineProjection = {
  name: 'bots',
  eventTypes: [...BOT_EVENT_TYPES],
  async apply(events: readonly RecordedEvent[], tx: SqlExecutor): Promise<void> {
    for (const recorded of events) {
      if (!recorded.streamId.startsWith('agent-') || !BOT_EVENT_TYPES.has(recorded.type)) continue;
      await applyBotEvent(tx, recorded.organizationId, { type: recorded.type, data: recorded.data } as BotEvent);
    }
  },
};
