import { randomBytes } from 'node:crypto';
import { ConfigurationCommands } from '@switchboard/configuration/application';
import { RegisteredWebhook } from '@switchboard/configuration/domain';
import { ActionRegistry, RequestContext, requireScope } from '@switchboard/gateway-kit';
import { ApiError, PayloadOf } from '@switchboard/protocol';
import { ReadModels } from '@switchboard/read-models';
import { WebhookRegistration, webhookNames } from '@switchboard/webhooks/domain';
import { privateTargetOf } from '@switchboard/platform';
import { requireOwnApplication } from './owner-client';

export interface WebhookHandlerOptions {
  /** WEBHOOK_BLOCK_PRIVATE_TARGETS: refuse URLs naming this host or a private network (ADR 0042). */
  blockPrivateTargets: boolean;
}

/** A webhook as `list_webhooks` shows it (configuration-api.md §6). */
function listedWebhook(webhook: WebhookRegistration): Record<string, unknown> {
  return {
    id: webhook.id,
    url: webhook.url,
    ...(webhook.description !== undefined && { description: webhook.description }),
    action: webhook.action,
    secret_key: webhook.secret_key,
    ...(webhook.filters !== undefined && { filters: webhook.filters }),
    ...(webhook.additional_data !== undefined && { additional_data: webhook.additional_data }),
    owner_client_id: webhook.owner_client_id,
    type: webhook.type,
  };
}

/**
 * The client id whose license webhooks enable/disable/get state are about:
 * `owner_client_id` or the JS SDK's `client_id` (README §7), an application
 * of the caller's organization; with a Bearer token and neither, the token's.
 */
async function licenseWebhooksClient(context: RequestContext, readModels: ReadModels, payload: { owner_client_id?: string; client_id?: string }): Promise<string> {
  const named = payload.owner_client_id ?? payload.client_id;
  if (named !== undefined) return requireOwnApplication(context, readModels, named);
  const { credential, clientId } = context.requester;
  if (credential !== 'pat' && clientId) return clientId;
  throw new ApiError('validation', 'owner_client_id: Required with a personal access token');
}

/** Webhook management (configuration-api.md §6; ADR 0042): registrations per client id, license webhooks on or off. */
export function registerWebhookHandlers(registry: ActionRegistry, commands: ConfigurationCommands, readModels: ReadModels, options: WebhookHandlerOptions): void {
  registry.register('register_webhook', async (context, payload: PayloadOf<'configuration', 'register_webhook'>) => {
    requireScope(context, 'webhooks.configuration:rw');
    const ownerClientId = await requireOwnApplication(context, readModels, payload.owner_client_id);
    const privateTarget = options.blockPrivateTargets ? privateTargetOf(payload.url) : undefined;
    if (privateTarget) throw new ApiError('validation', `url: ${privateTarget}; this server delivers webhooks to public addresses only`);
    const webhook: RegisteredWebhook = {
      id: randomBytes(16).toString('hex'),
      owner_client_id: ownerClientId,
      type: payload.type,
      action: payload.action,
      url: payload.url,
      secret_key: payload.secret_key,
      ...(payload.description !== undefined && { description: payload.description }),
      ...(payload.filters !== undefined && { filters: payload.filters }),
      ...(payload.additional_data !== undefined && { additional_data: payload.additional_data }),
    };
    await commands.organization(context.organizationId, { type: 'register_webhook', webhook, now: new Date().toISOString() });
    return { id: webhook.id };
  });

  registry.register('list_webhooks', async (context, payload: PayloadOf<'configuration', 'list_webhooks'>) => {
    requireScope(context, 'webhooks.configuration:rw');
    const ownerClientId = await requireOwnApplication(context, readModels, payload.owner_client_id);
    return (await readModels.webhooks(context.organizationId, ownerClientId)).map(listedWebhook);
  });

  registry.register('unregister_webhook', async (context, payload: PayloadOf<'configuration', 'unregister_webhook'>) => {
    requireScope(context, 'webhooks.configuration:rw');
    const ownerClientId = await requireOwnApplication(context, readModels, payload.owner_client_id);
    await commands.organization(context.organizationId, { type: 'unregister_webhook', id: payload.id, owner_client_id: ownerClientId });
    return {};
  });

  registry.registerPublic('list_webhook_names', async () => webhookNames());

  registry.register('enable_license_webhooks', async (context, payload: PayloadOf<'configuration', 'enable_license_webhooks'>) => {
    requireScope(context, 'webhooks.state:rw');
    const ownerClientId = await licenseWebhooksClient(context, readModels, payload);
    await commands.organization(context.organizationId, { type: 'enable_license_webhooks', owner_client_id: ownerClientId });
    return {};
  });

  registry.register('disable_license_webhooks', async (context, payload: PayloadOf<'configuration', 'disable_license_webhooks'>) => {
    requireScope(context, 'webhooks.state:rw');
    const ownerClientId = await licenseWebhooksClient(context, readModels, payload);
    await commands.organization(context.organizationId, { type: 'disable_license_webhooks', owner_client_id: ownerClientId });
    return {};
  });

  registry.register('get_license_webhooks_state', async (context, payload: PayloadOf<'configuration', 'get_license_webhooks_state'>) => {
    requireScope(context, 'webhooks.state:ro');
    const ownerClientId = await licenseWebhooksClient(context, readModels, payload);
    const disabled = await readModels.disabledLicenseWebhookClients(context.organizationId);
    return { license_webhooks_enabled: !disabled.includes(ownerClientId) };
  });
}
