import { SqlExecutor } from '@switchboard/event-store';
import { WebhookRegistration } from '@switchboard/webhooks/domain';

/** Reads of the webhook registrations: what list_webhooks shows and what the dispatcher matches against. */
export class WebhookQueries {
  constructor(private readonly db: SqlExecutor) {}

  /** The organization's webhooks (of one client id when given), in the order they were registered. */
  async webhooks(organizationId: string, ownerClientId?: string): Promise<WebhookRegistration[]> {
    const { rows } = await this.db.query<{ data: Omit<WebhookRegistration, 'organization_id'> }>(
      `SELECT data FROM webhooks WHERE organization_id = $1 AND ($2::text IS NULL OR owner_client_id = $2) ORDER BY position`,
      [organizationId, ownerClientId ?? null],
    );
    return rows.map(({ data }) => ({ ...data, organization_id: organizationId }));
  }

  /** One webhook of the organization; another organization's is none. */
  async webhook(organizationId: string, id: string): Promise<WebhookRegistration | undefined> {
    const { rows } = await this.db.query<{ data: Omit<WebhookRegistration, 'organization_id'> }>(
      'SELECT data FROM webhooks WHERE organization_id = $1 AND webhook_id = $2',
      [organizationId, id],
    );
    return rows[0] && { ...rows[0].data, organization_id: organizationId };
  }

  /** Client ids whose license webhooks are disabled in the organization (every other client's are enabled). */
  async disabledLicenseWebhookClients(organizationId: string): Promise<string[]> {
    const { rows } = await this.db.query<{ owner_client_id: string }>(
      'SELECT owner_client_id FROM disabled_license_webhooks WHERE organization_id = $1 ORDER BY owner_client_id',
      [organizationId],
    );
    return rows.map((r) => r.owner_client_id);
  }

  /** Organizations with at least one webhook registered. */
  async organizationsWithWebhooks(): Promise<string[]> {
    const { rows } = await this.db.query<{ organization_id: string }>('SELECT DISTINCT organization_id FROM webhooks ORDER BY organization_id');
    return rows.map((r) => r.organization_id);
  }
}
