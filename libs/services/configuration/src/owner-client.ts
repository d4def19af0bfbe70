import { RequestContext } from '@switchboard/gateway-kit';
import { ApiError } from '@switchboard/protocol';
import { ReadModels } from '@switchboard/read-models';

/**
 * `clientId` must be an application of the caller's organization — another
 * organization's client id is refused like one that does not exist.
 */
export async function requireOwnApplication(context: RequestContext, readModels: ReadModels, clientId: string): Promise<string> {
  if (!(await readModels.application(context.organizationId, clientId))) {
    throw new ApiError('validation', `owner_client_id: ${clientId} is not an application of this organization`);
  }
  return clientId;
}

/**
 * The application a call acts for, where `owner_client_id` is conditional
 * (bots): with a Bearer token the token's own client id — an explicit
 * `owner_client_id` naming another is refused; with a personal access token
 * `owner_client_id` is required and must be the organization's (ADR 0022).
 */
export async function callerApplication(context: RequestContext, readModels: ReadModels, ownerClientId: string | undefined): Promise<string> {
  const { credential, clientId } = context.requester;
  if (credential === 'pat') {
    if (ownerClientId === undefined) throw new ApiError('validation', 'owner_client_id: Required with a personal access token');
    return requireOwnApplication(context, readModels, ownerClientId);
  }
  if (!clientId) throw new ApiError('authorization', 'The requester acts for no application');
  if (ownerClientId !== undefined && ownerClientId !== clientId) {
    throw new ApiError('validation', "owner_client_id: not accepted with a Bearer token (the owner is the token's client_id)");
  }
  return clientId;
}
