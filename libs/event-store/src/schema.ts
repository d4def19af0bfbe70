import { Migration } from './sql/migrations';

/**
 * The event store's tables. `streams` holds each stream's version and owner
 * organization; `events` is the append-only log. `transaction_id` (xid8) lets
 * ordered readers skip nothing (see readLog).
 */
export const EVENT_STORE_MIGRATIONS: Migration[] = [
  {
    id: 1,
    name: 'event-store',
    up: `
      CREATE TABLE streams (
        stream_id text PRIMARY KEY,
        stream_type text NOT NULL,
        organization_id text NOT NULL,
        version bigint NOT NULL
      );
      CREATE TABLE events (
        global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        event_id uuid NOT NULL UNIQUE,
        stream_id text NOT NULL,
        stream_version bigint NOT NULL,
        organization_id text NOT NULL,
        type text NOT NULL,
        data jsonb NOT NULL,
        metadata jsonb NOT NULL,
        transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (stream_id, stream_version)
      );
      CREATE INDEX events_log_order ON events (transaction_id, global_position);
    `,
  },
  {
    id: 2,
    name: 'event-store-lock-streams',
    // A transaction of the group commit opens with this one call: the notification
    // (delivered on commit), the streams' advisory locks in one order for every
    // caller (batches never deadlock on them), then the versions, read after the
    // locks are held (a volatile function's queries each take a fresh snapshot).
    up: `
      CREATE FUNCTION switchboard_lock_streams(ids text[], channel text)
      RETURNS TABLE (locked_stream_id text, locked_version bigint, locked_organization_id text)
      LANGUAGE plpgsql VOLATILE AS $fn$
      BEGIN
        PERFORM pg_notify(channel, NULL);
        PERFORM pg_advisory_xact_lock(k)
          FROM (SELECT DISTINCT hashtextextended(s, 0) AS k FROM unnest(ids) AS s ORDER BY k) AS locks;
        RETURN QUERY SELECT streams.stream_id, streams.version, streams.organization_id
          FROM streams WHERE streams.stream_id = ANY(ids);
      END
      $fn$;
    `,
  },
];
