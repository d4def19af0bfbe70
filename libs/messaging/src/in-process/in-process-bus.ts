import {
  Bus,
  BusTimeoutError,
  MessageHandler,
  NoRespondersError,
  RequestHandler,
  RequestOptions,
  SubscribeOptions,
  Subscription,
} from '../bus.port';
import { ConsumerObserver } from '../consumer-observer';
import { ErrorReporter, fromJsonText, replyOf, reportToConsole, toJsonText, unwrapReply, WireReply } from '../wire';
import { InProcessEventStream } from './in-process-event-stream';
import { SubjectRouter } from './subject-router';
import { assertValidSubject } from './subjects';

export interface InProcessBusOptions {
  /**
   * Subjects the event stream captures, `${subjectPrefix}.>`, as the NATS stream does;
   * a publish elsewhere fails with NoRespondersError. Default: every subject.
   */
  subjectPrefix?: string;
  /** Receives errors thrown by subscriber handlers. Default: console.error. */
  onError?: ErrorReporter;
  /** Told how the durable consumers keep up (metrics). */
  observer?: ConsumerObserver;
}

/** A subscriber or server as the router sees it; `reply` is absent for a plain publish. */
type Target = (subject: string, payload: string | undefined, reply?: (reply: WireReply) => void) => void;

const DEFAULT_TIMEOUT_MS = 5000;

/**
 * The bus of the embedded (single-process) mode, entirely in memory.
 *
 * It behaves like the NATS adapter where a user could tell: handlers always run
 * asynchronously, payloads go through JSON (no shared objects), queue groups pick
 * one member per message, a request nobody serves fails with {@link NoRespondersError},
 * and a stream publish is also seen by core subscribers of its subject — every
 * attempt, duplicates and rejected ones included, exactly as with NATS.
 */
export class InProcessBus implements Bus {
  readonly events: InProcessEventStream;
  private readonly router = new SubjectRouter<Target>();
  private readonly inflight = new Set<Promise<unknown>>();
  private readonly onError: ErrorReporter;
  private state: 'open' | 'draining' | 'closed' = 'open';
  private drained: Promise<void> | undefined;

  constructor(options: InProcessBusOptions = {}) {
    this.onError = options.onError ?? reportToConsole;
    this.events = new InProcessEventStream({
      capture: options.subjectPrefix === undefined ? '>' : `${options.subjectPrefix}.>`,
      assertOpen: () => this.assertNotClosed(),
      mirror: (subject, payload) => this.route(subject, payload),
      onError: (error, where) => this.onError(error, where),
      observer: options.observer,
    });
  }

  request<TReply = unknown>(subject: string, payload: unknown, options: RequestOptions = {}): Promise<TReply> {
    if (this.state !== 'open') return Promise.reject(new Error(`The bus is ${this.state}: no new requests`));
    assertValidSubject(subject, false);
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const targets = this.router.targets(subject);
    if (targets.length === 0) return Promise.reject(new NoRespondersError(subject));
    const body = toJsonText(payload);
    return new Promise<TReply>((resolve, reject) => {
      let settled = false;
      const timer = setTimeout(() => {
        settled = true;
        reject(new BusTimeoutError(subject, timeoutMs));
      }, timeoutMs);
      // The first reply wins, as with several non-queue servers on NATS.
      const reply = (wire: WireReply): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        try {
          resolve(unwrapReply(fromJsonText(toJsonText(wire))) as TReply);
        } catch (error) {
          reject(error);
        }
      };
      for (const target of targets) this.dispatch(() => target(subject, body, reply));
    });
  }

  serve(subject: string, handler: RequestHandler, options: SubscribeOptions = {}): Subscription {
    return this.listen(subject, options.queue, (actual, payload, reply) =>
      this.track(replyOf(() => handler(fromJsonText(payload), actual)).then((wire) => reply?.(wire))),
    );
  }

  publish(subject: string, payload: unknown): void {
    this.assertNotClosed();
    assertValidSubject(subject, false);
    this.route(subject, toJsonText(payload));
  }

  subscribe(subject: string, handler: MessageHandler, options: SubscribeOptions = {}): Subscription {
    return this.listen(subject, options.queue, (actual, payload) =>
      this.track(
        Promise.resolve()
          .then(() => handler(fromJsonText(payload), actual))
          .catch((error: unknown) => this.onError(error, `subscriber of ${subject}`)),
      ),
    );
  }

  async ping(): Promise<void> {
    if (this.state !== 'open') throw new Error(`The bus is ${this.state}`);
  }

  /** Stops consumers and subscriptions, waits for in-flight handlers, then refuses everything. */
  drain(): Promise<void> {
    this.drained ??= this.shutdown();
    return this.drained;
  }

  private async shutdown(): Promise<void> {
    this.state = 'draining';
    await this.events.stopAll();
    this.router.clear();
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
    this.state = 'closed';
  }

  private listen(subject: string, queue: string | undefined, target: Target): Subscription {
    this.assertNotClosed();
    assertValidSubject(subject, true);
    let active = true;
    // Deliveries already queued must also stop at once, hence the flag next to the route.
    const remove = this.router.add(subject, (s, payload, reply) => active && target(s, payload, reply), queue);
    return {
      unsubscribe: () => {
        active = false;
        remove();
      },
    };
  }

  private route(subject: string, payload: string | undefined): void {
    for (const target of this.router.targets(subject)) this.dispatch(() => target(subject, payload));
  }

  /** Never inside the publisher's call stack: a publisher must not run its subscribers' code. */
  private dispatch(deliver: () => void): void {
    queueMicrotask(deliver);
  }

  private track(work: Promise<unknown>): void {
    this.inflight.add(work);
    const done = (): void => {
      this.inflight.delete(work);
    };
    work.then(done, done);
  }

  private assertNotClosed(): void {
    if (this.state === 'closed') throw new Error('The bus is closed');
  }
}
