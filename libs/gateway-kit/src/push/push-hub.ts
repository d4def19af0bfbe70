import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { EventMessage, subjectToken } from '@switchboard/event-store';
import { Subscription } from '@switchboard/messaging';
import { Infrastructure, INFRASTRUCTURE } from '@switchboard/platform';
import { RtmConnection } from '../rtm/rtm-connection';

/** One push to send: to these users of the planner's API (or every agent of the organization). */
export interface PushDelivery {
  action: string;
  payload: unknown;
  userIds?: string[];
  allAgents?: boolean;
}

/** Turns a committed event into the pushes one API's users get. */
export type PushPlanner = (message: EventMessage) => Promise<PushDelivery[]>;

/**
 * Delivers pushes to the RTM connections of this process. It listens (core
 * NATS) to the events of every organization with a connection here, so each
 * gateway replica serves the users connected to it, in commit order.
 */
@Injectable()
export class PushHub implements OnModuleDestroy {
  private readonly logger = new Logger('pushes');
  private readonly planners = new Map<'agent' | 'customer', PushPlanner>();
  private readonly connections = new Map<string, Set<RtmConnection>>();
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly queues = new Map<string, Promise<void>>();

  constructor(@Inject(INFRASTRUCTURE) private readonly infrastructure: Infrastructure) {}

  registerPlanner(api: 'agent' | 'customer', planner: PushPlanner): void {
    this.planners.set(api, planner);
  }

  async attach(connection: RtmConnection): Promise<void> {
    const organizationId = connection.session!.organizationId;
    const set = this.connections.get(organizationId) ?? new Set();
    set.add(connection);
    this.connections.set(organizationId, set);
    if (this.subscriptions.has(organizationId)) return;
    const subject = `${this.infrastructure.subjectPrefix}.${subjectToken(organizationId)}.>`;
    this.subscriptions.set(
      organizationId,
      this.infrastructure.bus.subscribe(subject, (payload) => this.enqueue(organizationId, payload as EventMessage)),
    );
    // The subscription must be live before the client is told it is logged in.
    await this.infrastructure.bus.ping().catch(() => undefined);
  }

  detach(connection: RtmConnection): void {
    const organizationId = connection.session?.organizationId;
    if (!organizationId) return;
    const set = this.connections.get(organizationId);
    set?.delete(connection);
    if (set && set.size === 0) {
      this.connections.delete(organizationId);
      this.subscriptions.get(organizationId)?.unsubscribe();
      this.subscriptions.delete(organizationId);
    }
  }

  onModuleDestroy(): void {
    for (const subscription of this.subscriptions.values()) subscription.unsubscribe();
    this.subscriptions.clear();
  }

  /** One organization's events are planned and delivered one after another, in order. */
  private enqueue(organizationId: string, message: EventMessage): void {
    const previous = this.queues.get(organizationId) ?? Promise.resolve();
    const next = previous.then(() => this.deliver(organizationId, message)).catch((error: Error) => {
      this.logger.warn(`push for ${message.type} failed: ${error.message}`);
    });
    this.queues.set(organizationId, next);
    void next.then(() => {
      if (this.queues.get(organizationId) === next) this.queues.delete(organizationId);
    });
  }

  private async deliver(organizationId: string, message: EventMessage): Promise<void> {
    const connections = [...(this.connections.get(organizationId) ?? [])];
    if (connections.length === 0) return;
    const origin = message.metadata as { connection_id?: string; request_id?: string };
    for (const [api, planner] of this.planners) {
      const targets = connections.filter((c) => c.api === api);
      if (targets.length === 0) continue;
      for (const delivery of await planner(message)) {
        for (const connection of targets) {
          const userId = connection.session?.requester.id;
          if (!userId || !(delivery.allAgents || delivery.userIds?.includes(userId))) continue;
          const requestId = origin.connection_id === connection.id ? origin.request_id : undefined;
          connection.push(delivery.action, delivery.payload, requestId);
        }
      }
    }
  }
}
