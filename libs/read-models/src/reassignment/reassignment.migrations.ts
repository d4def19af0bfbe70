import { Migration } from '@switchboard/event-store';

/** Reassignment and presence (ADR 0039). */
export const REASSIGNMENT_MIGRATIONS: Migration[] = [
  {
    id: 130,
    name: 'reassignment-lookups',
    // The router's sweeps, derived from the database so they survive restarts: agents gone offline who still hold
    // seats, the active chats of an agent, and the active chats whose customer waits for a reply.
    up: `
      CREATE INDEX agents_offline_holding_chats ON agents (organization_id) WHERE routing_status = 'offline' AND active_chats > 0;
      CREATE INDEX chats_active_by_agent ON chats USING gin (agent_ids) WHERE active;
      CREATE INDEX chats_active_by_customer_message ON chats (organization_id, customer_last_event_at) WHERE active;
    `,
  },
  {
    id: 131,
    name: 'agent-gateway-heartbeats',
    // One heartbeat row per gateway process instead of one write per connection: beating often costs one row.
    up: `
      CREATE TABLE agent_gateways (
        instance_id text PRIMARY KEY,
        heartbeat_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
];
