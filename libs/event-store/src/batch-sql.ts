import { randomUUID } from 'node:crypto';
import { NewEvent, RecordedEvent } from './event-store.port';
import { SqlExecutor, sqlLiteral } from './sql/sql-database';
import { parseStreamId } from './stream-id';

/** NOTIFY channel announcing committed appends. */
export const EVENTS_CHANNEL = 'switchboard_events';

/** What `switchboard_lock_streams` answers: each existing stream's version and owner. */
export interface LockedStream {
  locked_stream_id: string;
  locked_version: string;
  locked_organization_id: string;
}

/**
 * The statement opening a group commit's transaction (migration 2): the
 * notification, the streams' locks — taken before any write, in one order
 * for every transaction — then their versions. Without parameters, so it can
 * travel with BEGIN in one round trip.
 */
export function lockStreams(streamIds: string[]): string {
  const ids = streamIds.map((id) => sqlLiteral(id)).join(', ');
  return `SELECT * FROM switchboard_lock_streams(ARRAY[${ids}]::text[], ${sqlLiteral(EVENTS_CHANNEL)})`;
}

/** One command's events for one stream, at the stream's current version; `key` names the command. */
export interface StreamWrite<K> {
  key: K;
  streamId: string;
  organizationId: string;
  current: number;
  events: readonly NewEvent[];
}

interface Assigned {
  event_id: string;
  global_position: string;
  transaction_id: string;
  created_at: Date | string;
}

/**
 * Inserts every write's events and moves their streams' versions: one
 * statement for the whole batch, its rows passed as one JSON document per
 * table (no array literals, no double encoding). Only what the database
 * assigns comes back; the rest of each recorded event is what was sent.
 */
export async function insertEvents<K>(tx: SqlExecutor, writes: Array<StreamWrite<K>>): Promise<Map<K, RecordedEvent[]>> {
  const byKey = new Map<K, RecordedEvent[]>();
  if (writes.length === 0) return byKey;
  const rows = writes.flatMap((write) =>
    write.events.map((event, i) => ({ write, id: event.id ?? randomUUID(), version: write.current + i + 1, event })),
  );
  const { rows: inserted } = await tx.query<Assigned>(
    `WITH stream AS (
       INSERT INTO streams (stream_id, stream_type, organization_id, version)
       SELECT s.stream_id, s.stream_type, s.organization_id, s.version
       FROM jsonb_to_recordset($1::jsonb) AS s(stream_id text, stream_type text, organization_id text, version bigint)
       ON CONFLICT (stream_id) DO UPDATE SET version = EXCLUDED.version
     )
     INSERT INTO events (event_id, stream_id, stream_version, organization_id, type, data, metadata)
     SELECT e.id, e.stream_id, e.version, e.organization_id, e.type, COALESCE(e.data, 'null'), e.metadata
     FROM ROWS FROM (jsonb_to_recordset($2::jsonb)
         AS (id uuid, stream_id text, version bigint, organization_id text, type text, data jsonb, metadata jsonb))
       WITH ORDINALITY AS e(id, stream_id, version, organization_id, type, data, metadata, n)
     ORDER BY e.n
     RETURNING event_id::text, global_position::text, transaction_id::text, created_at`,
    [
      JSON.stringify(
        writes.map((w) => ({
          stream_id: w.streamId,
          stream_type: parseStreamId(w.streamId).type,
          organization_id: w.organizationId,
          version: w.current + w.events.length,
        })),
      ),
      JSON.stringify(
        rows.map((r) => ({
          id: r.id,
          stream_id: r.write.streamId,
          version: r.version,
          organization_id: r.write.organizationId,
          type: r.event.type,
          data: r.event.data ?? null,
          metadata: r.event.metadata ?? {},
        })),
      ),
    ],
  );
  const sent = new Map(rows.map((r) => [r.id.toLowerCase(), r]));
  for (const row of inserted) {
    const { write, version, event } = sent.get(row.event_id)!;
    const list = byKey.get(write.key) ?? [];
    list.push({
      eventId: row.event_id,
      streamId: write.streamId,
      streamVersion: version,
      globalPosition: BigInt(row.global_position),
      transactionId: BigInt(row.transaction_id),
      organizationId: write.organizationId,
      type: event.type,
      data: event.data ?? null,
      metadata: event.metadata ?? {},
      createdAt: new Date(row.created_at),
    });
    byKey.set(write.key, list);
  }
  for (const list of byKey.values()) list.sort((a, b) => a.streamVersion - b.streamVersion);
  return byKey;
}
