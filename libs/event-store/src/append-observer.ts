/**
 * Told about every committed append, for metrics. Optional, so the store needs
 * no metrics library; it must be cheap and must not throw.
 */
export interface AppendObserver {
  /** `events` were committed by one transaction that took `seconds` (lock, reads, inserts, projections, commit). */
  appended(events: number, seconds: number): void;
  /** A transaction of the group commit committed `commands` commands (1 when nothing was waiting). */
  batched?(commands: number): void;
}
