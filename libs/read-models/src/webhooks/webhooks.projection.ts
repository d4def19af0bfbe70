import { WEBHOOK_EVENT_TYPES, WebhookEvent } from '@switchboard/configuration/domain';
import { InlineProjection, RecordedEvent, SqlExecutor } from '@switchboard/event-store';

async function applyWebhookEvent(tx: SqlExecutor, organizationId: string, event: WebhookEvent, position: bigint): Promise<void> {
  switch (event.type) {
    case 'webhook_registered': {
      const { webhook } = event.data;
      await tx.query(
        `INSERT INTO webhooks (organization_id, webhook_id, owner_client_id, action, position, data) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (organization_id, webhook_id) DO UPDATE SET owner_client_id = EXCLUDED.owner_client_id, action = EXCLUDED.action,
           position = EXCLUDED.position, data = EXCLUDED.data`,
        [organizationId, webhook.id, webhook.owner_client_id, webhook.action, position.toString(), JSON.stringify(webhook)],
      );
      return;
    }
    case 'webhook_unregistered':
      await tx.query('DELETE FROM webhooks WHERE organization_id = $1 AND webhook_id = $2', [organizationId, event.data.id]);
      await tx.query('DELETE FROM webhook_pauses WHERE webhook_id = $1', [event.data.id]);
      // Nothing will be sent to it any more: what it still owed is dead at once, not at its next attempt (ADR 0044, Operations).
      await tx.query(
        `UPDATE webhook_deliveries SET status = 'dead', last_error = 'webhook unregistered', claimed_by = NULL, claim_until = NULL
         WHERE organization_id = $1 AND webhook_id = $2 AND status = 'pending'`,
        [organizationId, event.data.id],
      );
      return;
    case 'webhook_paused':
      await tx.query('INSERT INTO webhook_pauses (webhook_id, organization_id) VALUES ($1, $2) ON CONFLICT (webhook_id) DO NOTHING', [
        event.data.id,
        organizationId,
      ]);
      return;
    case 'webhook_resumed':
      await tx.query('DELETE FROM webhook_pauses WHERE webhook_id = $1 AND organization_id = $2', [event.data.id, organizationId]);
      return;
    case 'license_webhooks_disabled':
      await tx.query(
        'INSERT INTO disabled_license_webhooks (organization_id, owner_client_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
        [organizationId, event.data.owner_client_id],
      );
      return;
    case 'license_webhooks_enabled':
      await tx.query('DELETE FROM disabled_license_webhooks WHERE organization_id = $1 AND owner_client_id = $2', [
        organizationId,
        event.data.owner_client_id,
      ]);
      return;
  }
}

/** Webhook registrations, license webhook states and paused webhooks, from the organization stream (ADR 0042, 0044). */
export const webhookProjection: InlineProjection = {
  name: 'webhooks',
  eventTypes: [...WEBHOOK_EVENT_TYPES],
  async apply(events: readonly RecordedEvent[], tx: SqlExecutor): Promise<void> {
    for (const recorded of events) {
      if (!recorded.streamId.startsWith('organization-') || !WEBHOOK_EVENT_TYPES.has(recorded.type)) continue;
      await applyWebhookEvent(tx, recorded.organizationId, { type: recorded.type, data: recorded.data } as WebhookEvent, recorded.globalPosition);
    }
  },
};
