import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ChatService } from '@switchboard/chat/application';
import { EventMessage } from '@switchboard/event-store';
import { DurableConsumer } from '@switchboard/messaging';
import { Infrastructure, INFRASTRUCTURE, Settings, SETTINGS_TOKEN } from '@switchboard/platform';
import { GreetingTrigger } from './greeting-trigger';
import { Router } from './router';
import { Reassignment } from './reassignment/reassignment';

/** Every few seconds the router also sweeps for waiting chats, in case a trigger was missed. */
const SWEEP_INTERVAL_MS = 5000;

/** Runs the router on the durable `router` consumer of the event stream. */
@Injectable()
export class RouterWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('router');
  private readonly router: Router;
  private readonly greetings: GreetingTrigger;
  private readonly reassignment: Reassignment;
  private consumer: DurableConsumer | undefined;
  private sweeper: NodeJS.Timeout | undefined;
  private reassigner: NodeJS.Timeout | undefined;

  constructor(
    @Inject(INFRASTRUCTURE) private readonly infrastructure: Infrastructure,
    @Inject(SETTINGS_TOKEN) private readonly settings: Settings,
  ) {
    const { store, readModels, db } = infrastructure;
    this.router = new Router(readModels, new ChatService(store), db);
    this.greetings = new GreetingTrigger(store, readModels, db);
    this.reassignment = new Reassignment(new ChatService(store), readModels, db, settings.routingMinuteMs);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = await this.infrastructure.bus.events.consume(
      'router',
      async (entry) => {
        try {
          await this.router.onEvent(entry.payload as EventMessage);
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
      this.router.sweep().catch((error: Error) => this.logger.warn(`sweep failed: ${error.message}`));
    }, SWEEP_INTERVAL_MS);
    this.sweeper.unref();
    this.reassigner = setInterval(() => {
      this.reassignment.sweep().catch((error: Error) => this.logger.warn(`reassignment sweep failed: ${error.message}`));
    }, Math.min(SWEEP_INTERVAL_MS, this.settings.routingMinuteMs));
    this.reassigner.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.sweeper);
    clearInterval(this.reassigner);
    this.reassignment.stop();
    await this.consumer?.stop();
  }
}
