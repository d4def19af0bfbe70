import {
  Commit,
  EventStore,
  eventSubject,
  LOG_START,
  LogPosition,
  positionFromHeaders,
  positionHeaders,
  RecordedEvent,
  toEventMessage,
} from '@switchboard/event-store';
import { EventStream } from '@switchboard/messaging';

/** Told about every published batch, for metrics; must be cheap and must not throw. */
export interface RelayObserver {
  /** `count` events were published; the last of them had been committed `lagSeconds` earlier. */
  published(count: number, lagSeconds: number): void;
}

export interface EventRelayOptions {
  subjectPrefix: string;
  /** Events read from the log per query. */
  batchSize?: number;
  /** Publishes in flight at once (each expects the previous sequence, so none can land out of order). */
  window?: number;
  /** Longest wait between two reads of the log when nothing notifies. */
  pollIntervalMs?: number;
  onError?: (error: Error) => void;
  /**
   * For a stream that forgets (the embedded mode's in-process bus): when it is
   * empty, start at the end of the log instead of publishing history again —
   * nobody consumes that history, and live connections must not get old pushes.
   */
  streamIsVolatile?: boolean;
  observer?: RelayObserver;
}

export interface RelayStatus {
  running: boolean;
  published: number;
  position: LogPosition | undefined;
}

/**
 * Publishes every committed event, in commit order, to the durable event
 * stream — message id = event id, subject evt.<organization>.<type>.<id>.
 *
 * Its position is the last message in the stream (headers carry the log
 * position), not a checkpoint of its own: whatever the stream lost, or never
 * got because the relay died, is published again; duplicates are dropped by
 * the stream's message-id window, and each publish expects the stream's
 * previous sequence, so a second relay cannot interleave.
 */
export class EventRelay {
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private stopWatching: (() => Promise<void>) | undefined;
  private position: LogPosition | undefined;
  /** Commits handed over by a store that is its database's only writer, not published yet. */
  private commits: Commit[] = [];
  private sequence = 0;
  private published = 0;
  /** Set by a commit notification that arrived while the log was being read. */
  private notified = false;
  private readonly batchSize: number;
  private readonly window: number;
  private readonly pollIntervalMs: number;

  constructor(
    private readonly store: EventStore,
    private readonly stream: EventStream,
    private readonly options: EventRelayOptions,
  ) {
    this.batchSize = options.batchSize ?? 1000;
    this.window = options.window ?? 256;
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
  }

  status(): RelayStatus {
    return { running: this.running, published: this.published, position: this.position };
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.stream.ensure();
    const notify = () => {
      this.notified = true;
      this.wake?.();
    };
    if (this.store.committed) {
      // Every commit comes straight from the store: no notifications, no reads while caught up.
      const stop = this.store.committed((commit) => {
        this.commits.push(commit);
        notify();
      });
      this.stopWatching = async () => stop();
    } else {
      this.stopWatching = await this.store.watch(notify);
    }
    this.loop = this.run();
  }

  /** Stops after the batch in flight is published. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.stopWatching?.();
  }

  private async run(): Promise<void> {
    let idleDelay = 1;
    while (this.running) {
      try {
        if (!this.position) await this.resume();
        this.notified = false;
        const handed = this.takeCommits();
        if (handed.length > 0) {
          await this.publish(handed);
          // Caught up: the next commit (or the poll interval) wakes the relay.
          if (this.commits.length === 0 && !this.notified) await this.idle(this.pollIntervalMs);
          continue;
        }
        const batch = await this.store.readLog(this.position!, this.batchSize);
        if (batch.length > 0) {
          await this.publish(batch);
          idleDelay = 1;
          // A full batch may have more behind it; otherwise only a new commit (its notification) brings more.
          if (batch.length < this.batchSize && !this.notified) await this.idle(this.pollIntervalMs);
          continue;
        }
        // Nothing visible yet: back off from 1 ms (a notified commit may wait on an
        // older transaction) up to the poll interval; a notification cuts the wait.
        if (this.notified) idleDelay = 1;
        await this.idle(idleDelay);
        idleDelay = Math.min(idleDelay * 2, this.pollIntervalMs);
      } catch (error) {
        this.options.onError?.(error as Error);
        this.position = undefined;
        await this.idle(this.pollIntervalMs);
      }
    }
  }

  /**
   * The handed-over commits that continue exactly where the relay stands;
   * at the first that does not (the relay was behind, or started after it),
   * all are dropped and the log is read instead.
   */
  private takeCommits(): RecordedEvent[] {
    const events: RecordedEvent[] = [];
    let at = this.position!;
    for (const commit of this.commits) {
      const last = commit.events[commit.events.length - 1];
      if (!isAfter(last, at)) continue; // published already, from the log
      if (!commit.after || isAfter(commit.after, at) || isAfter(at, commit.after)) {
        this.commits = [];
        this.notified = true;
        return events;
      }
      events.push(...commit.events);
      at = last;
    }
    this.commits = [];
    return events;
  }

  private async resume(): Promise<void> {
    const last = await this.stream.last();
    this.sequence = last?.sequence ?? 0;
    if (!last && this.options.streamIsVolatile) {
      this.position = await this.store.lastLogPosition();
      return;
    }
    this.position = (last && positionFromHeaders(last.headers)) ?? LOG_START;
  }

  private idle(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    }).then(() => {
      this.wake = undefined;
    });
  }

  private async publish(batch: RecordedEvent[]): Promise<void> {
    for (let start = 0; start < batch.length; start += this.window) {
      const chunk = batch.slice(start, start + this.window);
      const acks = await Promise.allSettled(
        chunk.map((event, i) =>
          this.stream.publish(
            {
              subject: eventSubject(this.options.subjectPrefix, event.organizationId, event.streamId),
              id: event.eventId,
              payload: toEventMessage(event),
              headers: positionHeaders(event),
            },
            { expectedLastSequence: this.sequence + i },
          ),
        ),
      );
      const firstFailure = acks.findIndex((ack) => ack.status === 'rejected');
      const done = firstFailure === -1 ? chunk.length : firstFailure;
      if (done > 0) {
        const last = chunk[done - 1];
        this.position = { transactionId: last.transactionId, globalPosition: last.globalPosition };
        this.sequence = Math.max(this.sequence, ...acks.slice(0, done).map((a) => (a.status === 'fulfilled' ? a.value.sequence : 0)));
        this.published += done;
        // The database's clock against ours: across hosts a small skew may show, never below zero.
        this.options.observer?.published(done, Math.max(0, (Date.now() - last.createdAt.getTime()) / 1000));
      }
      if (firstFailure !== -1) {
        // A duplicate (already in the stream) does not advance the sequence, so the
        // publishes behind it expected too much: take the stream's real sequence and go on.
        const failure = acks[firstFailure] as PromiseRejectedResult;
        const last = await this.stream.last();
        this.sequence = last?.sequence ?? 0;
        if (done === 0) throw failure.reason;
        return;
      }
    }
  }
}

/** `a` comes after `b` in commit order. */
function isAfter(a: LogPosition, b: LogPosition): boolean {
  return a.transactionId > b.transactionId || (a.transactionId === b.transactionId && a.globalPosition > b.globalPosition);
}
