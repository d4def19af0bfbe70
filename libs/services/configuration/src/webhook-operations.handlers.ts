import { ConfigurationCommands } from '@switchboard/configuration/application';
import { ActionRegistry, RequestContext, requireScope } from '@switchboard/gateway-kit';
import { ApiError, PageIdCodec, PayloadOf } from '@switchboard/protocol';
import { DeliveryLogKey, DeliverySelection, DeliveryStatus, ReadModels, TooManyToReplayError, WebhookDeliveryLog } from '@switchboard/read-models';
import { requireOwnApplication } from './owner-client';

export interface WebhookOperationOptions {
  /** How long a replayed delivery is tried: WEBHOOK_RETRY_FOR_MS on WEBHOOK_TIME_SCALE's clock, as the dispatcher's. */
  retryForMs: number;
}

/** What a page id of the delivery log remembers: the first request's filters and where the next page starts. */
interface LogPage {
  status?: DeliveryStatus;
  from?: string;
  to?: string;
  limit: number;
  after: DeliveryLogKey;
}

/**
 * The webhook the request names, of an application of the caller's
 * organization and registered by it; anything else is `not_found`, so another
 * organization's webhook ids are not told apart from unknown ones.
 */
async function requireWebhook(context: RequestContext, readModels: ReadModels, payload: { webhook_id: string; owner_client_id: string }): Promise<string> {
  const ownerClientId = await requireOwnApplication(context, readModels, payload.owner_client_id);
  const webhook = await readModels.webhook(context.organizationId, payload.webhook_id);
  if (!webhook || webhook.owner_client_id !== ownerClientId) throw new ApiError('not_found', `Webhook ${payload.webhook_id} not found`);
  return webhook.id;
}

/**
 * Switchboard's webhook operations (ADR 0044, Operations), for owners and
 * administrators: the delivery log of a webhook, retry now, replay of dead or
 * delivered deliveries, pause and resume.
 */
export function registerWebhookOperationHandlers(
  registry: ActionRegistry,
  commands: ConfigurationCommands,
  readModels: ReadModels,
  log: WebhookDeliveryLog,
  pageIds: PageIdCodec,
  options: WebhookOperationOptions,
): void {
  registry.register('switchboard_list_webhook_deliveries', async (context, payload: PayloadOf<'configuration', 'switchboard_list_webhook_deliveries'>) => {
    requireScope(context, 'webhooks.configuration:ro');
    const webhookId = await requireWebhook(context, readModels, payload);
    const scope = `configuration/switchboard_list_webhook_deliveries/${context.organizationId}/${webhookId}`;
    const page: Omit<LogPage, 'after'> & { after?: DeliveryLogKey } =
      payload.page_id === undefined
        ? { status: payload.status, from: payload.from, to: payload.to, limit: payload.limit }
        : (pageIds.decode(scope, payload.page_id) as unknown as LogPage);
    const selection: DeliverySelection = { organizationId: context.organizationId, webhookId, status: page.status, from: page.from, to: page.to };
    const { deliveries, next } = await log.page(selection, page.limit, page.after);
    return { deliveries, ...(next && { next_page_id: pageIds.encode(scope, { ...page, after: next } satisfies LogPage) }) };
  });

  registry.register('switchboard_retry_webhook_deliveries', async (context, payload: PayloadOf<'configuration', 'switchboard_retry_webhook_deliveries'>) => {
    requireScope(context, 'webhooks.configuration:rw');
    const webhookId = await requireWebhook(context, readModels, payload);
    return { retried: await log.retryNow({ organizationId: context.organizationId, webhookId, ids: payload.ids }) };
  });

  registry.register('switchboard_replay_webhook_deliveries', async (context, payload: PayloadOf<'configuration', 'switchboard_replay_webhook_deliveries'>) => {
    requireScope(context, 'webhooks.configuration:rw');
    const webhookId = await requireWebhook(context, readModels, payload);
    const statuses: Array<'dead' | 'delivered'> = payload.status === 'any' ? ['dead', 'delivered'] : [payload.status];
    const selection = { organizationId: context.organizationId, webhookId, from: payload.from, to: payload.to, ids: payload.ids };
    try {
      return { replayed: await log.replay(selection, statuses, options.retryForMs) };
    } catch (error) {
      if (error instanceof TooManyToReplayError) throw new ApiError('limit_reached', `${error.message}: narrow from and to, or name ids`);
      throw error;
    }
  });

  const pauseOrResume = (type: 'pause_webhook' | 'resume_webhook') => async (context: RequestContext, payload: { webhook_id: string; owner_client_id: string }) => {
    requireScope(context, 'webhooks.configuration:rw');
    const ownerClientId = await requireOwnApplication(context, readModels, payload.owner_client_id);
    await commands.organization(context.organizationId, { type, id: payload.webhook_id, owner_client_id: ownerClientId });
    return {};
  };
  registry.register('switchboard_pause_webhook', pauseOrResume('pause_webhook'));
  registry.register('switchboard_resume_webhook', pauseOrResume('resume_webhook'));
}
