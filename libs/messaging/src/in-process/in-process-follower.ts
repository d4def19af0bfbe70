import type { FollowedEntry, StreamFollower } from '../bus.port';
import { fromJsonText } from '../wire';
import { EntryFeed } from './in-process-consumer';
import { subjectMatches } from './subjects';

/**
 * Follows the in-process stream: every entry after `next`, in order. Nothing
 * can be lost in memory, so there are no gaps and no stalls; entries are handed
 * out in a microtask after their publish, never inside the publisher's call.
 */
export class InProcessFollower implements StreamFollower {
  readonly stalled = false;
  private scheduled = false;
  private stopped = false;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly feed: EntryFeed,
    private next: number,
    private readonly handler: (entry: FollowedEntry) => void,
    private readonly onError: (error: unknown) => void,
    private readonly filter?: string,
  ) {
    this.unsubscribe = feed.onAppend(() => this.schedule());
    this.schedule();
  }

  get lastSequence(): number {
    return this.next;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe();
  }

  private schedule(): void {
    if (this.scheduled || this.stopped) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      for (let entry = this.feed.entryAt(this.next); entry && !this.stopped; entry = this.feed.entryAt(this.next)) {
        this.next++;
        if (this.filter && !subjectMatches(this.filter, entry.subject)) continue;
        try {
          const text = entry.payload;
          let payload: unknown;
          this.handler({
            sequence: entry.sequence,
            subject: entry.subject,
            get payload() {
              return (payload ??= fromJsonText(text));
            },
          });
        } catch (error) {
          this.onError(error);
        }
      }
    });
  }
}
