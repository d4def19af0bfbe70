import { SqlExecutor } from '@switchboard/event-store';

/**
 * A named lease in `router_timer_leases`: at most one router replica holds
 * it at a time, until it stops renewing it for `ttlMs` (a replica killed
 * outright loses it that long after its last renewal). Expiry is measured by
 * the database's clock, so replicas' clocks need not agree. Works the same on
 * PGlite, where there is only one process anyway.
 *
 * The lease is an economy, not the safety: a replica paused past its lease may
 * still act once after another took over, so every timer's command must also
 * be refused when stale (e.g. `add_system_message` with `thread_id`).
 */
export class TimerLease {
  constructor(
    private readonly db: SqlExecutor,
    readonly name: string,
    readonly owner: string,
    private readonly ttlMs: number,
  ) {}

  /** Takes the lease when it is free or expired, renews it when it is ours; true while `owner` holds it. */
  async acquire(): Promise<boolean> {
    const { rows } = await this.db.query(
      `INSERT INTO router_timer_leases AS lease (name, owner, expires_at) VALUES ($1, $2, now() + $3 * interval '1 millisecond')
       ON CONFLICT (name) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at
       WHERE lease.owner = EXCLUDED.owner OR lease.expires_at < now()
       RETURNING owner`,
      [this.name, this.owner, this.ttlMs],
    );
    return rows.length > 0;
  }

  /** Gives the lease up (on shutdown), so another replica need not wait for it to expire. */
  async release(): Promise<void> {
    await this.db.query('DELETE FROM router_timer_leases WHERE name = $1 AND owner = $2', [this.name, this.owner]);
  }
}

/**
 * Runs `tick` every `intervalMs` on whichever replica holds `lease`: each
 * round first takes or renews the lease and skips the tick without it. One
 * round at a time; a failed round is reported and the next one runs anyway.
 * Other router timers (queue timeouts, reassignment) can run on the same
 * class, each with a lease of its own name.
 */
export class OwnedTimer {
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly lease: TimerLease,
    private readonly intervalMs: number,
    private readonly tick: () => Promise<void>,
    private readonly onError: (error: Error) => void,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Runs one round now (the lease permitting): true when this replica held the lease and ticked. */
  async runOnce(): Promise<boolean> {
    if (!(await this.lease.acquire())) return false;
    await this.tick();
    return true;
  }

  /** Stops ticking, waits for a round in flight, and releases the lease. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.round;
    await this.lease.release().catch((error: Error) => this.onError(error));
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.round = this.runOnce()
        .then(() => undefined)
        .catch((error: Error) => this.onError(error))
        .finally(() => this.schedule(this.intervalMs));
    }, delayMs);
    this.timer.unref();
  }
}
