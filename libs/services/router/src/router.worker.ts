import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ChatService } from '@switchboard/chat/application';
import { EventMessage } from '@switchboard/event-store';
import { DurableConsumer } from '@switchboard/messaging';
import { Infrastructure, INFRASTRUCTURE } from '@switchboard/platform';
import { GreetingTrigger } from './greeting-trigger';
import { Router, routerNeedsEntry } from './router';

/** Every few seconds the router also sweeps for waiting chats, in case a trigger was missed. */
const SWEEP_INTERVAL_MS = 5000;

/** Runs the router on the durable `router` consumer of the event stream. */
@Injectable()
export class RouterWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('router');
  private readonly router: Router;
  private readonly greetings: GreetingTrigger;
  private consumer: DurableConsumer | undefined;
  private sweeper: NodeJS.Timeout | undefined;

  constructor(@Inject(INFRASTRUCTURE) private readonly infrastructure: Infrastructure) {
    const { store, readModels, db } = infrastructure;
    this.router = new Router(readModels, new ChatService(store), db);
    this.greetings = new GreetingTrigger(store, readModels, db);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = await this.infrastructure.bus.events.consume(
      'router',
      async (entry) => {
        if (!routerNeedsEntry(entry)) return;
        try {
          await this.router.onEvent(entry.payload as EventMessage);
          await this.greetings.onEvent(entry.payload as EventMessage);
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
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.sweeper);
    await this.consumer?.stop();
  }
}
