import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ChatService } from '@switchboard/chat/application';
import { EventMessage } from '@switchboard/event-store';
import { DurableConsumer } from '@switchboard/messaging';
import { Infrastructure, INFRASTRUCTURE, liveSignalSubject, Settings, SETTINGS_TOKEN } from '@switchboard/platform';
import { GreetingTrigger } from './greeting-trigger';
import { inactivityTimer, OwnedTimer } from './inactivity';
import { QueueKeeper } from './queue/queue-keeper';
import { Router } from './router';
import { routerNeedsEntry } from './router-needs';
import { Reassignment } from './reassignment/reassignment';

/** Every few seconds the router also sweeps for waiting chats, in case a trigger was missed. */
const SWEEP_INTERVAL_MS = 5000;

/** Runs the router on the durable `router` consumer of the event stream. */
@Injectable()
export class RouterWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('router');
  private readonly router: Router;
  private readonly greetings: GreetingTrigger;
  private readonly queues: QueueKeeper;
  private consumer: DurableConsumer | undefined;
  private sweeper: NodeJS.Timeout | undefined;
  private readonly inactivity: OwnedTimer;
  private readonly reassignment: Reassignment;
  private reassigner: NodeJS.Timeout | undefined;

  constructor(
    @Inject(INFRASTRUCTURE) private readonly infrastructure: Infrastructure,
    @Inject(SETTINGS_TOKEN) private readonly settings: Settings,
  ) {
    const { store, readModels, db, bus, subjectPrefix } = infrastructure;
    this.router = new Router(readModels, new ChatService(store), db);
    this.greetings = new GreetingTrigger(store, readModels, db);
    this.inactivity = inactivityTimer(db, new ChatService(store), settings.routingMinuteMs, (error) => this.logger.warn(`inactivity sweep failed: ${error.message}`));
    // Queue positions travel as live signals: the gateways deliver them like typing indicators (ADR 0038).
    const relay = (organizationId: string, pushes: unknown[]) => {
      try {
        bus.publish(liveSignalSubject(subjectPrefix, organizationId), { organization_id: organizationId, pushes });
      } catch (error) {
        // Positions lost in a bus outage are corrected by the next change; get_chat always says where a chat stands.
        this.logger.warn(`queue positions not relayed: ${(error as Error).message}`);
      }
    };
    this.queues = new QueueKeeper(db, new ChatService(store), readModels, relay, settings.routingMinuteMs, (message) => this.logger.warn(message));
    this.reassignment = new Reassignment(new ChatService(store), readModels, db, settings.routingMinuteMs);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = await this.infrastructure.bus.events.consume(
      'router',
      async (entry) => {
        if (!routerNeedsEntry(entry)) return;
        try {
          await this.router.onEvent(entry.payload as EventMessage);
          this.queues.onEvent(entry.payload as EventMessage);
          await this.greetings.onEvent(entry.payload as EventMessage);
          // Chats of an agent who left are moved off the consumer's path (the sweep retries whatever fails).
          void this.reassignment.onEvent(entry.payload as EventMessage).catch((error: Error) => this.logger.warn(`reassignment failed: ${error.message}`));
        } catch (error) {
          this.logger.warn(`routing after ${(entry.payload as EventMessage).type} failed: ${(error as Error).message}`);
          throw error;
        }
      },
      { ackWaitMs: 30000, retryDelayMs: 500 },
    );
    this.sweeper = setInterval(() => {
      this.router
        .sweep()
        .then(() => this.queues.sweep())
        .catch((error: Error) => this.logger.warn(`sweep failed: ${error.message}`));
    }, SWEEP_INTERVAL_MS);
    this.sweeper.unref();
    this.inactivity.start();
    this.reassigner = setInterval(() => {
      this.reassignment.sweep().catch((error: Error) => this.logger.warn(`reassignment sweep failed: ${error.message}`));
    }, Math.min(SWEEP_INTERVAL_MS, this.settings.routingMinuteMs));
    this.reassigner.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.sweeper);
    await this.inactivity.stop();
    clearInterval(this.reassigner);
    this.reassignment.stop();
    await this.consumer?.stop();
    await this.queues.idle();
  }
}
