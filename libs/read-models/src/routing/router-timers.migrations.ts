import { Migration } from '@switchboard/event-store';

/** A thread's last activity: its start, or the last event a user (agent, bot or customer) wrote in it. */
export const LAST_ACTIVITY_AT = 'GREATEST(last_thread_created_at, agent_last_event_at, customer_last_event_at)';

/** The router's timers (ADR 0040): derived from the database, so they survive restarts; owned by one replica at a time. */
export const ROUTER_TIMER_MIGRATIONS: Migration[] = [
  {
    id: 132,
    name: 'router-timer-leases',
    // Which router replica runs a timer, until when (not rebuildable, and needs not be: a lease only lasts seconds).
    up: `
      CREATE TABLE router_timer_leases (
        name text PRIMARY KEY,
        owner text NOT NULL,
        expires_at timestamptz NOT NULL
      );
    `,
  },
  {
    id: 133,
    name: 'chats-by-last-activity',
    // The inactivity sweep reads the active threads silent the longest, and the idle ones (routing.idle) of each organization.
    up: `
      CREATE INDEX chats_active_by_activity ON chats (organization_id, (${LAST_ACTIVITY_AT})) WHERE active;
      CREATE INDEX chats_active_idle ON chats (organization_id)
        WHERE active AND (state->'threads'->-1->'properties'->'routing'->>'idle') = 'true';
    `,
  },
];
