import { PropertyDefinitionEvent, PropertyValueEvent } from '@switchboard/configuration/domain';
import { RecordedEvent, SqlExecutor } from '@switchboard/event-store';

const PROPERTY_STREAMS = ['properties-', 'license_properties-', 'group_properties-'];

/** Streams of registered properties and of the license's and groups' values (ADR 0023). */
export const isPropertyStream = (streamId: string): boolean => PROPERTY_STREAMS.some((prefix) => streamId.startsWith(prefix));

// Each `{ns: {name: value}}` / `{ns: [names]}` entry as a row, in SQL.
const VALUE_ROWS = 'jsonb_each($2::jsonb) ns, jsonb_each(ns.value) p';
const NAME_ROWS = 'jsonb_each($2::jsonb) ns, jsonb_array_elements_text(ns.value) n';

/**
 * A property registered anew starts without values, and an unregistered one
 * leaves none behind: its values go with its definition.
 */
async function forgetValues(tx: SqlExecutor, organizationId: string, namespace: string, name: string): Promise<void> {
  for (const table of ['license_properties', 'group_properties']) {
    await tx.query(`DELETE FROM ${table} WHERE organization_id = $1 AND namespace = $2 AND name = $3`, [organizationId, namespace, name]);
  }
}

async function applyDefinitionEvent(tx: SqlExecutor, organizationId: string, event: PropertyDefinitionEvent): Promise<void> {
  switch (event.type) {
    case 'property_registered': {
      const { registered_at: registeredAt, ...definition } = event.data;
      await forgetValues(tx, organizationId, definition.namespace, definition.name);
      await tx.query(
        `INSERT INTO property_definitions (organization_id, namespace, name, definition, registered_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (organization_id, namespace, name) DO UPDATE SET definition = EXCLUDED.definition, registered_at = EXCLUDED.registered_at`,
        [organizationId, definition.namespace, definition.name, JSON.stringify(definition), registeredAt],
      );
      return;
    }
    case 'property_unregistered':
      await tx.query('DELETE FROM property_definitions WHERE organization_id = $1 AND namespace = $2 AND name = $3', [
        organizationId,
        event.data.namespace,
        event.data.name,
      ]);
      await forgetValues(tx, organizationId, event.data.namespace, event.data.name);
      return;
    case 'property_published':
      await tx.query(
        `UPDATE property_definitions SET definition = jsonb_set(definition, '{public_access}', $4::jsonb)
         WHERE organization_id = $1 AND namespace = $2 AND name = $3`,
        [organizationId, event.data.namespace, event.data.name, JSON.stringify(event.data.public_access)],
      );
      return;
  }
}

async function applyValueEvent(tx: SqlExecutor, organizationId: string, event: PropertyValueEvent): Promise<void> {
  switch (event.type) {
    case 'license_properties_updated':
      await tx.query(
        `INSERT INTO license_properties (organization_id, namespace, name, value) SELECT $1, ns.key, p.key, p.value FROM ${VALUE_ROWS}
         ON CONFLICT (organization_id, namespace, name) DO UPDATE SET value = EXCLUDED.value`,
        [organizationId, JSON.stringify(event.data.properties)],
      );
      return;
    case 'license_properties_deleted':
      await tx.query(
        `DELETE FROM license_properties l USING ${NAME_ROWS} WHERE l.organization_id = $1 AND l.namespace = ns.key AND l.name = n`,
        [organizationId, JSON.stringify(event.data.properties)],
      );
      return;
    case 'group_properties_updated':
      await tx.query(
        `INSERT INTO group_properties (organization_id, group_id, namespace, name, value) SELECT $1, $3, ns.key, p.key, p.value FROM ${VALUE_ROWS}
         ON CONFLICT (organization_id, group_id, namespace, name) DO UPDATE SET value = EXCLUDED.value`,
        [organizationId, JSON.stringify(event.data.properties), event.data.group_id],
      );
      return;
    case 'group_properties_deleted':
      await tx.query(
        `DELETE FROM group_properties g USING ${NAME_ROWS}
         WHERE g.organization_id = $1 AND g.group_id = $3 AND g.namespace = ns.key AND g.name = n`,
        [organizationId, JSON.stringify(event.data.properties), event.data.group_id],
      );
      return;
  }
}

/** Registered properties and license and group values, from the events of {@link isPropertyStream} streams. */
export async function applyPropertyEvent(tx: SqlExecutor, recorded: RecordedEvent): Promise<void> {
  const event = { type: recorded.type, data: recorded.data };
  if (recorded.streamId.startsWith('properties-')) await applyDefinitionEvent(tx, recorded.organizationId, event as PropertyDefinitionEvent);
  else await applyValueEvent(tx, recorded.organizationId, event as PropertyValueEvent);
}

/** A deleted group's values go with it (its id is never given again: ADR 0018). */
export async function forgetGroupProperties(tx: SqlExecutor, organizationId: string, groupId: number): Promise<void> {
  await tx.query('DELETE FROM group_properties WHERE organization_id = $1 AND group_id = $2', [organizationId, groupId]);
}
