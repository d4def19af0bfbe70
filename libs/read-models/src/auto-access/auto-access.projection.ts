import { AutoAccess, AutoAccessEvent } from '@switchboard/configuration/domain';
import { InlineProjection, RecordedEvent, SqlExecutor } from '@switchboard/event-store';

/**
 * Puts rule `id` before rule `nextId` (at the end when empty or unknown):
 * the rules from `nextId` on move one place down. Positions only order the
 * rules of one organization; a moved or deleted rule leaves a gap.
 */
async function place(tx: SqlExecutor, organizationId: string, id: string, nextId: string | undefined): Promise<void> {
  const { rows } = nextId
    ? await tx.query<{ position: number }>(
        'SELECT position FROM auto_accesses WHERE organization_id = $1 AND auto_access_id = $2',
        [organizationId, nextId],
      )
    : { rows: [] };
  if (rows.length > 0) {
    await tx.query('UPDATE auto_accesses SET position = position + 1 WHERE organization_id = $1 AND position >= $2', [
      organizationId,
      rows[0].position,
    ]);
    await tx.query('UPDATE auto_accesses SET position = $3 WHERE organization_id = $1 AND auto_access_id = $2', [
      organizationId,
      id,
      rows[0].position,
    ]);
    return;
  }
  await tx.query(
    `UPDATE auto_accesses SET position = (SELECT COALESCE(MAX(position), -1) + 1 FROM auto_accesses WHERE organization_id = $1)
     WHERE organization_id = $1 AND auto_access_id = $2`,
    [organizationId, id],
  );
}

async function applyAutoAccessEvent(tx: SqlExecutor, organizationId: string, event: AutoAccessEvent): Promise<void> {
  switch (event.type) {
    case 'auto_access_added': {
      const { next_id, ...rule } = event.data;
      await tx.query(
        `INSERT INTO auto_accesses (organization_id, auto_access_id, position, data) VALUES ($1, $2, 0, $3)
         ON CONFLICT (organization_id, auto_access_id) DO UPDATE SET data = EXCLUDED.data`,
        [organizationId, rule.id, JSON.stringify(rule satisfies AutoAccess)],
      );
      await place(tx, organizationId, rule.id, next_id);
      return;
    }
    case 'auto_access_updated': {
      const { id, next_id, ...changes } = event.data;
      await tx.query('UPDATE auto_accesses SET data = data || $3::jsonb WHERE organization_id = $1 AND auto_access_id = $2', [
        organizationId,
        id,
        JSON.stringify(changes),
      ]);
      if (next_id !== undefined) await place(tx, organizationId, id, next_id);
      return;
    }
    case 'auto_access_deleted':
      await tx.query('DELETE FROM auto_accesses WHERE organization_id = $1 AND auto_access_id = $2', [organizationId, event.data.id]);
      return;
  }
}

/** The auto access rules of each organization, in list order (stream `auto_access-<organization id>`). */
export const autoAccessProjection: InlineProjection = {
  name: 'auto-access',
  eventTypes: ['auto_access_added', 'auto_access_updated', 'auto_access_deleted'],
  async apply(events: readonly RecordedEvent[], tx: SqlExecutor): Promise<void> {
    for (const recorded of events) {
      if (!recorded.streamId.startsWith('auto_access-')) continue;
      await applyAutoAccessEvent(tx, recorded.organizationId, { type: recorded.type, data: recorded.data } as AutoAccessEvent);
    }
  },
};
