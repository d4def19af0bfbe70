import { WebhookRegistration } from '@switchboard/webhooks/domain';
import { ConfigurationRuleError } from './agent';

/** configuration-api.md §6: at most 3 webhooks per action per Client ID (license and bot ones together; ADR 0042). */
export const MAX_WEBHOOKS_PER_ACTION = 3;

/** A webhook as its organization's stream records it (the organization is the stream's). */
export type RegisteredWebhook = Omit<WebhookRegistration, 'organization_id'>;

/** Webhook registrations and license webhook states: events of the organization stream. */
export type WebhookEvent =
  | { type: 'webhook_registered'; data: { webhook: RegisteredWebhook; created_at: string } }
  | { type: 'webhook_unregistered'; data: { id: string; owner_client_id: string } }
  | { type: 'license_webhooks_enabled'; data: { owner_client_id: string } }
  | { type: 'license_webhooks_disabled'; data: { owner_client_id: string } }
  /** Switchboard's own (ADR 0044, Operations): deliveries of a paused webhook are recorded and wait for the resume. */
  | { type: 'webhook_paused'; data: { id: string; owner_client_id: string } }
  | { type: 'webhook_resumed'; data: { id: string; owner_client_id: string } };

export type WebhookCommand =
  | { type: 'register_webhook'; webhook: RegisteredWebhook; now: string }
  | { type: 'unregister_webhook'; id: string; owner_client_id: string }
  | { type: 'enable_license_webhooks'; owner_client_id: string }
  | { type: 'disable_license_webhooks'; owner_client_id: string }
  | { type: 'pause_webhook'; id: string; owner_client_id: string }
  | { type: 'resume_webhook'; id: string; owner_client_id: string };

export const WEBHOOK_EVENT_TYPES: ReadonlySet<string> = new Set<WebhookEvent['type']>([
  'webhook_registered',
  'webhook_unregistered',
  'license_webhooks_enabled',
  'license_webhooks_disabled',
  'webhook_paused',
  'webhook_resumed',
]);

export interface WebhookState {
  webhooks: RegisteredWebhook[];
  /** Client ids whose license webhooks are off in this organization; every other client's are on. */
  license_webhooks_disabled: string[];
  /** Ids of the webhooks paused (ADR 0044, Operations). */
  paused: string[];
}

export const NO_WEBHOOKS: WebhookState = { webhooks: [], license_webhooks_disabled: [], paused: [] };

export function evolveWebhooks(state: WebhookState, event: WebhookEvent): WebhookState {
  switch (event.type) {
    case 'webhook_registered':
      return { ...state, webhooks: [...state.webhooks, event.data.webhook] };
    case 'webhook_unregistered':
      return { ...state, webhooks: state.webhooks.filter((w) => w.id !== event.data.id), paused: state.paused.filter((id) => id !== event.data.id) };
    case 'license_webhooks_enabled':
      return { ...state, license_webhooks_disabled: state.license_webhooks_disabled.filter((c) => c !== event.data.owner_client_id) };
    case 'license_webhooks_disabled':
      return { ...state, license_webhooks_disabled: [...state.license_webhooks_disabled, event.data.owner_client_id] };
    case 'webhook_paused':
      return { ...state, paused: [...state.paused, event.data.id] };
    case 'webhook_resumed':
      return { ...state, paused: state.paused.filter((id) => id !== event.data.id) };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

/** Another client's webhook is `not_found`, like one that does not exist. */
function requireClientWebhook(state: WebhookState, command: { id: string; owner_client_id: string }): void {
  if (!state.webhooks.some((w) => w.id === command.id && w.owner_client_id === command.owner_client_id)) {
    throw new ConfigurationRuleError('not_found', `Webhook ${command.id} not found`);
  }
}

/**
 * Registering stays within the per-action limit; unregistering needs a
 * webhook of that client (another client's is `not_found`, like one that
 * does not exist), and so do pausing and resuming; enabling, disabling,
 * pausing or resuming what already is records nothing.
 */
export function decideWebhooks(state: WebhookState, command: WebhookCommand): WebhookEvent[] {
  switch (command.type) {
    case 'register_webhook': {
      const { webhook } = command;
      if (state.webhooks.some((w) => w.id === webhook.id)) throw new ConfigurationRuleError('already_exists', `Webhook ${webhook.id} already exists`);
      const same = state.webhooks.filter((w) => w.owner_client_id === webhook.owner_client_id && w.action === webhook.action);
      if (same.length >= MAX_WEBHOOKS_PER_ACTION) {
        throw new ConfigurationRuleError('limit_reached', `At most ${MAX_WEBHOOKS_PER_ACTION} webhooks per action per client id (${webhook.action})`);
      }
      return [{ type: 'webhook_registered', data: { webhook, created_at: command.now } }];
    }
    case 'unregister_webhook': {
      requireClientWebhook(state, command);
      return [{ type: 'webhook_unregistered', data: { id: command.id, owner_client_id: command.owner_client_id } }];
    }
    case 'enable_license_webhooks':
      return state.license_webhooks_disabled.includes(command.owner_client_id)
        ? [{ type: 'license_webhooks_enabled', data: { owner_client_id: command.owner_client_id } }]
        : [];
    case 'disable_license_webhooks':
      return state.license_webhooks_disabled.includes(command.owner_client_id)
        ? []
        : [{ type: 'license_webhooks_disabled', data: { owner_client_id: command.owner_client_id } }];
    case 'pause_webhook':
      requireClientWebhook(state, command);
      return state.paused.includes(command.id) ? [] : [{ type: 'webhook_paused', data: { id: command.id, owner_client_id: command.owner_client_id } }];
    case 'resume_webhook':
      requireClientWebhook(state, command);
      return state.paused.includes(command.id) ? [{ type: 'webhook_resumed', data: { id: command.id, owner_client_id: command.owner_client_id } }] : [];
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}
