/** How long and how often a failed delivery is tried again (ADR 0044). */
export interface RetryPolicy {
  /** Delay after the first failure; doubled after each next one. */
  firstDelayMs: number;
  /** The longest delay between two attempts. */
  maxDelayMs: number;
  /** After this long since the event, a delivery that still fails goes to the dead-letter list. */
  retryForMs: number;
}

/** 1 s, doubling up to an hour, for 24 hours: about 30 attempts, the last ones hourly. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { firstDelayMs: 1000, maxDelayMs: 3_600_000, retryForMs: 86_400_000 };

/** The same schedule on an accelerated clock: every duration divided by `scale` (tests, drills). */
export function scaledRetryPolicy(policy: RetryPolicy, scale: number): RetryPolicy {
  return {
    firstDelayMs: policy.firstDelayMs / scale,
    maxDelayMs: policy.maxDelayMs / scale,
    retryForMs: policy.retryForMs / scale,
  };
}

/**
 * When to try again after `failures` failed attempts (from 1): exponential
 * back-off with jitter (between half and the whole delay, so receivers coming
 * back are not hit by every sender at once), or `undefined` when the next try
 * would fall after the deadline — the delivery is dead.
 * `random` is in [0, 1).
 */
export function nextAttemptAt(failures: number, nowMs: number, deadlineMs: number, policy: RetryPolicy, random: number): number | undefined {
  const exponential = policy.firstDelayMs * 2 ** Math.min(Math.max(failures - 1, 0), 40);
  const delay = Math.min(exponential, policy.maxDelayMs) * (0.5 + random / 2);
  const at = nowMs + delay;
  return at > deadlineMs ? undefined : at;
}
