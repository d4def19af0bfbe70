/** A rate: `perSecond` on average, up to `burst` at once. */
export interface Rate {
  perSecond: number;
  burst: number;
}

/** The answer of {@link TokenBuckets.take}: allowed, or how long until the next request would be. */
export type Admission = { allowed: true } | { allowed: false; retryAfterMs: number };

interface Bucket {
  tokens: number;
  at: number;
}

/** How long an idle full bucket is kept before it is forgotten (a full bucket is the default anyway). */
const FORGET_AFTER_MS = 60_000;

/**
 * Token buckets by key, all with the same rate: each request takes a token;
 * tokens come back at `perSecond`, up to `burst`. Pure and clock-driven
 * (`now` is given), so the arithmetic is tested without timers.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private lastSweep = 0;

  constructor(readonly rate: Rate) {}

  take(key: string, now: number): Admission {
    const bucket = this.refill(key, now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterMs: Math.ceil(((1 - bucket.tokens) / this.rate.perSecond) * 1000) };
  }

  /**
   * Takes `count` tokens that were spent elsewhere (another replica admitted
   * those requests). The bucket may go below zero, down to minus one burst, so
   * a key spread over replicas is held to the same rate as on one.
   */
  debit(key: string, count: number, now: number): void {
    const bucket = this.refill(key, now);
    bucket.tokens = Math.max(bucket.tokens - count, -this.rate.burst);
  }

  /** Forgets buckets that have been full for a while (bounded memory under many keys). */
  sweep(now: number): void {
    if (now - this.lastSweep < FORGET_AFTER_MS) return;
    this.lastSweep = now;
    for (const [key, bucket] of this.buckets) {
      if (now - bucket.at > FORGET_AFTER_MS && this.level(bucket, now) >= this.rate.burst) this.buckets.delete(key);
    }
  }

  get size(): number {
    return this.buckets.size;
  }

  private refill(key: string, now: number): Bucket {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { tokens: this.rate.burst, at: now };
      this.buckets.set(key, bucket);
      return bucket;
    }
    bucket.tokens = this.level(bucket, now);
    bucket.at = now;
    return bucket;
  }

  private level(bucket: Bucket, now: number): number {
    return Math.min(this.rate.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.rate.perSecond);
  }
}
