import {
  AckPolicy,
  DeliverPolicy,
  DiscardPolicy,
  ErrorCode,
  JetStreamClient,
  JetStreamManager,
  NatsConnection,
  NatsError,
  ReplayPolicy,
  RetentionPolicy,
  StorageType,
  nanos,
} from 'nats';
import {
  BusTimeoutError,
  ConsumeBatchOptions,
  ConsumeOptions,
  DurableConsumer,
  EventStream,
  ExpectedSequenceError,
  FollowedEntry,
  FollowOptions,
  NoRespondersError,
  PublishAck,
  StreamEntry,
  StreamPublish,
  StreamFollower,
  StreamPublishOptions,
} from '../bus.port';
import { ConsumerObserver } from '../consumer-observer';
import { NatsFilteredFollower } from './nats-filtered-follower';
import { liveSubject, NatsFollower } from './nats-follower';
import { PerTurn } from './per-turn';
import { encodeJson, ErrorReporter } from '../wire';
import { NatsDurableConsumer } from './nats-consumer';
import { isJsError, JsErrorCode, toNatsHeaders, toStreamEntry } from './nats-entry';
import { NatsLink } from './nats-link';

export interface NatsEventStreamConfig {
  streamName: string;
  subjectPrefix: string;
  onError: ErrorReporter;
  observer?: ConsumerObserver;
}

const DUPLICATE_WINDOW_MS = 2 * 60 * 1000;
const DEFAULT_ACK_WAIT_MS = 30000;
const DEFAULT_RETRY_DELAY_MS = 1000;
/** nats.js's default for JetStream API calls and publishes. */
const PUBLISH_TIMEOUT_MS = 5000;

/** The event stream on JetStream: stream `streamName` holding `${subjectPrefix}.>`. */
export class NatsEventStream implements EventStream {
  /** Followers hear of stored entries in ack (sequence) order; the announcements of one batch of acks leave in one write. */
  private readonly announcements: PerTurn<[subject: string, data: Uint8Array]>;
  private readonly running = new Set<NatsDurableConsumer>();
  private readonly followers = new Set<StreamFollower>();
  private closing = false;

  constructor(
    private readonly nc: NatsConnection,
    private readonly jsm: JetStreamManager,
    private readonly js: JetStreamClient,
    private readonly link: NatsLink,
    private readonly config: NatsEventStreamConfig,
  ) {
    this.announcements = new PerTurn((items) => {
      for (const [subject, data] of items) if (!nc.isClosed()) nc.publish(subject, data);
    });
  }

  /** Creates the stream when missing; an existing stream is left exactly as it is. */
  async ensure(): Promise<void> {
    const { streamName, subjectPrefix } = this.config;
    try {
      await this.link.guard(() => this.jsm.streams.info(streamName));
      return;
    } catch (error) {
      if (!isJsError(error, JsErrorCode.StreamNotFound)) throw error;
    }
    try {
      await this.jsm.streams.add({
        name: streamName,
        subjects: [`${subjectPrefix}.>`],
        storage: StorageType.File,
        retention: RetentionPolicy.Limits,
        discard: DiscardPolicy.New,
        max_msgs_per_subject: -1,
        duplicate_window: nanos(DUPLICATE_WINDOW_MS),
      });
    } catch (error) {
      // Another process created it between our two calls.
      if (!isJsError(error, JsErrorCode.StreamNameInUse)) throw error;
    }
  }

  async publish(message: StreamPublish, options: StreamPublishOptions = {}): Promise<PublishAck> {
    if (!message.id) throw new Error('A stream publish needs a non-empty id');
    const expected = options.expectedLastSequence;
    const data = encodeJson(message.payload);
    try {
      const ack = await this.link.guard(() =>
        this.js.publish(message.subject, data, {
          msgID: message.id,
          headers: toNatsHeaders(message.headers),
          expect: expected === undefined ? {} : { lastSequence: expected },
          timeout: PUBLISH_TIMEOUT_MS,
        }),
      );
      // Followers hear of each stored entry at once, in sequence order (acks come in order).
      if (!ack.duplicate) this.announcements.add([liveSubject(this.config.subjectPrefix, ack.seq, message.subject), data]);
      return { sequence: ack.seq, duplicate: ack.duplicate };
    } catch (error) {
      if (expected !== undefined && isJsError(error, JsErrorCode.WrongLastSequence)) {
        throw new ExpectedSequenceError(expected);
      }
      if (error instanceof NatsError && error.code === ErrorCode.NoResponders) {
        throw new NoRespondersError(message.subject);
      }
      if (error instanceof NatsError && error.code === ErrorCode.Timeout) {
        throw new BusTimeoutError(message.subject, PUBLISH_TIMEOUT_MS);
      }
      throw error;
    }
  }

