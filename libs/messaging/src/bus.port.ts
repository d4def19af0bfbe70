/**
 * The bus port: everything Switchboard's services say to each other.
 *
 * Two adapters implement it — NATS (core NATS + JetStream) for the
 * distributed mode and an in-process bus for the embedded mode — and one
 * contract suite (`bus.contract.ts`) runs against both.
 *
 * Payloads are plain JSON values; adapters encode them.
 */

/** A live subscription or server; `unsubscribe` stops delivery at once. */
export interface Subscription {
  unsubscribe(): void;
}

export interface RequestOptions {
  /** Milliseconds to wait for a reply before rejecting with {@link BusTimeoutError}. Default 5000. */
  timeoutMs?: number;
}

export interface SubscribeOptions {
  /** Subscribers sharing a queue name split the messages: each goes to one of them. */
  queue?: string;
}

export type RequestHandler = (payload: unknown, subject: string) => unknown | Promise<unknown>;
export type MessageHandler = (payload: unknown, subject: string) => void;

/** One message of the durable event stream. */
export interface StreamEntry {
  /** Position in the stream, from 1, without gaps. */
  sequence: number;
  subject: string;
  /** The publisher's message id (the event id); the stream keeps one entry per id. */
  id: string;
  payload: unknown;
  headers: Record<string, string>;
  /** How many times this entry has been handed to this consumer, from 1. */
  deliveryCount: number;
}

export interface StreamPublish {
  subject: string;
  /** Deduplication id: a second publish with the same id is acknowledged as a duplicate and not stored. */
  id: string;
  payload: unknown;
  headers?: Record<string, string>;
}

export interface StreamPublishOptions {
  /** Reject with {@link ExpectedSequenceError} unless the stream's last sequence is exactly this (0 = empty). */
  expectedLastSequence?: number;
}

export interface PublishAck {
  sequence: number;
  duplicate: boolean;
}

export interface ConsumeOptions {
  /** Only entries whose subject matches (NATS wildcards). Default: the whole stream. */
  filterSubject?: string;
  /** How long a delivered, unacknowledged entry waits before it is delivered again. Default 30000. */
  ackWaitMs?: number;
  /** Delay before an entry whose handler failed is delivered again. Default 1000. */
  retryDelayMs?: number;
  /**
   * Entries handed out and not yet acknowledged, across every process sharing
   * the consumer. 1 = one entry at a time in stream order across replicas
   * (they share the work, never hold two entries at once). Default: the server's.
   */
  maxAckPending?: number;
}

export interface ConsumeBatchOptions extends ConsumeOptions {
  /**
   * Entries handed to one handler call at most. A batch is what has arrived
   * while the previous one was being handled (never waited for), so a busy
   * consumer gets bigger batches and an idle one gets each entry at once.
   */
  maxBatch: number;
}

/** A running durable consumer. */
export interface DurableConsumer {
  /** Stops fetching; resolves once the handler in flight (if any) has finished and been acknowledged. */
  stop(): Promise<void>;
}

/** What a follower is handed: just enough to act on an entry, nothing copied it does not need. */
export interface FollowedEntry {
  sequence: number;
  subject: string;
  /** Decoded on first access: a follower that skips an entry by its subject never pays for it. */
  readonly payload: unknown;
}

/** Where a follower starts: after a given sequence, or with entries published from now on. */
export interface FollowOptions {
  /**
   * Only entries whose subject matches (NATS wildcards), for a process that
   * needs a small part of the stream. A filtered follower cannot tell a gap
   * from other subjects' sequences: `onGap` is never called for it.
   */
  filterSubject?: string;
  /** Hand entries after this sequence (0 = the whole stream). Default: only entries published after `follow()` resolves. */
  afterSequence?: number;
  /**
   * Called when the follower finds that entries it can never hand out are missing
   * (e.g. the stream no longer holds them): `expected` is the sequence it wanted,
   * `got` the one it received. Entries from `got` on are still handed out in order.
   */
  onGap?: (expected: number, got: number) => void;
  /** Connection to the stream lost (true) or back (false); entries missed meanwhile follow when it is back. */
  onStall?: (stalled: boolean) => void;
}

