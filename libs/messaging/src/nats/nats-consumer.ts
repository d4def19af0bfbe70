import type { Consumer, JsMsg, NatsConnection } from 'nats';
import type { DurableConsumer, StreamEntry } from '../bus.port';
import { CONSUMER_LAG_POLL_MS, ConsumerObserver } from '../consumer-observer';
import type { ErrorReporter } from '../wire';
import { toStreamEntry } from './nats-entry';
import { PerTurn } from './per-turn';
import type { NatsLink } from './nats-link';

/** Entries per pull. They wait in the client while earlier ones are handled: ackWait must cover a whole batch. */
const BATCH_SIZE = 64;
/**
 * How long a pull waits for entries (the shortest nats.js allows). A pull is always
 * left to end on its own, which bounds how long stop() and a retry wait for it.
 */
const PULL_EXPIRES_MS = 1000;
const NAK = new TextEncoder().encode('-NAK');
const NAK_TIMEOUT_MS = 5000;

export interface NatsConsumerSettings {
  durableName: string;
  retryDelayMs: number;
  onError: ErrorReporter;
  observer?: ConsumerObserver;
}

/**
 * One running durable pull consumer: entries are handled one at a time in stream order.
 *
 * Ordering rests on two rules. A pull is never abandoned: cutting it short (unsubscribing)
 * can lose entries the server was already sending, and those would come back only after
 * ackWait, behind later ones. And entries received but not handled (after a failure, or
 * when stopping) are nak'd without delay and in order, confirmed by the server, before
 * the next pull: the server then hands them out again before anything newer. The retry
 * delay is waited here rather than attached to the nak, because a delayed nak leaves the
 * entry aside and the next pull would receive later entries first.
 *
 * Hence stop() and a retry can wait up to a second for the pull to end, and ackWaitMs
 * should stay well above that second plus the time to handle a batch.
 */
export class NatsDurableConsumer implements DurableConsumer {
  /**
   * Acks of entries handled in the same turn leave in one write. An ack not
   * sent (the process died first) only means a redelivery after ackWait,
   * which consumers handle (they are idempotent).
   */
  private readonly acks = new PerTurn<JsMsg>((messages) => messages.forEach((message) => message.ack()));
  private stopping = false;
  private interrupt: (() => void) | undefined;
  private readonly finished: Promise<void>;

  constructor(
    private readonly nc: NatsConnection,
    private readonly consumer: Consumer,
    private readonly handler: (entry: StreamEntry) => Promise<void>,
    private readonly settings: NatsConsumerSettings,
    private readonly link: NatsLink,
    onStopped: () => void,
  ) {
    const lagPoller = settings.observer && this.pollLag(settings.observer);
    this.finished = this.run().finally(() => {
      clearInterval(lagPoller);
      onStopped();
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.interrupt?.();
    await this.finished;
  }

  private async run(): Promise<void> {
    while (!this.stopping && !this.nc.isClosed()) {
      if (!this.link.connected) {
        // A pull sent now would be lost with nats.js's buffer on reconnect; wait for the connection.
        await this.pause(this.settings.retryDelayMs);
        continue;
      }
      let failedAt: number | undefined;
      try {
        failedAt = await this.pull();
      } catch (error) {
        if (this.stopping || this.nc.isClosed()) return;
        this.settings.onError(error, `durable consumer ${this.settings.durableName}`);
        failedAt = Date.now();
      }
      if (failedAt !== undefined && !this.stopping) {
        await this.pause(this.settings.retryDelayMs - (Date.now() - failedAt));
      }
    }
  }

  /** One pull, to its end. Returns when a handler failed, if one did. */
  private async pull(): Promise<number | undefined> {
    const messages = await this.consumer.fetch({ max_messages: BATCH_SIZE, expires: PULL_EXPIRES_MS });
    const unhandled: JsMsg[] = [];
    let failedAt: number | undefined;
    try {
      for await (const message of messages) {
        if (this.stopping || failedAt !== undefined) {
          unhandled.push(message);
          continue;
        }
        const deliveryCount = message.info.deliveryCount;
        if (deliveryCount > 1) this.settings.observer?.redelivered(this.settings.durableName);
        try {
          await this.handler(toStreamEntry(message, deliveryCount));
          this.acks.add(message);
        } catch {
          failedAt = Date.now();
          unhandled.push(message);
        }
      }
    } finally {
      await this.release(unhandled);
    }
    return failedAt;
  }

  private async release(messages: JsMsg[]): Promise<void> {
    if (messages.length === 0 || this.nc.isClosed()) return;
    try {
      await Promise.all(messages.map((message) => this.nakConfirmed(message)));
    } catch (error) {
      // Whatever was not released comes back after ackWait.
      this.settings.onError(error, `durable consumer ${this.settings.durableName} releasing entries`);
    }
  }

  /** JsMsg.nak() is fire-and-forget; sent as a request, the server answers once it has processed it. */
  private async nakConfirmed(message: JsMsg): Promise<void> {
    const reply = (message as Partial<{ reply: string }>).reply;
    if (!reply) {
      message.nak();
      return;
    }
    await this.link.guard(() => this.nc.request(reply, NAK, { timeout: NAK_TIMEOUT_MS }));
  }

  /**
   * Reports what the server says is left for this consumer: entries not yet
   * delivered plus those delivered and not yet acknowledged. While the server
   * does not answer, the last value stays.
   */
  private pollLag(observer: ConsumerObserver): NodeJS.Timeout {
    let polling = false;
    const poll = (): void => {
      if (polling || this.nc.isClosed()) return;
      polling = true;
      this.consumer
        .info()
        .then((info) => observer.pending(this.settings.durableName, info.num_pending + info.num_ack_pending))
        .catch(() => undefined)
        .finally(() => (polling = false));
    };
    poll();
    const timer = setInterval(poll, CONSUMER_LAG_POLL_MS);
    timer.unref();
    return timer;
  }

  private pause(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.interrupt = undefined;
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.interrupt = wake;
    });
  }
}
