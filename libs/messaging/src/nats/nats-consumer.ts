import type { Consumer, JsMsg, NatsConnection } from 'nats';
import type { DurableConsumer, StreamEntry } from '../bus.port';
import { CONSUMER_LAG_POLL_MS, ConsumerObserver } from '../consumer-observer';
import type { ErrorReporter } from '../wire';
import { toStreamEntry } from './nats-entry';
import { PerTurn } from './per-turn';
import type { NatsLink } from './nats-link';

/**
 * Entries per pull (at least; a batch consumer pulls twice its batch). They
 * wait in the client while earlier ones are handled; the server is told they
 * are being worked on every third of ackWait, so a slow handler does not get
 * them delivered again elsewhere meanwhile.
 */
const PULL_SIZE = 64;
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
  /** Entries per handler call at most. */
  maxBatch: number;
  /** The consumer's ack wait: entries held longer are reported as in progress. */
  ackWaitMs: number;
  onError: ErrorReporter;
  observer?: ConsumerObserver;
}

/**
 * One running durable pull consumer: entries are handled in stream order, one
 * batch at a time (a batch: what arrived while the previous one was handled,
 * up to `maxBatch`).
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
    private readonly handler: (entries: StreamEntry[]) => Promise<void>,
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

  /** One pull, to its end, handled batch by batch as it arrives. Returns when a handler failed, if one did. */
  private async pull(): Promise<number | undefined> {
    const messages = await this.consumer.fetch({ max_messages: Math.max(PULL_SIZE, 2 * this.settings.maxBatch), expires: PULL_EXPIRES_MS });
    const arrived = new Arrivals(messages);
    const unhandled: JsMsg[] = [];
    let failedAt: number | undefined;
    let handling: JsMsg[] = [];
    const heartbeat = setInterval(() => this.inProgress([...handling, ...arrived.waiting()]), this.settings.ackWaitMs / 3);
    try {
      for (let batch = await arrived.next(this.settings.maxBatch); batch.length > 0; batch = await arrived.next(this.settings.maxBatch)) {
        if (this.stopping || failedAt !== undefined) {
          unhandled.push(...batch);
          continue;
        }
        const entries = batch.map((message) => {
          const deliveryCount = message.info.deliveryCount;
          if (deliveryCount > 1) this.settings.observer?.redelivered(this.settings.durableName);
          return toStreamEntry(message, deliveryCount);
        });
        handling = batch;
        try {
          await this.handler(entries);
          batch.forEach((message) => this.acks.add(message));
        } catch {
          failedAt = Date.now();
          unhandled.push(...batch);
        } finally {
          handling = [];
        }
      }
      arrived.rethrow();
    } finally {
      clearInterval(heartbeat);
      // In stream order: an entry handed back by another replica may have arrived behind later ones.
      await this.release(unhandled.sort((a, b) => a.seq - b.seq));
    }
    return failedAt;
  }

  /** Tells the server these are still being worked on (their ack wait starts again); a lost connection only means they may come again. */
  private inProgress(messages: JsMsg[]): void {
    if (this.nc.isClosed() || !this.link.connected) return;
    try {
      messages.forEach((message) => message.working());
    } catch (error) {
      this.settings.onError(error, `durable consumer ${this.settings.durableName} extending the ack wait`);
    }
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

/** A pull's messages as they arrive, taken in batches of whatever is there (waiting only when nothing is). */
class Arrivals {
  private readonly queue: JsMsg[] = [];
  private ended = false;
  private error: unknown;
  private wake: (() => void) | undefined;

  constructor(messages: AsyncIterable<JsMsg>) {
    void (async () => {
      try {
        for await (const message of messages) {
          this.queue.push(message);
          this.wake?.();
        }
      } catch (error) {
        this.error = error;
      } finally {
        this.ended = true;
        this.wake?.();
      }
    })();
  }

  /** Messages arrived and not taken yet. */
  waiting(): readonly JsMsg[] {
    return this.queue;
  }

  /** Up to `max` messages; empty once the pull has ended and everything was taken. */
  async next(max: number): Promise<JsMsg[]> {
    while (this.queue.length === 0 && !this.ended) {
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = undefined;
    }
    return this.queue.splice(0, max);
  }

  /** The pull's own failure (the connection, the server), once everything that came was taken. */
  rethrow(): void {
    if (this.error !== undefined) throw this.error;
  }
}
