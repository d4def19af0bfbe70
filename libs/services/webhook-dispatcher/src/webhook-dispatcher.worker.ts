import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DurableConsumer, StreamFollower } from '@switchboard/messaging';
import { Infrastructure, INFRASTRUCTURE, Metrics, Settings, SETTINGS_TOKEN } from '@switchboard/platform';
import { DEFAULT_RETRY_POLICY, scaledRetryPolicy } from '@switchboard/webhooks/domain';
import { DeliveryEngine } from './delivery-engine';
import { DeliveryStore } from './delivery-store';
import { DispatcherMetrics } from './dispatcher-metrics';
import { Ingestion, OccurrenceSource, OutOfOrderError } from './ingestion';
import { WebhookRegistry } from './webhook-registry';
import { WebhookSender } from './webhook-sender';

/** Entries recorded in one transaction at most, and entries the replicas hold unacknowledged together. */
const MAX_BATCH = 64;
const MAX_ACK_PENDING = 512;
/** The backlog metrics are read this often. */
const BACKLOG_POLL_MS = 5000;

export const WEBHOOK_OCCURRENCES = Symbol('WEBHOOK_OCCURRENCES');

/**
 * The webhook dispatcher (ADR 0044): the durable `webhook-dispatcher`
 * consumer shared by the replicas records what each event owes; the engine
 * sends it; a sweep takes what is due again (retries, a dead replica's
 * claims, deliveries waiting behind another's); claims are renewed while held.
 */
@Injectable()
export class WebhookDispatcherWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('webhook-dispatcher');
  private readonly store: DeliveryStore;
  private readonly registry: WebhookRegistry;
  private readonly engine: DeliveryEngine;
  private readonly sender: WebhookSender;
  private readonly ingestion: Ingestion;
  private readonly metrics: DispatcherMetrics;
  private consumer: DurableConsumer | undefined;
  private follower: StreamFollower | undefined;
  private readonly timers: NodeJS.Timeout[] = [];
  private sweeping = false;

  constructor(
    @Inject(INFRASTRUCTURE) private readonly infrastructure: Infrastructure,
    @Inject(SETTINGS_TOKEN) private readonly settings: Settings,
    @Inject(WEBHOOK_OCCURRENCES) occurrences: OccurrenceSource,
    metrics: Metrics,
  ) {
    const webhooks = settings.webhooks;
    const retry = scaledRetryPolicy({ ...DEFAULT_RETRY_POLICY, retryForMs: webhooks.retryForMs }, webhooks.timeScale);
    this.metrics = new DispatcherMetrics(metrics);
    this.store = new DeliveryStore(infrastructure.db, `${hostname()}-${randomUUID().slice(0, 8)}`, webhooks.claimMs);
    this.registry = new WebhookRegistry(infrastructure.readModels, (organizationId) => this.store.paused(organizationId));
    this.sender = new WebhookSender({
      timeoutMs: webhooks.timeoutMs,
      connectionsPerReceiver: webhooks.concurrencyPerReceiver,
      blockPrivateTargets: webhooks.blockPrivateTargets,
    });
    this.engine = new DeliveryEngine(
      this.store,
      this.sender,
      (delivery) => this.registry.registration(delivery.organization_id, delivery.webhook_id)?.secret_key,
      { concurrencyPerReceiver: webhooks.concurrencyPerReceiver, maxHeld: webhooks.maxHeld, retry },
      this.metrics,
      (message) => this.logger.warn(message),
      (delivery) => this.registry.isPaused(delivery.organization_id, delivery.webhook_id),
    );
    this.ingestion = new Ingestion(this.registry, this.store, this.engine, occurrences, () => retry.retryForMs);
  }

  async onApplicationBootstrap(): Promise<void> {
    const events = this.infrastructure.bus.events;
    // Follow first: whatever is registered from now on is seen; the load reads everything before.
    this.follower = await events.follow((entry) => this.registry.onEntry(entry));
    await this.registry.load();
    this.consumer = await events.consumeBatches(
      'webhook-dispatcher',
      async (entries) => {
        try {
          await this.ingestion.handleBatch(entries);
        } catch (error) {
          if (!(error instanceof OutOfOrderError)) this.logger.warn(`webhooks of entries ${entries[0].sequence}–${entries[entries.length - 1].sequence} not recorded: ${(error as Error).message}`);
          throw error;
        }
      },
      // Batches recorded in one transaction each; the replicas share the entries, each stream's events recorded in order (ADR 0044).
      { ackWaitMs: 10_000, retryDelayMs: 50, maxAckPending: MAX_ACK_PENDING, maxBatch: MAX_BATCH },
    );
    const { sweepMs, claimMs, logRetentionHours } = this.settings.webhooks;
    this.every(sweepMs, () => this.sweep());
    this.every(claimMs / 3, () => this.store.renewClaims(this.engine.heldIds()));
    this.every(BACKLOG_POLL_MS, async () => {
      const backlog = await this.store.backlog();
      this.metrics.pending.set(backlog.pending);
      this.metrics.oldestPending.set(backlog.oldestSeconds);
      this.metrics.dead.set(backlog.dead);
    });
    this.every(3_600_000, () => this.store.prune(logRetentionHours * 3_600_000));
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.timers.forEach((timer) => clearInterval(timer));
    await this.consumer?.stop();
    await this.follower?.stop();
    await this.engine.idle();
    // What is still held goes back, so another replica need not wait for the claims to expire.
    await this.store.release(this.engine.heldIds()).catch(() => undefined);
    await this.sender.close();
  }

  /** Takes the deliveries that are due: first in their chain, unclaimed or claimed by a replica that died. */
  private async sweep(): Promise<void> {
    if (this.sweeping || !this.engine.hasRoom()) return;
    this.sweeping = true;
    try {
      const due = await this.store.claimDue(Math.min(this.engine.room(), 1000));
      const givenBack = due.filter((delivery) => !this.engine.take(delivery, 'clear', 'database')).map((d) => d.id);
      await this.store.release(givenBack);
    } finally {
      this.sweeping = false;
    }
  }

  private every(ms: number, work: () => Promise<void>): void {
    const timer = setInterval(() => work().catch((error: Error) => this.logger.warn(`webhook dispatcher: ${error.message}`)), ms);
    timer.unref();
    this.timers.push(timer);
  }
}