  async last(): Promise<StreamEntry | undefined> {
    const { streamName } = this.config;
    const { state } = await this.link.guard(() => this.jsm.streams.info(streamName));
    if (state.messages === 0) return undefined;
    const stored = await this.link.guard(() => this.jsm.streams.getMessage(streamName, { seq: state.last_seq }));
    return toStreamEntry({ subject: stored.subject, seq: stored.seq, headers: stored.header, data: stored.data }, 0);
  }

  /**
   * Creates the durable pull consumer if needed (or updates its ackWait and filter) and
   * starts pulling. Several processes may consume the same durable name, but strict
   * order then holds only within each of them.
   */
  async consume(
    durableName: string,
    handler: (entry: StreamEntry) => Promise<void>,
    options: ConsumeOptions = {},
  ): Promise<DurableConsumer> {
    return this.consumeBatches(durableName, (entries) => handler(entries[0]), { ...options, maxBatch: 1 });
  }

  async consumeBatches(
    durableName: string,
    handler: (entries: StreamEntry[]) => Promise<void>,
    options: ConsumeBatchOptions,
  ): Promise<DurableConsumer> {
    if (this.closing) throw new Error('The bus is draining: no new consumers');
    await this.upsertConsumer(durableName, options);
    const consumer = await this.js.consumers.get(this.config.streamName, durableName);
    const settings = {
      durableName,
      retryDelayMs: options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS,
      maxBatch: options.maxBatch,
      ackWaitMs: options.ackWaitMs ?? DEFAULT_ACK_WAIT_MS,
      onError: this.config.onError,
      observer: this.config.observer,
    };
    const running: NatsDurableConsumer = new NatsDurableConsumer(this.nc, consumer, handler, settings, this.link, () =>
      this.running.delete(running),
    );
    this.running.add(running);
    return running;
  }

  async follow(handler: (entry: FollowedEntry) => void, options: FollowOptions = {}): Promise<StreamFollower> {
    if (this.closing) throw new Error('The bus is draining: no new followers');
    const { streamName, subjectPrefix, onError } = this.config;
    if (options.filterSubject) {
      const start = options.afterSequence ?? (await this.jsm.streams.info(streamName)).state.last_seq;
      const filtered = await NatsFilteredFollower.start(this.nc, this.js, streamName, options.filterSubject, start, handler, options, onError);
      this.followers.add(filtered);
      return filtered;
    }
    const follower = await NatsFollower.start(
      { nc: this.nc, js: this.js, jsm: this.jsm, streamName, subjectPrefix },
      options.afterSequence,
      handler,
      options,
      onError,
    );
    this.followers.add(follower);
    return follower;
  }

  /** Deletes the stream with everything in it (tests, benchmarks); a missing stream is fine. */
  async delete(): Promise<void> {
    try {
      await this.jsm.streams.delete(this.config.streamName);
    } catch (error) {
      if (!isJsError(error, JsErrorCode.StreamNotFound)) throw error;
    }
  }

  /** Stops every running consumer (in-flight handlers finish) and refuses new ones. */
  async stopAll(): Promise<void> {
    this.closing = true;
    await Promise.all([...this.running].map((consumer) => consumer.stop()));
    await Promise.all([...this.followers].map((follower) => follower.stop()));
  }

  private async upsertConsumer(durableName: string, options: ConsumeOptions): Promise<void> {
    const { streamName } = this.config;
    const ackWait = nanos(options.ackWaitMs ?? DEFAULT_ACK_WAIT_MS);
    const filter = options.filterSubject || undefined;
    const maxAckPending = options.maxAckPending;
    try {
      const { config } = await this.jsm.consumers.info(streamName, durableName);
      const ackPendingDiffers = maxAckPending !== undefined && config.max_ack_pending !== maxAckPending;
      if (config.ack_wait !== ackWait || (config.filter_subject || undefined) !== filter || ackPendingDiffers) {
        // An undefined filter_subject is dropped from the request, which removes the filter.
        await this.jsm.consumers.update(streamName, durableName, {
          ack_wait: ackWait,
          filter_subject: filter,
          ...(maxAckPending !== undefined && { max_ack_pending: maxAckPending }),
        });
      }
      return;
    } catch (error) {
      if (!isJsError(error, JsErrorCode.ConsumerNotFound)) throw error;
    }
    await this.jsm.consumers.add(streamName, {
      durable_name: durableName,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      replay_policy: ReplayPolicy.Instant,
      ack_wait: ackWait,
      max_deliver: -1,
      filter_subject: filter,
      ...(maxAckPending !== undefined && { max_ack_pending: maxAckPending }),
    });
  }
}
