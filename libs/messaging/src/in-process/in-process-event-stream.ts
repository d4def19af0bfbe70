import {
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
import { InProcessFollower } from './in-process-follower';
import { toJsonText } from '../wire';
import { DurablePosition, EntryFeed, InProcessConsumer, StoredEntry, toStreamEntry } from './in-process-consumer';
import { assertValidSubject, subjectMatches } from './subjects';

/** What the stream needs from the bus that owns it. */
export interface StreamHost {
  /** The subject pattern the stream captures. */
  readonly capture: string;
  /** Throws once the bus is closed. */
  assertOpen(): void;
  /** Hands a stream publish to core subscribers, as a JetStream publish is seen by them too. */
  mirror(subject: string, payload: string | undefined): void;
  /** Receives errors thrown by followers' handlers. */
  onError(error: unknown, where: string): void;
  /** Told how the durable consumers keep up (metrics). */
  readonly observer?: ConsumerObserver;
}

/**
 * The embedded mode's event stream: everything in memory, gone with the process.
 * Unlike JetStream's 2-minute window, ids are deduplicated for the life of the process.
 * `ackWaitMs` does not apply: an entry can only be in the hands of the one running handler.
 */
export class InProcessEventStream implements EventStream {
  private readonly entries: StoredEntry[] = [];
  private readonly sequenceById = new Map<string, number>();
  private readonly durables = new Map<string, DurablePosition>();
  private readonly running = new Set<InProcessConsumer>();
  private readonly followers = new Set<InProcessFollower>();
  private readonly appendListeners = new Set<() => void>();
  private readonly feed: EntryFeed = {
    entryAt: (index) => this.entries[index],
    onAppend: (listener) => {
      this.appendListeners.add(listener);
      return () => this.appendListeners.delete(listener);
    },
  };

  constructor(private readonly host: StreamHost) {}

  async ensure(): Promise<void> {
    this.host.assertOpen();
  }

  async publish(message: StreamPublish, options: StreamPublishOptions = {}): Promise<PublishAck> {
    this.host.assertOpen();
    assertValidSubject(message.subject, false);
    if (!message.id) throw new Error('A stream publish needs a non-empty id');
    const payload = toJsonText(message.payload);
    this.host.mirror(message.subject, payload);
    if (!subjectMatches(this.host.capture, message.subject)) throw new NoRespondersError(message.subject);
    // Checked before the expectation, as JetStream does: a republished entry is a duplicate, not a conflict.
    const existing = this.sequenceById.get(message.id);
    if (existing !== undefined) return { sequence: existing, duplicate: true };
    const expected = options.expectedLastSequence;
    if (expected !== undefined && expected !== this.entries.length) throw new ExpectedSequenceError(expected);
    const entry: StoredEntry = {
      sequence: this.entries.length + 1,
      subject: message.subject,
      id: message.id,
      payload,
      headers: { ...message.headers },
    };
    this.entries.push(entry);
    this.sequenceById.set(entry.id, entry.sequence);
    for (const listener of [...this.appendListeners]) listener();
    return { sequence: entry.sequence, duplicate: false };
  }

  async last(): Promise<StreamEntry | undefined> {
    this.host.assertOpen();
    const entry = this.entries[this.entries.length - 1];
    return entry && toStreamEntry(entry, 0);
  }

  async consume(
    durableName: string,
    handler: (entry: StreamEntry) => Promise<void>,
    options: ConsumeOptions = {},
  ): Promise<DurableConsumer> {
    return this.consumeBatches(durableName, (entries) => handler(entries[0]), { ...options, maxBatch: 1 });
  }

  /** Only one consumer per durable name may run at a time here; a second `consume()` is rejected. */
  async consumeBatches(
    durableName: string,
    handler: (entries: StreamEntry[]) => Promise<void>,
    options: ConsumeBatchOptions,
  ): Promise<DurableConsumer> {
    this.host.assertOpen();
    const position = this.durables.get(durableName) ?? { next: 0, running: false };
    if (position.running) throw new Error(`Durable consumer ${durableName} is already running`);
    this.durables.set(durableName, position);
    const observer = this.host.observer;
    const consumer: InProcessConsumer = new InProcessConsumer(
      this.feed,
      position,
      handler,
      options,
      () => this.running.delete(consumer),
      observer && { durableName, observer },
    );
    this.running.add(consumer);
    return consumer;
  }

  async follow(handler: (entry: FollowedEntry) => void, options: FollowOptions = {}): Promise<StreamFollower> {
    this.host.assertOpen();
    const start = Math.min(options.afterSequence ?? this.entries.length, this.entries.length);
    if (options.filterSubject !== undefined) assertValidSubject(options.filterSubject, true);
    const follower = new InProcessFollower(
      this.feed,
      start,
      handler,
      (error) => this.host.onError(error, 'stream follower'),
      options.filterSubject,
    );
    this.followers.add(follower);
    return follower;
  }

  /** Stops every running consumer, letting in-flight handlers finish. */
  async stopAll(): Promise<void> {
    await Promise.all([...this.running].map((consumer) => consumer.stop()));
    await Promise.all([...this.followers].map((follower) => follower.stop()));
  }
}
