/**
 * Told how the process's durable consumers keep up, for metrics. Optional, so
 * the bus needs no metrics library; it must be cheap and must not throw.
 */
export interface ConsumerObserver {
  /** Entries durable consumer `durableName` has not handled yet (polled every {@link CONSUMER_LAG_POLL_MS}). */
  pending(durableName: string, count: number): void;
  /** An entry was handed to `durableName` again: a handler failed, or did not finish within ackWait. */
  redelivered(durableName: string): void;
}

/** How often a running durable consumer reports how far behind it is. */
export const CONSUMER_LAG_POLL_MS = 5000;
