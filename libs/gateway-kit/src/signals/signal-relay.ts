import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Subscription } from '@switchboard/messaging';
import { Infrastructure, INFRASTRUCTURE, liveSignalSubject, liveSignalSubjects } from '@switchboard/platform';
import { PushDelivery, PushHub } from '../push/push-hub';
import { SignalThrottle } from './signal-throttle';

/** A push of a live signal, for one API's users. */
export interface LiveSignalPush extends PushDelivery {
  api: 'agent' | 'customer';
}

/** A signal that is never stored (typing, sneak peek, multicast): its pushes, and a key to thin out repeats by. */
export interface LiveSignalMessage {
  throttleKey?: string;
  pushes: LiveSignalPush[];
}

interface Relayed {
  organization_id: string;
  pushes: LiveSignalPush[];
}

/** At most this many signals per second per key (chat, author, kind) leave a replica; the latest wins. */
const SIGNALS_PER_SECOND = 4;

/**
 * Carries live signals from the replica that accepted them to every gateway
 * with a connection of the organization: one core NATS message per signal on
 * `<prefix>-signals.<organization>`, outside the event stream (nothing to
 * store, nothing to replay — a signal lost in a bus blip is superseded by the
 * next keystroke). In the embedded mode the in-process bus does the same.
 */
@Injectable()
export class SignalRelay implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('signals');
  private subscription: Subscription | undefined;
  private readonly throttle = new SignalThrottle<Relayed>(1000 / SIGNALS_PER_SECOND, (relayed) => this.publish(relayed));

  constructor(
    @Inject(INFRASTRUCTURE) private readonly infrastructure: Infrastructure,
    private readonly pushes: PushHub,
  ) {}

  onModuleInit(): void {
    this.subscription = this.infrastructure.bus.subscribe(liveSignalSubjects(this.infrastructure.subjectPrefix), (message) => this.deliver(message as Relayed));
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }

  /** Sends a signal of `organizationId` to its users on every replica (thinned out per throttle key). */
  send(organizationId: string, signal: LiveSignalMessage): void {
    if (signal.pushes.length === 0) return;
    const relayed = { organization_id: organizationId, pushes: signal.pushes };
    if (signal.throttleKey) this.throttle.offer(`${organizationId}:${signal.throttleKey}`, relayed);
    else this.publish(relayed);
  }

  private publish(relayed: Relayed): void {
    try {
      this.infrastructure.bus.publish(liveSignalSubject(this.infrastructure.subjectPrefix, relayed.organization_id), relayed);
    } catch (error) {
      // A signal is superseded by the next one: losing it while the bus is away is harmless.
      this.logger.debug(`could not relay a signal: ${(error as Error).message}`);
    }
  }

  private deliver(relayed: Relayed): void {
    if (typeof relayed?.organization_id !== 'string' || !Array.isArray(relayed.pushes)) return;
    for (const push of relayed.pushes) {
      const { api, ...delivery } = push;
      this.pushes.sendLive(relayed.organization_id, api, delivery);
    }
  }
}
