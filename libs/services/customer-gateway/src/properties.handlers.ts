import { propertyCatalog, readableProperties } from '@switchboard/configuration/domain';
import { ActionRegistry, PublicRequestContext } from '@switchboard/gateway-kit';
import { ApiError, PayloadOf } from '@switchboard/protocol';
import { ReadModels } from '@switchboard/read-models';

/** The organization named in the query string, which must exist. */
async function organizationOf(context: PublicRequestContext, readModels: ReadModels): Promise<string> {
  const organizationId = context.organizationId;
  if (!organizationId) throw new ApiError('validation', 'organization_id query parameter is required');
  if (!(await readModels.organization(organizationId))) throw new ApiError('license_not_found', 'No organization with this id');
  return organizationId;
}

type PropertyFilter = { namespace?: string; name?: string };

/** The license property values the `customer` role may read, with their defaults (also in `get_configuration`). */
export async function licensePropertiesForCustomer(readModels: ReadModels, organizationId: string, filter: PropertyFilter = {}) {
  const [definitions, stored] = await Promise.all([readModels.properties.definitions(organizationId), readModels.properties.licenseValues(organizationId)]);
  return readableProperties(propertyCatalog(definitions), { role: 'customer' }, 'license', stored, filter);
}

/** The property values of a group the `customer` role may read, with their defaults. */
export async function groupPropertiesForCustomer(readModels: ReadModels, organizationId: string, groupId: number, filter: PropertyFilter = {}) {
  const [definitions, stored] = await Promise.all([readModels.properties.definitions(organizationId), readModels.properties.groupValues(organizationId, groupId)]);
  return readableProperties(propertyCatalog(definitions), { role: 'customer' }, 'group', stored, filter);
}

/**
 * The Customer Chat API's `list_license_properties` and
 * `list_group_properties` (web, GET, no token needed): only the values of
 * properties whose definition lets the `customer` role read them at that
 * location, with their defaults (ADR 0023).
 */
export function registerCustomerPropertyHandlers(registry: ActionRegistry, readModels: ReadModels): void {
  registry.registerPublic('list_license_properties', async (payload: PayloadOf<'customer', 'list_license_properties'>, context) => {
    return licensePropertiesForCustomer(readModels, await organizationOf(context, readModels), payload);
  });

  registry.registerPublic('list_group_properties', async (payload: PayloadOf<'customer', 'list_group_properties'>, context) => {
    const organizationId = await organizationOf(context, readModels);
    if (!(await readModels.group(organizationId, payload.id))) throw new ApiError('group_not_found', `Group ${payload.id} not found`);
    return groupPropertiesForCustomer(readModels, organizationId, payload.id, { namespace: payload.namespace, name: payload.name });
  });
}
