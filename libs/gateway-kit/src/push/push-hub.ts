import { Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { hasScope } from '@switchboard/auth';
import { EventMessage, subjectToken } from '@switchboard/event-store';
import { pushCarriesRequestId, pushFrame } from '@switchboard/protocol';
import { EventFeed } from '../feed/event-feed';
import { GatewayMetrics } from '../metrics/gateway-metrics';
import { RtmConnection } from '../rtm/rtm-connection';

/** One push to send: to these users of the planner's API (or every agent of the organization). */
export interface PushDelivery {
  action: string;
  payload: unknown;
  userIds?: string[];
  allAgents?: boolean;
  /** Every customer connection of the organization (group statuses, ADR 0034). */
  allCustomers?: boolean;
  /** Only sessions holding this scope get the push (configuration pushes: the scope that reads what changed). */
  scope?: string;
  /** Not to the connection whose request caused the event (its answer says it all: `chat_unfollowed`). */
  notToOrigin?: boolean;
  /** The push ends the session: sent as the `*_disconnected` push with the payload's `reason`, then the socket closes (a ban). */
  disconnect?: boolean;
}

/** Turns a committed event into the pushes one API's users get. */
export type PushPlanner = (message: EventMessage) => Promise<PushDelivery[]>;

/**
 * How long the event feed may be cut off before this process gives up on
 * catching up quietly: its clients are told to reconnect (maybe elsewhere) and resync.
 */
const STALL_LIMIT_MS = 15_000;
/** Waits between attempts to plan a push when the database does not answer (about 12 s in all). */
const PLAN_RETRY_DELAYS_MS = [100, 200, 400, 800, 1500, 3000, 6000];

/**
 * Delivers pushes to the RTM connections of this process, from the process's
 * event feed: every committed event, in stream order, planned and delivered
 * one after another per organization. Nothing is dropped silently: after a
 * bus outage the feed resumes where it stopped and the pushes go out late but
 * in order; when events are lost for good (or the outage lasts too long),
 * every client is disconnected with a reason that tells it to reconnect and resync.
 */
@Injectable()
export class PushHub implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('pushes');
  private readonly planners = new Map<'agent' | 'customer', PushPlanner>();
  /** Each organization's connections, by API and user: a push goes straight to its users' sockets. */
  private readonly connections = new Map<string, OrganizationConnections>();
  /** Subject tokens of the organizations in `connections`: events of others are not even decoded. */
  private readonly organizationTokens = new Set<string>();
  private readonly queues = new Map<string, Promise<void>>();
  private readonly resyncListeners = new Set<() => void>();
  private stallTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly feed: EventFeed,
    private readonly metrics: GatewayMetrics,
  ) {}

  onModuleInit(): void {
    this.feed.listen({
      accepts: (organizationToken) => this.organizationTokens.has(organizationToken),
      event: (message) => {
        if (this.connections.has(message.organization_id)) this.enqueue(message.organization_id, message);
      },
      gap: () => this.resync('events were lost'),
      stall: (stalled) => {
        clearTimeout(this.stallTimer);
        if (!stalled) return;
        this.stallTimer = setTimeout(() => this.resync(`no events for ${STALL_LIMIT_MS} ms`), STALL_LIMIT_MS);
        this.stallTimer.unref();
      },
    });
  }

  /** After every module registered its planner (onModuleInit). */
  async onApplicationBootstrap(): Promise<void> {
    await this.feed.start();
  }

  registerPlanner(api: 'agent' | 'customer', planner: PushPlanner): void {
    this.planners.set(api, planner);
    this.feed.includeEverything();
  }

  /** Called when every client must resync (the RTM server disconnects them all). */
  onResync(listener: () => void): void {
    this.resyncListeners.add(listener);
  }

  /** True while this process cannot hear events (new sessions would miss pushes). */
  get stalled(): boolean {
    return this.feed.stalled;
  }

  attach(connection: RtmConnection): void {
    const organizationId = connection.session!.organizationId;
    let organization = this.connections.get(organizationId);
    if (!organization) this.connections.set(organizationId, (organization = new OrganizationConnections()));
    organization.add(connection);
    this.organizationTokens.add(subjectToken(organizationId));
  }

  detach(connection: RtmConnection): void {
    const organizationId = connection.session?.organizationId;
    if (!organizationId) return;
    const organization = this.connections.get(organizationId);
    if (organization?.remove(connection) === 0) {
      this.connections.delete(organizationId);
      this.organizationTokens.delete(subjectToken(organizationId));
    }
  }

  /**
   * Sends a push that is no event (a live signal) to this process's
   * connections of the organization at once. Returns how many got it.
   */
  sendLive(organizationId: string, api: 'agent' | 'customer', delivery: PushDelivery): number {
    let frame: string | undefined;
    let sent = 0;
    for (const connection of this.connections.get(organizationId)?.targets(api, delivery) ?? []) {
      frame ??= JSON.stringify(pushFrame(delivery.action, delivery.payload));
      connection.push(delivery.action, delivery.payload, undefined, frame);
      sent++;
    }
    if (sent > 0) this.metrics.pushed(api, delivery.action, sent);
    return sent;
  }

  private resync(why: string): void {
    this.logger.error(`${why}: every client is told to reconnect and resync`);
    for (const listener of this.resyncListeners) listener();
  }

  /**
   * One organization's events are planned and delivered one after another, in
   * order. Planning reads the database: while it is away the queue waits and
   * retries; if it stays away, the organization's clients are told to resync
   * rather than left without the push.
   */
  private enqueue(organizationId: string, message: EventMessage): void {
    const previous = this.queues.get(organizationId) ?? Promise.resolve();
    const next = previous.then(() => this.deliverWithRetries(organizationId, message));
    this.queues.set(organizationId, next);
    void next.then(() => {
      if (this.queues.get(organizationId) === next) this.queues.delete(organizationId);
    });
  }

  private async deliverWithRetries(organizationId: string, message: EventMessage): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.deliver(organizationId, message);
        return;
      } catch (error) {
        if (attempt >= PLAN_RETRY_DELAYS_MS.length) {
          this.logger.error(`push for ${message.type} failed for good (${(error as Error).message}): the organization's clients resync`);
          for (const connection of this.connections.get(organizationId)?.all() ?? []) {
            connection.disconnect(connection.api === 'agent' ? 'internal_error' : 'service_temporarily_unavailable', 1011);
          }
          return;
        }
        if (attempt === 0) this.logger.warn(`push for ${message.type} failed, retrying: ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, PLAN_RETRY_DELAYS_MS[attempt]));
      }
    }
  }

  /** Plans every API's pushes first (the part that can fail), then sends them. */
  private async deliver(organizationId: string, message: EventMessage): Promise<void> {
    const organization = this.connections.get(organizationId);
    if (!organization) return;
    const plans: Array<['agent' | 'customer', PushDelivery[]]> = [];
    for (const [api, planner] of this.planners) {
      if (organization.has(api)) plans.push([api, await planner(message)]);
    }
    const origin = message.metadata as { connection_id?: string; request_id?: string; command?: string };
    for (const [api, deliveries] of plans) {
      for (const delivery of deliveries) {
        // Serialized once for every socket, except the one whose request caused the event (it carries the request_id).
        let frame: string | undefined;
        let sent = 0;
        for (const connection of organization.targets(api, delivery)) {
          if (delivery.notToOrigin && origin.connection_id === connection.id) continue;
          if (delivery.disconnect) connection.disconnect((delivery.payload as { reason: string }).reason);
          else if (origin.connection_id === connection.id && origin.request_id && pushCarriesRequestId(delivery.action, origin.command)) {
            connection.push(delivery.action, delivery.payload, origin.request_id);
          } else {
            frame ??= JSON.stringify(pushFrame(delivery.action, delivery.payload));
            connection.push(delivery.action, delivery.payload, undefined, frame);
          }
          sent++;
        }
        if (sent > 0) this.metrics.pushed(api, delivery.action, sent);
      }
    }
  }
}

/** One organization's logged-in connections, by API and by user. */
class OrganizationConnections {
  private readonly byUser = new Map<string, Set<RtmConnection>>();
  private readonly byApi = { agent: new Set<RtmConnection>(), customer: new Set<RtmConnection>() };

  add(connection: RtmConnection): void {
    this.byApi[connection.api].add(connection);
    const key = userKey(connection.api, connection.session!.requester.id);
    const set = this.byUser.get(key) ?? new Set();
    set.add(connection);
    this.byUser.set(key, set);
  }

  /** Returns how many connections remain. */
  remove(connection: RtmConnection): number {
    if (this.byApi[connection.api].delete(connection)) {
      const key = userKey(connection.api, connection.session!.requester.id);
      const set = this.byUser.get(key);
      set?.delete(connection);
      if (set?.size === 0) this.byUser.delete(key);
    }
    return this.byApi.agent.size + this.byApi.customer.size;
  }

  has(api: 'agent' | 'customer'): boolean {
    return this.byApi[api].size > 0;
  }

  all(): RtmConnection[] {
    return [...this.byApi.agent, ...this.byApi.customer];
  }

  *targets(api: 'agent' | 'customer', delivery: PushDelivery): Iterable<RtmConnection> {
    const { scope } = delivery;
    const allowed = (connection: RtmConnection) => !scope || hasScope(connection.session!.requester.scopes, scope);
    if (delivery.allCustomers) {
      if (api === 'customer') yield* this.byApi.customer;
      return;
    }
    if (delivery.allAgents) {
      if (api === 'agent') for (const connection of this.byApi.agent) if (allowed(connection)) yield connection;
      return;
    }
    for (const userId of new Set(delivery.userIds ?? [])) {
      for (const connection of this.byUser.get(userKey(api, userId)) ?? []) if (allowed(connection)) yield connection;
    }
  }
}

const userKey = (api: string, userId: string) => `${api}:${userId}`;
