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

/**
 * The Customer Chat API's `list_license_properties` and
 * `list_group_properties` (web, GET, no token needed): only the values of
 * properties whose definition lets the `customer` role read them at that
 * location, with their defaults (ADR 0023).
 */
export function registerCustomerPropertyHandlers(registry: ActionRegistry, readModels: ReadModels): void {
  registry.registerPublic('list_license_properties', async (payload: PayloadOf<'customer', 'list_license_properties'>, context) => {
    const organizationId = await organizationOf(context, readModels);
    const [definitions, stored] = await Promise.all([
      readModels.properties.definitions(organizationId),
      readModels.properties.licenseValues(organizationId),
    ]);
    return readableProperties(propertyCatalog(definitions), { role: 'customer' }, 'license', stored, payload);
  });

  registry.registerPublic('list_group_properties', async (payload: PayloadOf<'customer', 'list_group_properties'>, context) => {
    const organizationId = await organizationOf(context, readModels);
    if (!(await readModels.group(organizationId, payload.id))) throw new ApiError('group_not_found', `Group ${payload.id} not found`);
    const [definitions, stored] = await Promise.all([
      readModels.properties.definitions(organizationId),
      readModels.properties.groupValues(organizationId, payload.id),
    ]);
    return readableProperties(propertyCatalog(definitions), { role: 'customer' }, 'group', stored, { namespace: payload.namespace, name: payload.name });
  });
}
