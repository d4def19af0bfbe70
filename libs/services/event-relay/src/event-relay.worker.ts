import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Infrastructure, INFRASTRUCTURE, Metrics } from '@switchboard/platform';
import { EventRelay } from './event-relay';
import { relayMetrics } from './relay-metrics';

/** Runs the relay for the life of the process; stops it before the connections close. */
@Injectable()
export class EventRelayWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('event-relay');
  readonly relay: EventRelay;

  constructor(@Inject(INFRASTRUCTURE) infrastructure: Infrastructure, metrics: Metrics) {
    this.relay = new EventRelay(infrastructure.store, infrastructure.bus.events, {
      subjectPrefix: infrastructure.subjectPrefix,
      streamIsVolatile: !infrastructure.durableBus,
      observer: relayMetrics(metrics),
      onError: (error) => this.logger.warn(`publishing paused, will resume from the stream's last message: ${error.message}`),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.relay.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }
}
