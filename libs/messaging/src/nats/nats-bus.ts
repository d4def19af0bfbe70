import {
  connect,
  ErrorCode,
  JetStreamManager,
  Msg,
  NatsConnection,
  NatsError,
  Subscription as NatsSubscription,
} from 'nats';
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
import { BusUnavailableError } from '../connection-errors';
import { ConsumerObserver } from '../consumer-observer';
import { decodeJson, encodeJson, ErrorReporter, replyOf, reportToConsole, unwrapReply } from '../wire';
import { NatsEventStream } from './nats-event-stream';
import { NatsLink } from './nats-link';

export interface NatsBusOptions {
  servers: string | string[];
  /** Connection name, shown by the server's monitoring. */
  name?: string;
  /** JetStream stream of the event stream. Default `EVENTS`. */
  streamName?: string;
  /** The event stream holds `${subjectPrefix}.>`. Default `evt`. */
  subjectPrefix?: string;
  /** Receives errors nobody awaits: subscriber handlers, consumer pulls. Default: console.error. */
  onError?: ErrorReporter;
  /** Told how the durable consumers keep up (metrics). */
  observer?: ConsumerObserver;
}

const DEFAULT_TIMEOUT_MS = 5000;
const PING_TIMEOUT_MS = 2000;
/**
 * After a lost connection, retry every 0.5 s (plus up to 0.25 s of jitter, so
 * replicas do not all knock at once): service resumes within a second of NATS
 * coming back instead of nats.js's default 2 s.
 */
const RECONNECT_WAIT_MS = 500;
const RECONNECT_JITTER_MS = 250;
/** A connection whose server stopped answering (no TCP reset: a dead network) is dropped after 2 missed pings. */
const PING_INTERVAL_MS = 15_000;
const MAX_PINGS_OUT = 2;

/**
 * The bus of the distributed mode: core NATS for request/reply and publish/subscribe,
 * JetStream for the event stream. Payloads travel as JSON; replies as `{ok}` or
 * `{error: {type, message}}`.
 */
export class NatsBus implements Bus {
  readonly events: NatsEventStream;
  private readonly subscriptions = new Set<NatsSubscription>();
  private readonly inflight = new Set<Promise<unknown>>();
  private readonly onError: ErrorReporter;
  private readonly link: NatsLink;
  private drained: Promise<void> | undefined;

  /** Connects (reconnecting forever after a loss) and checks that JetStream is available. */
  static async connect(options: NatsBusOptions): Promise<NatsBus> {
    const nc = await connect({
      servers: options.servers,
      name: options.name,
      // Stack traces for every request cost more CPU than the request itself.
      noAsyncTraces: true,
      maxReconnectAttempts: -1,
      reconnectTimeWait: RECONNECT_WAIT_MS,
      reconnectJitter: RECONNECT_JITTER_MS,
      pingInterval: PING_INTERVAL_MS,
      maxPingOut: MAX_PINGS_OUT,
    });
    try {
      return new NatsBus(nc, await nc.jetstreamManager(), options);
    } catch (error) {
      await nc.close();
      throw error;
    }
  }

  private constructor(
    private readonly nc: NatsConnection,
    jsm: JetStreamManager,
    options: NatsBusOptions,
  ) {
    this.onError = options.onError ?? reportToConsole;
    this.link = new NatsLink(nc, this.onError);
    this.events = new NatsEventStream(nc, jsm, nc.jetstream(), this.link, {
      streamName: options.streamName ?? 'EVENTS',
      subjectPrefix: options.subjectPrefix ?? 'evt',
      onError: this.onError,
      observer: options.observer,
    });
  }

  async request<TReply = unknown>(subject: string, payload: unknown, options: RequestOptions = {}): Promise<TReply> {
    if (this.drained) throw new BusUnavailableError('The bus is draining: no new requests');
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    let reply: Msg;
    try {
      reply = await this.link.guard(() => this.nc.request(subject, encodeJson(payload), { timeout: timeoutMs }));
    } catch (error) {
      if (error instanceof NatsError && error.code === ErrorCode.NoResponders) throw new NoRespondersError(subject);
      if (error instanceof NatsError && error.code === ErrorCode.Timeout) throw new BusTimeoutError(subject, timeoutMs);
      throw error;
    }
    return unwrapReply(decodeJson(reply.data)) as TReply;
  }

  serve(subject: string, handler: RequestHandler, options: SubscribeOptions = {}): Subscription {
    return this.listen(subject, options.queue, (message) =>
      replyOf(() => handler(decodeJson(message.data), message.subject)).then((reply) => {
        if (message.reply) message.respond(encodeJson(reply));
      }),
    );
  }

  publish(subject: string, payload: unknown): void {
    this.nc.publish(subject, encodeJson(payload));
  }

  subscribe(subject: string, handler: MessageHandler, options: SubscribeOptions = {}): Subscription {
    return this.listen(subject, options.queue, async (message) => {
      await handler(decodeJson(message.data), message.subject);
    });
  }

  /** A round trip to the server; rejects while disconnected, draining or closed. */
  async ping(): Promise<void> {
    if (this.drained) throw new BusUnavailableError('The bus is draining');
    if (!this.link.connected) throw new BusUnavailableError('Not connected to NATS');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new BusUnavailableError(`NATS did not answer within ${PING_TIMEOUT_MS} ms`)), PING_TIMEOUT_MS);
    });
    try {
      await Promise.race([this.nc.flush(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Deletes the event stream and everything in it: for tests and benchmarks, never in production. */
  deleteStream(): Promise<void> {
    return this.events.delete();
  }

  /** Stops consumers, drains subscriptions, waits for in-flight handlers, then drains the connection. */
  drain(): Promise<void> {
    this.drained ??= this.shutdown();
    return this.drained;
  }

  private async shutdown(): Promise<void> {
    await this.events.stopAll();
    await Promise.allSettled([...this.subscriptions].map((subscription) => subscription.drain()));
    this.subscriptions.clear();
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
    if (!this.nc.isClosed()) await this.nc.drain();
  }

  private listen(subject: string, queue: string | undefined, onMessage: (message: Msg) => Promise<void>): Subscription {
    const subscription = this.nc.subscribe(subject, {
      queue,
      callback: (error, message) => {
        if (error) {
          this.onError(error, `subscription to ${subject}`);
          return;
        }
        this.track(onMessage(message).catch((failure: unknown) => this.onError(failure, `handler of ${subject}`)));
      },
    });
    this.subscriptions.add(subscription);
    return {
      unsubscribe: () => {
        this.subscriptions.delete(subscription);
        subscription.unsubscribe();
      },
    };
  }

  private track(work: Promise<unknown>): void {
    this.inflight.add(work);
    const done = (): void => {
      this.inflight.delete(work);
    };
    work.then(done, done);
  }
}
