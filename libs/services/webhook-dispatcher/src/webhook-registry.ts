import { EventMessage } from '@switchboard/event-store';
import { FollowedEntry } from '@switchboard/messaging';
import { BotRecord } from '@switchboard/read-models';
import { WebhookRegistration } from '@switchboard/webhooks/domain';

/** What the registry reads (the read models'). */
export interface RegistrationSource {
  organizationsWithWebhooks(): Promise<string[]>;
  webhooks(organizationId: string): Promise<WebhookRegistration[]>;
  disabledLicenseWebhookClients(organizationId: string): Promise<string[]>;
  bots(organizationId: string): Promise<BotRecord[]>;
}

/** One organization's webhooks as the dispatcher needs them. */
interface OrganizationWebhooks {
  all: WebhookRegistration[];
  /** Registrations delivered now: license webhooks not disabled, bot webhooks of an application with a bot not offline. */
  active: WebhookRegistration[];
  /** Paused webhooks: their deliveries are recorded and wait for the resume. */
  paused: Set<string>;
  /** The stream sequence since which the organization has had webhooks: cursors older than it are stale. */
  since: number;
}

/** Events that change which webhooks an organization has or which are delivered. */
const REGISTRY_EVENTS: Readonly<Record<string, ReadonlySet<string>>> = {
  organization: new Set(['webhook_registered', 'webhook_unregistered', 'license_webhooks_enabled', 'license_webhooks_disabled', 'webhook_paused', 'webhook_resumed']),
  agent: new Set(['bot_created', 'bot_deleted', 'routing_status_set', 'agent_deleted']),
};

const CATCH_UP_LIMIT_MS = 5000;

/**
 * Every organization's webhook registrations, in memory (ADR 0044): loaded
 * from the read model at start, reloaded for an organization when one of its
 * events changes them (seen by following the event stream, on every replica).
 * The consumer asks `caughtUp(sequence)` before matching an entry, so a
 * webhook registered just before an event is there when the event is.
 */
export class WebhookRegistry {
  private readonly organizations = new Map<string, OrganizationWebhooks>();
  private followed = 0;
  private readonly reloading = new Map<string, Promise<void>>();
  private waiters: Array<{ sequence: number; wake: () => void }> = [];

  constructor(
    private readonly readModels: RegistrationSource,
    private readonly pausedWebhooks: (organizationId: string) => Promise<string[]>,
  ) {}

  async load(): Promise<void> {
    for (const organizationId of await this.readModels.organizationsWithWebhooks()) await this.reload(organizationId, 0);
  }

  /** Registrations of the organization that are delivered now. */
  active(organizationId: string): readonly WebhookRegistration[] {
    return this.organizations.get(organizationId)?.active ?? [];
  }

  /** Whether the organization has webhooks at all, and since which stream sequence. */
  since(organizationId: string): number | undefined {
    return this.organizations.get(organizationId)?.since;
  }

  isPaused(organizationId: string, webhookId: string): boolean {
    return this.organizations.get(organizationId)?.paused.has(webhookId) ?? false;
  }

  registration(organizationId: string, webhookId: string): WebhookRegistration | undefined {
    return this.organizations.get(organizationId)?.all.find((r) => r.id === webhookId);
  }

  /** Called by the stream follower for every entry, in order. */
  onEntry(entry: FollowedEntry): void {
    const streamType = entry.subject.split('.')[2] ?? '';
    const watched = REGISTRY_EVENTS[streamType];
    if (watched) {
      const message = entry.payload as EventMessage;
      if (watched.has(message.type) && (streamType === 'organization' || this.organizations.has(message.organization_id))) {
        void this.reload(message.organization_id, entry.sequence);
      }
    }
    this.followed = entry.sequence;
    if (this.waiters.length > 0) {
      const ready = this.waiters.filter((w) => w.sequence <= entry.sequence);
      this.waiters = this.waiters.filter((w) => w.sequence > entry.sequence);
      ready.forEach((w) => w.wake());
    }
  }

  /** Resolves once every entry up to `sequence` has been applied (or after a few seconds, if the follower lags that much). */
  async caughtUp(sequence: number): Promise<void> {
    if (this.followed < sequence) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, CATCH_UP_LIMIT_MS);
        this.waiters.push({ sequence, wake: () => (clearTimeout(timer), resolve()) });
      });
    }
    while (this.reloading.size > 0) await Promise.all(this.reloading.values());
  }

  private reload(organizationId: string, sequence: number): Promise<void> {
    const previous = this.reloading.get(organizationId) ?? Promise.resolve();
    const next = previous
      .then(() => this.read(organizationId, sequence))
      .finally(() => {
        if (this.reloading.get(organizationId) === next) this.reloading.delete(organizationId);
      });
    this.reloading.set(organizationId, next);
    return next;
  }

  private async read(organizationId: string, sequence: number): Promise<void> {
    const [all, disabled, bots, paused] = await Promise.all([
      this.readModels.webhooks(organizationId),
      this.readModels.disabledLicenseWebhookClients(organizationId),
      this.readModels.bots(organizationId),
      this.pausedWebhooks(organizationId),
    ]);
    if (all.length === 0) {
      this.organizations.delete(organizationId);
      return;
    }
    const awake = new Set(bots.filter((b) => b.routing_status !== 'offline').map((b) => b.profile.owner_client_id));
    const isActive = (r: WebhookRegistration) =>
      (r.type === 'license' ? !disabled.includes(r.owner_client_id) : awake.has(r.owner_client_id));
    const since = this.organizations.get(organizationId)?.since ?? sequence;
    this.organizations.set(organizationId, { all, active: all.filter(isActive), paused: new Set(paused), since });
  }
}
