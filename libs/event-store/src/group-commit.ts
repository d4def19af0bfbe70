/** One command waiting to be decided and appended to `streamId`. */
export interface Queued<T = unknown> {
  readonly streamId: string;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export interface GroupCommitOptions {
  /** Transactions one process runs at once; commands arriving meanwhile wait for the next one. */
  maxTransactions: number;
  /** At most this many commands in one transaction. */
  maxBatch: number;
}

/**
 * Group commit: commands that arrive while the process's transactions are
 * all busy are queued, and the next free transaction takes every queued
 * command it can at once. A batch holds at most one command per stream, and
 * a stream with a command in flight waits, so each stream's commands still
 * run one after another in arrival order. Under light load a command starts
 * at once, alone: nothing waits for a batch to fill.
 */
export class GroupCommit<Q extends Queued> {
  private queue: Q[] = [];
  private readonly busyStreams = new Set<string>();
  private running = 0;

  constructor(
    private readonly options: GroupCommitOptions,
    /** Runs one batch in one transaction and settles every command of it. Must not reject. */
    private readonly runBatch: (batch: Q[]) => Promise<void>,
  ) {}

  submit(command: Q): void {
    this.queue.push(command);
    this.pump();
  }

  private pump(): void {
    while (this.running < this.options.maxTransactions) {
      const batch = this.takeBatch();
      if (batch.length === 0) return;
      this.running++;
      for (const command of batch) this.busyStreams.add(command.streamId);
      void this.runBatch(batch).finally(() => {
        this.running--;
        for (const command of batch) this.busyStreams.delete(command.streamId);
        this.pump();
      });
    }
  }

  /** The oldest queued commands whose streams are free, at most one per stream; the rest stay queued in order. */
  private takeBatch(): Q[] {
    const batch: Q[] = [];
    const remaining: Q[] = [];
    const seen = new Set<string>();
    for (const command of this.queue) {
      const free = !this.busyStreams.has(command.streamId) && !seen.has(command.streamId);
      if (free && batch.length < this.options.maxBatch) batch.push(command);
      else remaining.push(command);
      // A later command of a stream seen here waits: each stream's commands run in arrival order.
      seen.add(command.streamId);
    }
    this.queue = remaining;
    return batch;
  }
}
