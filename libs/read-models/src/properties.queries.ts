import { PropertyDefinition, PropertyValues } from '@switchboard/configuration/domain';
import { SqlExecutor } from '@switchboard/event-store';

/** Groups values `(namespace, name, value)` rows as `{ns: {name: value}}`. */
function asValues(rows: ReadonlyArray<{ namespace: string; name: string; value: PropertyValues[string][string] }>): PropertyValues {
  const values: PropertyValues = {};
  for (const row of rows) (values[row.namespace] ??= {})[row.name] = row.value;
  return values;
}

/** Registered properties and the license's and groups' values, always of one organization (ADR 0023). */
export class PropertyQueries {
  constructor(private readonly db: SqlExecutor) {}

  /** The organization's registered properties (of one application: `namespace`), oldest first. */
  async definitions(organizationId: string, namespace?: string): Promise<PropertyDefinition[]> {
    const { rows } = await this.db.query<{ definition: PropertyDefinition }>(
      `SELECT definition FROM property_definitions WHERE organization_id = $1 AND ($2::text IS NULL OR namespace = $2)
       ORDER BY registered_at, namespace, name`,
      [organizationId, namespace ?? null],
    );
    return rows.map((r) => r.definition);
  }

  /** Values set on the license (defaults are the rules' business: `readableProperties`). */
  async licenseValues(organizationId: string): Promise<PropertyValues> {
    const { rows } = await this.db.query<{ namespace: string; name: string; value: PropertyValues[string][string] }>(
      'SELECT namespace, name, value FROM license_properties WHERE organization_id = $1',
      [organizationId],
    );
    return asValues(rows);
  }

  /** Values set on one group. */
  async groupValues(organizationId: string, groupId: number): Promise<PropertyValues> {
    if (!Number.isSafeInteger(groupId) || groupId < 0 || groupId > 2147483647) return {};
    const { rows } = await this.db.query<{ namespace: string; name: string; value: PropertyValues[string][string] }>(
      'SELECT namespace, name, value FROM group_properties WHERE organization_id = $1 AND group_id = $2',
      [organizationId, groupId],
    );
    return asValues(rows);
  }
}
