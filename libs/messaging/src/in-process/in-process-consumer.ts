import type { ConsumeBatchOptions, DurableConsumer, StreamEntry } from '../bus.port';
import { CONSUMER_LAG_POLL_MS, ConsumerObserver } from '../consumer-observer';
import { fromJsonText } from '../wire';
import { subjectMatches } from './subjects';

/** An entry as the in-process stream keeps it: the payload stays JSON text so every reader gets its own copy. */
export interface StoredEntry {
  readonly sequence: number;
  readonly subject: string;
  readonly id: string;
  readonly payload: string | undefined;
  readonly headers: Readonly<Record<string, string>>;
}

export function toStreamEntry(entry: StoredEntry, deliveryCount: number): StreamEntry {
  let decoded: { value: unknown } | undefined;
  return {
    sequence: entry.sequence,
    subject: entry.subject,
    id: entry.id,
    // Decoded on first read: a consumer that skips an entry by its subject or headers never pays for the JSON.
    get payload() {
      decoded ??= { value: fromJsonText(entry.payload) };
      return decoded.value;
    },
    headers: { ...entry.headers },
    deliveryCount,
  };
}

/** What a durable name remembers between `consume()` calls. */
export interface DurablePosition {
  /** Index of the first entry neither handled nor skipped by the filter (= last handled sequence). */
  next: number;
  /** The last batch that failed (its last sequence) and how often, so redeliveries count up across stop()/consume(). */
  attempt?: { upTo: number; count: number };
  running: boolean;
}

export interface EntryFeed {
  entryAt(index: number): StoredEntry | undefined;
  /** Calls `listener` on every append until the returned function is called. */
  onAppend(listener: () => void): () => void;
}

/** One running durable consumer of the in-process stream: strictly in order, a batch (what is there, up to `maxBatch`) at a time. */
export class InProcessConsumer implements DurableConsumer {
  private stopping = false;
  private interrupt: (() => void) | undefined;
  private readonly finished: Promise<void>;
  private readonly filter: string | undefined;
  private readonly retryDelayMs: number;

  constructor(
    private readonly feed: EntryFeed,
    private readonly position: DurablePosition,
    private readonly handler: (entries: StreamEntry[]) => Promise<void>,
    private readonly options: ConsumeBatchOptions,
    onStopped: () => void,
    private readonly observed?: { durableName: string; observer: ConsumerObserver },
  ) {
    this.filter = options.filterSubject;
    this.retryDelayMs = options.retryDelayMs ?? 1000;
    position.running = true;
    const lagPoller = observed && this.pollLag(observed.durableName, observed.observer);
    this.finished = this.run().finally(() => {
      clearInterval(lagPoller);
      position.running = false;
      onStopped();
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.interrupt?.();
    await this.finished;
  }

  private async run(): Promise<void> {
    // The first handler call must not happen inside consume() itself.
    await Promise.resolve();
    while (!this.stopping) {
      const batch = this.nextEntries(this.options.maxBatch);
      if (batch.length === 0) {
        await this.pause(undefined);
        continue;
      }
      const attempt = this.position.attempt;
      const entries = batch.map((entry) => {
        const count = attempt && entry.sequence <= attempt.upTo ? attempt.count + 1 : 1;
        if (count > 1) this.observed?.observer.redelivered(this.observed.durableName);
        return toStreamEntry(entry, count);
      });
      try {
        await this.handler(entries);
        this.position.next = batch[batch.length - 1].sequence;
        this.position.attempt = undefined;
      } catch {
        this.position.attempt = { upTo: batch[batch.length - 1].sequence, count: Math.max(...entries.map((e) => e.deliveryCount)) };
        if (!this.stopping) await this.pause(this.retryDelayMs);
      }
    }
  }

  /** Entries after the last handled one that this consumer's filter lets through. */
  private pollLag(durableName: string, observer: ConsumerObserver): NodeJS.Timeout {
    const poll = (): void => {
      let pending = 0;
      for (let index = this.position.next, entry = this.feed.entryAt(index); entry; entry = this.feed.entryAt(++index)) {
        if (this.filter === undefined || subjectMatches(this.filter, entry.subject)) pending++;
      }
      observer.pending(durableName, pending);
    };
    poll();
    const timer = setInterval(poll, CONSUMER_LAG_POLL_MS);
    timer.unref();
    return timer;
  }

  /** The next entries this consumer's filter lets through, up to `max` (entries it skips are passed over for good). */
  private nextEntries(max: number): StoredEntry[] {
    const batch: StoredEntry[] = [];
    for (let index = this.position.next, entry = this.feed.entryAt(index); entry && batch.length < max; entry = this.feed.entryAt(++index)) {
      if (this.filter === undefined || subjectMatches(this.filter, entry.subject)) batch.push(entry);
      else if (batch.length === 0) this.position.next = index + 1;
    }
    return batch;
  }

  /** Waits `ms`, or with `undefined` until the next append; stop() cuts either short. */
  private pause(ms: number | undefined): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        if (timer !== undefined) clearTimeout(timer);
        unlisten?.();
        this.interrupt = undefined;
        resolve();
      };
      const timer = ms === undefined ? undefined : setTimeout(wake, ms);
      const unlisten = ms === undefined ? this.feed.onAppend(wake) : undefined;
      this.interrupt = wake;
    });
  }
}
