import { ActionRegistry, requireScope } from '@switchboard/gateway-kit';
import { ApiError, PayloadOf } from '@switchboard/protocol';
import { AgentSession } from './agent-session';

/** RTM `set_away_status` and `change_push_notifications`: about the connection that asks. */
export function registerSessionHandlers(registry: ActionRegistry, session: AgentSession): void {
  registry.register('set_away_status', async (context, payload: PayloadOf<'agent', 'set_away_status'>) => {
    requireScope(context, 'agents--my:rw');
    if (context.requester.type !== 'agent' || !context.connectionId) throw new ApiError('validation', 'set_away_status is available over RTM only');
    await session.setAway(context.organizationId, context.requester.id, context.connectionId, payload.away, context.requestId);
    return {};
  });

  registry.register('change_push_notifications', async (context, payload: PayloadOf<'agent', 'change_push_notifications'>) => {
    if (!context.connectionId) throw new ApiError('validation', 'change_push_notifications is available over RTM only');
    await session.setPushNotifications(context.connectionId, payload);
    return {};
  });
}
