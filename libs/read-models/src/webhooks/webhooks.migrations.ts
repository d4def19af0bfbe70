import { Migration } from '@switchboard/event-store';

/** Webhook registrations and license webhook states (configuration-api.md §6; ADR 0042). */
export const WEBHOOK_MIGRATIONS: Migration[] = [
  {
    id: 134,
    name: 'webhooks',
    // `data`: the registration as list_webhooks shows it; `position`: the registering event's, for list order.
    // A client id absent from disabled_license_webhooks has its license webhooks enabled (the default).
    up: `
      CREATE TABLE webhooks (
        organization_id text NOT NULL,
        webhook_id text NOT NULL,
        owner_client_id text NOT NULL,
        action text NOT NULL,
        position bigint NOT NULL,
        data jsonb NOT NULL,
        PRIMARY KEY (organization_id, webhook_id)
      );
      CREATE INDEX webhooks_by_owner ON webhooks (organization_id, owner_client_id);
      CREATE TABLE disabled_license_webhooks (
        organization_id text NOT NULL,
        owner_client_id text NOT NULL,
        PRIMARY KEY (organization_id, owner_client_id)
      );
    `,
  },
];
