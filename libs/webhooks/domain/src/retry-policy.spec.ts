import { DEFAULT_RETRY_POLICY, nextAttemptAt, scaledRetryPolicy } from './retry-policy';

describe('when a failed webhook delivery is tried again', () => {
  const deadline = DEFAULT_RETRY_POLICY.retryForMs;

  it('waits twice as long after each failure, from one second up to an hour', () => {
    const delays = [1, 2, 3, 4, 13, 14, 30].map((failures) => nextAttemptAt(failures, 0, deadline, DEFAULT_RETRY_POLICY, 1 - 1e-12));
    expect(delays.map((d) => Math.round(d!))).toEqual([1000, 2000, 4000, 8000, 3_600_000, 3_600_000, 3_600_000]);
  });

  it('spreads retries between half and the whole delay, so returning receivers are not stampeded', () => {
    expect(nextAttemptAt(3, 0, deadline, DEFAULT_RETRY_POLICY, 0)).toBe(2000);
    expect(nextAttemptAt(3, 0, deadline, DEFAULT_RETRY_POLICY, 0.5)).toBe(3000);
  });

  it('gives up when the next try would fall after the deadline: the delivery is dead', () => {
    expect(nextAttemptAt(20, deadline - 1000, deadline, DEFAULT_RETRY_POLICY, 0)).toBeUndefined();
    expect(nextAttemptAt(1, deadline - 1000, deadline, DEFAULT_RETRY_POLICY, 0)).toBe(deadline - 500);
  });

  it('keeps trying for 24 hours in about thirty attempts', () => {
    let now = 0;
    let attempts = 1;
    for (let next = nextAttemptAt(1, now, deadline, DEFAULT_RETRY_POLICY, 1 - 1e-9); next !== undefined; attempts++) {
      now = next;
      next = nextAttemptAt(attempts + 1, now, deadline, DEFAULT_RETRY_POLICY, 1 - 1e-9);
    }
    expect(attempts).toBeGreaterThanOrEqual(30);
    expect(attempts).toBeLessThanOrEqual(40);
    expect(now).toBeGreaterThan(deadline - DEFAULT_RETRY_POLICY.maxDelayMs);
  });

  it('runs the same schedule on an accelerated clock', () => {
    const fast = scaledRetryPolicy(DEFAULT_RETRY_POLICY, 600);
    expect(fast.retryForMs).toBe(144_000);
    expect(nextAttemptAt(13, 0, fast.retryForMs, fast, 1 - 1e-12)).toBeCloseTo(6000);
  });
});
