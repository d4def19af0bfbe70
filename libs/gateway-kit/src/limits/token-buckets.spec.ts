import { TokenBuckets } from './token-buckets';

describe('token buckets', () => {
  it('admit a burst at once, then the rate, and say when the next request will be admitted', () => {
    const buckets = new TokenBuckets({ perSecond: 10, burst: 3 });
    const t = 1_000_000;
    expect([1, 2, 3].map(() => buckets.take('a', t).allowed)).toEqual([true, true, true]);
    expect(buckets.take('a', t)).toEqual({ allowed: false, retryAfterMs: 100 });
    expect(buckets.take('a', t + 100).allowed).toBe(true);
    expect(buckets.take('a', t + 100).allowed).toBe(false);
    // Another key has its own bucket.
    expect(buckets.take('b', t).allowed).toBe(true);
  });

  it('never hold more than one burst, however long a key was idle', () => {
    const buckets = new TokenBuckets({ perSecond: 10, burst: 2 });
    buckets.take('a', 0);
    const later = 3_600_000;
    expect([1, 2, 3].map(() => buckets.take('a', later).allowed)).toEqual([true, true, false]);
  });

  it('take debits made elsewhere into account, down to minus one burst', () => {
    const buckets = new TokenBuckets({ perSecond: 10, burst: 5 });
    buckets.debit('a', 100, 0);
    const refused = buckets.take('a', 0);
    expect(refused).toEqual({ allowed: false, retryAfterMs: 600 });
    expect(buckets.take('a', 600).allowed).toBe(true);
  });

  it('forget idle full buckets', () => {
    const buckets = new TokenBuckets({ perSecond: 10, burst: 5 });
    buckets.take('a', 0);
    buckets.take('b', 0);
    buckets.sweep(120_000);
    expect(buckets.size).toBe(0);
  });
});
