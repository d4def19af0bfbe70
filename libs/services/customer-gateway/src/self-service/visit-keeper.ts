import { Logger } from '@nestjs/common';
import { RepeatingTask } from '@switchboard/gateway-kit';
import { CustomerVisits, VISIT_GRACE_SECONDS } from './customer-visits';

const BEAT_MS = 10_000;

/**
 * Keeps customers' presence true across replicas (ADR 0031): every replica
 * beats for its own connections and ends the visits of customers whose last
 * connection closed more than the grace period ago — or whose gateway died
 * without closing its sockets — so agents get `customer_left` either way.
 */
export class VisitKeeper {
  private readonly logger = new Logger('visits');
  private readonly beat = new RepeatingTask(BEAT_MS, () => this.tick());
  private readonly pending = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private readonly visits: CustomerVisits,
    /** The connections this process holds (logged in, or logging in). */
    private readonly liveConnections: () => Iterable<string>,
  ) {}

  start(): void {
    this.stopped = false;
    this.beat.start();
  }

  /** Shutting down: the connections closing now are swept by the other replicas (or by this one's next start). */
  stop(): void {
    this.stopped = true;
    this.beat.stop();
    for (const timer of this.pending) clearTimeout(timer);
  }

  /** A connection closed here: its customer's visit ends soon after the grace period unless they come back. */
  soon(): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.pending.delete(timer);
      void this.tick();
    }, VISIT_GRACE_SECONDS * 1000 + 500);
    timer.unref();
    this.pending.add(timer);
  }

  async tick(): Promise<void> {
    try {
      await this.visits.endVisitsOfTheGone([...this.liveConnections()]);
    } catch (error) {
      this.logger.warn(`visit upkeep failed: ${(error as Error).message}`);
    }
  }
}
