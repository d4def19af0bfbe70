import { Migration } from '@switchboard/event-store';

/**
 * The webhook dispatcher's own state (ADR 0044): every delivery it owes, with
 * its attempts — the delivery log, the retry schedule and the dead-letter list
 * in one table — and how far it has read each stream. Not rebuildable from the
 * events: deliveries happened.
 */
export const WEBHOOK_DELIVERY_MIGRATIONS: Migration[] = [
  {
    id: 135,
    name: 'webhook-deliveries',
    up: `
      CREATE TABLE webhook_deliveries (
        id text PRIMARY KEY,
        organization_id text NOT NULL,
        webhook_id text NOT NULL,
        -- Order is kept per webhook and chain (the event's stream), by ord (the event's global position, then its occurrence).
        chain text NOT NULL,
        ord bigint NOT NULL,
        event_id text NOT NULL,
        action text NOT NULL,
        url text NOT NULL,
        -- The envelope without the secret: action, organization_id, payload, additional_data.
        body jsonb NOT NULL,
        status text NOT NULL DEFAULT 'pending',
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        deadline timestamptz NOT NULL,
        claimed_by text,
        claim_until timestamptz,
        last_status integer,
        last_error text,
        latency_ms integer,
        event_created_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz,
        replay_of text
      );
      CREATE INDEX webhook_deliveries_chain ON webhook_deliveries (webhook_id, chain, ord) WHERE status = 'pending';
      CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
      CREATE INDEX webhook_deliveries_log ON webhook_deliveries (organization_id, webhook_id, created_at DESC);
      CREATE INDEX webhook_deliveries_claims ON webhook_deliveries (claimed_by) WHERE status = 'pending' AND claimed_by IS NOT NULL;
      -- The dead-letter list, counted for the metrics every few seconds without reading the whole log.
      CREATE INDEX webhook_deliveries_dead ON webhook_deliveries (webhook_id) WHERE status = 'dead';
      CREATE TABLE webhook_stream_cursors (
        stream_id text PRIMARY KEY,
        version bigint NOT NULL,
        sequence bigint NOT NULL
      );
      CREATE TABLE webhook_pauses (
        webhook_id text PRIMARY KEY,
        organization_id text NOT NULL,
        paused_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
  {
    id: 137,
    name: 'webhook-deliveries-without-claims-index',
    // Claims are renewed by the ids a replica holds (ADR 0044), not found by replica: the index only cost every write.
    up: `DROP INDEX IF EXISTS webhook_deliveries_claims;`,
  },
];
