import {
  checkPropertyDeletes,
  checkPropertyWrites,
  PropertyCatalog,
  PropertyNames,
  PropertyRequester,
  PropertyValues,
} from './property-rules';

/**
 * Values of the license's properties (stream `license_properties-<organizationId>`)
 * and of its groups' (stream `group_properties-<organizationId>`). Updates
 * merge (only the given keys change); deletions name keys. The events carry
 * what changed: what the read model and a webhook need.
 */
export type PropertyValueEvent =
  | { type: 'license_properties_updated'; data: { properties: PropertyValues } }
  | { type: 'license_properties_deleted'; data: { properties: PropertyNames } }
  | { type: 'group_properties_updated'; data: { group_id: number; properties: PropertyValues } }
  | { type: 'group_properties_deleted'; data: { group_id: number; properties: PropertyNames } };

export type PropertyValueCommand =
  | { type: 'update_license_properties'; properties: PropertyValues }
  | { type: 'delete_license_properties'; properties: PropertyNames }
  | { type: 'update_group_properties'; group_id: number; properties: PropertyValues }
  | { type: 'delete_group_properties'; group_id: number; properties: PropertyNames };

/**
 * Decides a change of license or group values against the organization's
 * property catalog: every key checked by the shared rules before anything is
 * recorded (throws `PropertyRuleError`); nothing given, nothing recorded.
 */
export function decidePropertyValues(catalog: PropertyCatalog, requester: PropertyRequester, command: PropertyValueCommand): PropertyValueEvent[] {
  switch (command.type) {
    case 'update_license_properties': {
      checkPropertyWrites(catalog, requester, 'license', command.properties);
      const properties = nonEmptyValues(command.properties);
      return properties ? [{ type: 'license_properties_updated', data: { properties } }] : [];
    }
    case 'delete_license_properties': {
      checkPropertyDeletes(catalog, requester, 'license', command.properties);
      const properties = nonEmptyNames(command.properties);
      return properties ? [{ type: 'license_properties_deleted', data: { properties } }] : [];
    }
    case 'update_group_properties': {
      checkPropertyWrites(catalog, requester, 'group', command.properties);
      const properties = nonEmptyValues(command.properties);
      return properties ? [{ type: 'group_properties_updated', data: { group_id: command.group_id, properties } }] : [];
    }
    case 'delete_group_properties': {
      checkPropertyDeletes(catalog, requester, 'group', command.properties);
      const properties = nonEmptyNames(command.properties);
      return properties ? [{ type: 'group_properties_deleted', data: { group_id: command.group_id, properties } }] : [];
    }
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}

function nonEmptyValues(values: PropertyValues): PropertyValues | undefined {
  const kept = Object.entries(values).filter(([, names]) => Object.keys(names).length > 0);
  return kept.length > 0 ? Object.fromEntries(kept) : undefined;
}

function nonEmptyNames(names: PropertyNames): PropertyNames | undefined {
  const kept = Object.entries(names)
    .filter(([, list]) => list.length > 0)
    .map(([namespace, list]): [string, string[]] => [namespace, [...new Set(list)]]);
  return kept.length > 0 ? Object.fromEntries(kept) : undefined;
}
