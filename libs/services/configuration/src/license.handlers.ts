import { ActionRegistry } from '@switchboard/gateway-kit';
import { ApiError, PayloadOf } from '@switchboard/protocol';
import { ReadModels } from '@switchboard/read-models';

/**
 * `get_license_id` and `get_organization_id` (GET, no token needed: a client
 * asks before it has one): the numeric license id and the organization id,
 * each translated into the other (ADR 0017).
 */
export function registerLicenseHandlers(registry: ActionRegistry, readModels: ReadModels): void {
  registry.registerPublic('get_license_id', async (payload: PayloadOf<'configuration', 'get_license_id'>) => {
    const organization = await readModels.organization(payload.organization_id);
    if (!organization) throw new ApiError('license_not_found', 'No organization with this id');
    return { license_id: organization.license_id };
  });

  registry.registerPublic('get_organization_id', async (payload: PayloadOf<'configuration', 'get_organization_id'>) => {
    const organizationId = await readModels.organizationByLicense(payload.license_id);
    if (!organizationId) throw new ApiError('license_not_found', 'No organization with this license id');
    return { organization_id: organizationId };
  });
}
