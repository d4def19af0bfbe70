import { Migration } from '@switchboard/event-store';
import { WIDGET_MIGRATIONS } from './widget/widget.migrations';
import { ARCHIVE_MIGRATIONS } from './archive/archive.migrations';
import { QUEUE_MIGRATIONS } from './queue/queue.migrations';
import { REASSIGNMENT_MIGRATIONS } from './reassignment/reassignment.migrations';
import { ROUTER_TIMER_MIGRATIONS } from './routing/router-timers.migrations';
import { WEBHOOK_MIGRATIONS } from './webhooks/webhooks.migrations';
import { WEBHOOK_DELIVERY_MIGRATIONS } from './webhook-deliveries/webhook-deliveries.migrations';
import { SIGN_IN_MIGRATIONS } from './sign-in/sign-in.migrations';

/**
 * Read models kept inline by the projections (ids from 100; the event store
 * owns 1–99). All rebuildable from the event log, except `agent_sessions`
 * (live connections), `server_secrets` and the sign-in links. Applied in
 * id order, whichever file a migration is kept in.
 */
export const READ_MODEL_MIGRATIONS: Migration[] = [
  {
    id: 100,
    name: 'read-models',
    up: `
      CREATE TABLE organizations (
        organization_id text PRIMARY KEY,
        name text NOT NULL,
        owner_id text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE groups (
        organization_id text NOT NULL,
        group_id integer NOT NULL,
        data jsonb NOT NULL,
        PRIMARY KEY (organization_id, group_id)
      );
      CREATE TABLE agents (
        organization_id text NOT NULL,
        agent_id text NOT NULL,
        profile jsonb NOT NULL,
        routing_status text NOT NULL DEFAULT 'offline',
        active_chats integer NOT NULL DEFAULT 0 CHECK (active_chats >= 0),
        last_assigned_at timestamptz,
        deleted boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, agent_id)
      );
      CREATE TABLE customers (
        organization_id text NOT NULL,
        customer_id text NOT NULL,
        data jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, customer_id)
      );
      CREATE TABLE chats (
        organization_id text NOT NULL,
        chat_id text NOT NULL,
        version integer NOT NULL,
        customer_id text,
        state jsonb NOT NULL,
        last_event_per_type jsonb NOT NULL DEFAULT '{}',
        customer_last_event_per_type jsonb NOT NULL DEFAULT '{}',
        last_thread_id text,
        last_thread_created_at timestamptz,
        active boolean NOT NULL DEFAULT false,
        agent_ids text[] NOT NULL DEFAULT '{}',
        access_group_ids integer[] NOT NULL DEFAULT '{0}',
        waiting_since timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, chat_id)
      );
      -- One chat per customer per organization (routing.md §2).
      CREATE UNIQUE INDEX chats_one_per_customer ON chats (organization_id, customer_id) WHERE customer_id IS NOT NULL;
      CREATE INDEX chats_waiting ON chats (organization_id, waiting_since) WHERE waiting_since IS NOT NULL;
      CREATE INDEX chats_by_last_thread ON chats (organization_id, last_thread_created_at);
      CREATE TABLE agent_sessions (
        connection_id text PRIMARY KEY,
        organization_id text NOT NULL,
        agent_id text NOT NULL,
        connected_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX agent_sessions_by_agent ON agent_sessions (organization_id, agent_id);
      CREATE TABLE server_secrets (
        name text PRIMARY KEY,
        value text NOT NULL
      );
    `,
  },
  {
    id: 101,
    name: 'agent-session-heartbeats',
    up: `
      ALTER TABLE agent_sessions ADD COLUMN instance_id text NOT NULL DEFAULT '';
      ALTER TABLE agent_sessions ADD COLUMN heartbeat_at timestamptz NOT NULL DEFAULT now();
      CREATE INDEX agent_sessions_by_instance ON agent_sessions (instance_id);
    `,
  },
  {
    id: 102,
    name: 'agent-access',
    up: `
      ALTER TABLE agents ADD COLUMN suspended boolean NOT NULL DEFAULT false;
      ALTER TABLE agents ADD COLUMN token_generation integer NOT NULL DEFAULT 0;
    `,
  },
  {
    id: 103,
    name: 'license-ids',
    // Existing organizations get the id legacyLicenseId() derives from their UUID.
    up: `
      ALTER TABLE organizations ADD COLUMN license_id bigint;
      UPDATE organizations SET license_id =
        ('x' || lpad(substr(replace(organization_id, '-', ''), 1, 8), 16, '0'))::bit(64)::bigint % 900000000 + 100000000;
      ALTER TABLE organizations ALTER COLUMN license_id SET NOT NULL;
      CREATE UNIQUE INDEX organizations_license_id ON organizations (license_id);
    `,
  },
  {
    id: 106,
    name: 'mail-outbox',
    // E-mail kept when no SMTP server is configured (not rebuildable: it is not derived from events).
    up: `
      CREATE TABLE mail_outbox (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        organization_id text NOT NULL,
        recipients text[] NOT NULL,
        subject text NOT NULL,
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
  {
    id: 107,
    name: 'auto-accesses',
    // Auto access rules in list order; positions may have gaps (ADR 0019).
    up: `
      CREATE TABLE auto_accesses (
        organization_id text NOT NULL,
        auto_access_id text NOT NULL,
        position integer NOT NULL,
        data jsonb NOT NULL,
        PRIMARY KEY (organization_id, auto_access_id)
      );
      CREATE INDEX auto_accesses_in_order ON auto_accesses (organization_id, position);
    `,
  },
  {
    id: 108,
    name: 'applications',
    // Registered applications (the default one of each organization is implicit: ADR 0022).
    up: `
      CREATE TABLE applications (
        client_id text PRIMARY KEY,
        organization_id text NOT NULL,
        name text NOT NULL,
        created_at timestamptz NOT NULL
      );
      CREATE INDEX applications_by_organization ON applications (organization_id, created_at);
    `,
  },
  {
    id: 109,
    name: 'properties',
    // Registered properties and the license's and groups' values (ADR 0023).
    up: `
      CREATE TABLE property_definitions (
        organization_id text NOT NULL,
        namespace text NOT NULL,
        name text NOT NULL,
        definition jsonb NOT NULL,
        registered_at timestamptz NOT NULL,
        PRIMARY KEY (organization_id, namespace, name)
      );
      CREATE TABLE license_properties (
        organization_id text NOT NULL,
        namespace text NOT NULL,
        name text NOT NULL,
        value jsonb NOT NULL,
        PRIMARY KEY (organization_id, namespace, name)
      );
      CREATE TABLE group_properties (
        organization_id text NOT NULL,
        group_id integer NOT NULL,
        namespace text NOT NULL,
        name text NOT NULL,
        value jsonb NOT NULL,
        PRIMARY KEY (organization_id, group_id, namespace, name)
      );
    `,
  },
  {
    id: 110,
    name: 'bots',
    // Bots are rows of the agents table (ADR 0024): the application they belong to marks them.
    up: `
      ALTER TABLE agents ADD COLUMN owner_client_id text;
      CREATE INDEX agents_bots ON agents (organization_id, owner_client_id) WHERE owner_client_id IS NOT NULL;
    `,
  },
  {
    id: 111,
    name: 'personal-access-tokens',
    // Hashes only (ADR 0022). A deleted or re-created agent's tokens are gone.
    up: `
      CREATE TABLE personal_access_tokens (
        hash text PRIMARY KEY,
        token_id text NOT NULL,
        organization_id text NOT NULL,
        agent_id text NOT NULL,
        name text NOT NULL,
        created_at timestamptz NOT NULL
      );
      CREATE INDEX personal_access_tokens_by_agent ON personal_access_tokens (organization_id, agent_id, created_at);
    `,
  },
  {
    id: 112,
    name: 'files',
    // Uploaded files' bytes and metadata (ADR 0026): in the database, so every replica serves them; never in events.
    up: `
      CREATE TABLE files (
        organization_id text NOT NULL,
        id text NOT NULL,
        name text NOT NULL,
        content_type text NOT NULL,
        size integer NOT NULL,
        width integer,
        height integer,
        uploaded_by text NOT NULL,
        uploaded_at timestamptz NOT NULL,
        bytes bytea NOT NULL,
        PRIMARY KEY (organization_id, id)
      );
    `,
  },
  {
    id: 116,
    name: 'agent-session-state',
    // Per connection, like the session rows themselves (ADR 0029): away, and the mobile notifications it asked for.
    up: `
      ALTER TABLE agent_sessions ADD COLUMN away boolean NOT NULL DEFAULT false;
      ALTER TABLE agent_sessions ADD COLUMN push_notifications jsonb;
    `,
  },
  {
    id: 117,
    name: 'files-used-at',
    // A file named by a committed file event is kept; one never used expires after FILE_UNUSED_TTL_SECONDS (ADR 0026).
    up: `
      ALTER TABLE files ADD COLUMN used_at timestamptz;
      CREATE INDEX files_unused_by_age ON files (uploaded_at) WHERE used_at IS NULL;
    `,
  },
  {
    id: 118,
    name: 'customer-list',
    // list_customers filters and keyset sorting (ADR 0030): the profile's columns are generated from customers.data;
    // the chat's are kept by the customer-chats projection (one chat per customer, so they are the customer's).
    up: `
      ALTER TABLE customers ADD COLUMN name text GENERATED ALWAYS AS (data->>'name') STORED;
      ALTER TABLE customers ADD COLUMN email text GENERATED ALWAYS AS (data->>'email') STORED;
      ALTER TABLE customers ADD COLUMN country text GENERATED ALWAYS AS (data->'last_visit'->'geolocation'->>'country') STORED;
      ALTER TABLE customers ADD COLUMN visits_count integer GENERATED ALWAYS AS (COALESCE((data->'statistics'->>'visits_count')::integer, 0)) STORED;
      ALTER TABLE customers ADD COLUMN chat_id text;
      ALTER TABLE customers ADD COLUMN chats_count integer NOT NULL DEFAULT 0;
      ALTER TABLE customers ADD COLUMN threads_count integer NOT NULL DEFAULT 0;
      ALTER TABLE customers ADD COLUMN chat_active boolean NOT NULL DEFAULT false;
      ALTER TABLE customers ADD COLUMN chat_group_ids integer[] NOT NULL DEFAULT '{}';
      CREATE INDEX customers_by_created ON customers (organization_id, created_at, customer_id);
      CREATE INDEX customers_by_threads ON customers (organization_id, threads_count, created_at, customer_id);
      CREATE INDEX customers_by_visits ON customers (organization_id, visits_count, created_at, customer_id);
    `,
  },
  {
    id: 119,
    name: 'customer-monitoring',
    // login.customer_monitoring_level is the agent's, kept across its sessions (agent-chat-api §8, ADR 0030).
    up: `
      CREATE TABLE customer_monitoring (
        organization_id text NOT NULL,
        agent_id text NOT NULL,
        level text NOT NULL,
        PRIMARY KEY (organization_id, agent_id)
      );
    `,
  },
  {
    id: 120,
    name: 'customer-sessions',
    // Live customer RTM connections on every replica (ADR 0031): presence, hence visits. A closed row stays for a grace period.
    up: `
      CREATE TABLE customer_sessions (
        connection_id text PRIMARY KEY,
        organization_id text NOT NULL,
        customer_id text NOT NULL,
        instance_id text NOT NULL,
        visit_id text NOT NULL,
        connected_at timestamptz NOT NULL DEFAULT now(),
        heartbeat_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz,
        is_mobile boolean,
        application jsonb
      );
      CREATE INDEX customer_sessions_by_customer ON customer_sessions (organization_id, customer_id);
    `,
  },
  ...ARCHIVE_MIGRATIONS,
  ...WIDGET_MIGRATIONS,
  {
    id: 125,
    name: 'chat-row-bookkeeping',
    // Kept in the chat's row, which every event writes anyway, so a message costs no other row:
    // the archive's accumulated facets known written, by thread (ADR 0032; empty for existing chats: their next
    // event writes the thread row as before), and when an agent and the customer last wrote (list_customers, ADR 0030).
    up: `
      ALTER TABLE chats ADD COLUMN archive_facets jsonb NOT NULL DEFAULT '{}';
      ALTER TABLE chats ADD COLUMN agent_last_event_at timestamptz;
      ALTER TABLE chats ADD COLUMN customer_last_event_at timestamptz;
      UPDATE chats h SET agent_last_event_at = t.agent_at, customer_last_event_at = t.customer_at
      FROM (
        SELECT c.organization_id, c.chat_id,
          max((e.data->'event'->>'created_at')::timestamptz) FILTER (WHERE e.data->'event'->>'author_id' <> COALESCE(c.customer_id, '')) AS agent_at,
          max((e.data->'event'->>'created_at')::timestamptz) FILTER (WHERE e.data->'event'->>'author_id' = c.customer_id) AS customer_at
        FROM chats c JOIN events e ON e.stream_id = 'chat-' || c.chat_id AND e.type = 'event_added'
        GROUP BY c.organization_id, c.chat_id
      ) t
      WHERE h.organization_id = t.organization_id AND h.chat_id = t.chat_id;
    `,
  },
  ...QUEUE_MIGRATIONS,
  ...REASSIGNMENT_MIGRATIONS,
  ...ROUTER_TIMER_MIGRATIONS,
  ...WEBHOOK_MIGRATIONS,
  ...WEBHOOK_DELIVERY_MIGRATIONS,
  ...SIGN_IN_MIGRATIONS,
].sort((a, b) => a.id - b.id);