/** A running follower of the whole stream. */
export interface StreamFollower {
  /** Sequence of the last entry handed to the handler (or the start position). */
  readonly lastSequence: number;
  /** True while the follower cannot receive entries (its connection is down). */
  readonly stalled: boolean;
  stop(): Promise<void>;
}

/**
 * The durable, ordered event stream (JetStream stream `EVENTS` in production).
 * Entries are consumed in stream order, one at a time per consumer: an entry is
 * acknowledged when its handler resolves; when the handler throws, the same entry
 * is delivered again (after `retryDelayMs`) before any later one.
 * A durable consumer's position survives `stop()` and a new `consume()` with the same name.
 */
export interface EventStream {
  /** Creates the stream if it does not exist. Idempotent. */
  ensure(): Promise<void>;
  publish(message: StreamPublish, options?: StreamPublishOptions): Promise<PublishAck>;
  /** The last stored entry, or undefined when the stream is empty. `deliveryCount` is 0 here. */
  last(): Promise<StreamEntry | undefined>;
  consume(
    durableName: string,
    handler: (entry: StreamEntry) => Promise<void>,
    options?: ConsumeOptions,
  ): Promise<DurableConsumer>;
  /**
   * `consume()` with several entries per handler call, in stream order: a
   * batch is acknowledged when the handler resolves; when it throws, every
   * entry of the batch is delivered again (after `retryDelayMs`) before any
   * later one. The handler must be idempotent per entry (a batch that comes
   * again may be cut differently).
   */
  consumeBatches(
    durableName: string,
    handler: (entries: StreamEntry[]) => Promise<void>,
    options: ConsumeBatchOptions,
  ): Promise<DurableConsumer>;
  /**
   * Follows every entry of the stream, in order, without acknowledgements and
   * without a durable position (each process that fans events out to its own
   * clients: gateways, caches). After a connection loss it resumes right after
   * the last entry it handed out, so nothing is skipped silently: an entry that
   * can no longer be had is reported through `onGap`. The handler is called
   * synchronously, one entry at a time; it must not block. (On NATS, entries
   * reach followers as core messages announced by `publish`, with JetStream
   * read only to fill what was missed.)
   */
  follow(handler: (entry: FollowedEntry) => void, options?: FollowOptions): Promise<StreamFollower>;
}

export interface Bus {
  /** Sends a request to whoever serves `subject` and resolves with its reply. */
  request<TReply = unknown>(subject: string, payload: unknown, options?: RequestOptions): Promise<TReply>;
  /**
   * Serves requests on `subject`. A handler that throws makes the requester reject with
   * {@link RemoteError} carrying the thrown error's `type` (or `internal`) and message.
   */
  serve(subject: string, handler: RequestHandler, options?: SubscribeOptions): Subscription;
  /** Fire-and-forget publish (core NATS): only current subscribers see it. */
  publish(subject: string, payload: unknown): void;
  /** Subscribes to a subject pattern (`*` one token, `>` the rest). */
  subscribe(subject: string, handler: MessageHandler, options?: SubscribeOptions): Subscription;
  readonly events: EventStream;
  /** Resolves when the bus can carry messages (readiness); rejects otherwise. */
  ping(): Promise<void>;
  /** Stops taking new messages, lets in-flight handlers finish, then closes. */
  drain(): Promise<void>;
}

export class BusTimeoutError extends Error {
  readonly type = 'request_timeout';
  constructor(subject: string, timeoutMs: number) {
    super(`No reply on ${subject} within ${timeoutMs} ms`);
    this.name = 'BusTimeoutError';
  }
}

export class NoRespondersError extends Error {
  readonly type = 'service_unavailable';
  constructor(subject: string) {
    super(`Nobody serves ${subject}`);
    this.name = 'NoRespondersError';
  }
}

/** The serving side threw: its error `type` and message travel back to the requester. */
export class RemoteError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
    this.name = 'RemoteError';
  }
}

export class ExpectedSequenceError extends Error {
  constructor(expected: number) {
    super(`The stream's last sequence is not ${expected}`);
    this.name = 'ExpectedSequenceError';
  }
}
