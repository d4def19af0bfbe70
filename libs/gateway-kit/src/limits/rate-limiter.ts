import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { TokenClaims } from '@switchboard/auth';
import { Subscription } from '@switchboard/messaging';
import { Infrastructure, INFRASTRUCTURE, LimitSettings, Settings, SETTINGS_TOKEN } from '@switchboard/platform';
import { ApiError } from '@switchboard/protocol';
import { GatewayMetrics, RateLimitKind } from '../metrics/gateway-metrics';
import { clientAddress } from './client-address';
import { TokenBuckets } from './token-buckets';

/** `too_many_requests`, with when to come back (the Web API's Retry-After). */
export class RateLimitedError extends ApiError {
  constructor(readonly retryAfterMs: number) {
    super('too_many_requests', 'Too many requests');
    this.name = 'RateLimitedError';
  }
}

/** How often a replica tells the others what each token spent. */
const SHARE_EVERY_MS = 100;

interface Spent {
  replica: string;
  spent: Record<string, number>;
}

/**
 * Request-rate limits (token buckets): per client address and per access
 * token on the Web API, stricter for endpoints without a token, per RTM
 * connection. A token's limit holds across replicas: every replica admits
 * against its own bucket and tells the others (core NATS, every 100 ms) what
 * each token spent, which they take from their buckets too.
 */
@Injectable()
export class RateLimiter implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('rate-limits');
  private readonly settings: LimitSettings;
  private readonly trustProxy: number;
  private readonly perToken: TokenBuckets;
  private readonly perAddress: TokenBuckets;
  private readonly unauthenticated: TokenBuckets;
  private readonly perConnection: TokenBuckets;
  private readonly replica = randomUUID();
  private readonly subject: string;
  private spent = new Map<string, number>();
  private subscription: Subscription | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(INFRASTRUCTURE) private readonly infrastructure: Infrastructure,
    @Inject(SETTINGS_TOKEN) settings: Settings,
    private readonly metrics: GatewayMetrics,
  ) {
    this.settings = settings.limits;
    this.trustProxy = settings.trustProxy;
    this.perToken = new TokenBuckets(this.settings.perToken);
    this.perAddress = new TokenBuckets(this.settings.perAddress);
    this.unauthenticated = new TokenBuckets(this.settings.unauthenticated);
    this.perConnection = new TokenBuckets(this.settings.perRtmConnection);
    this.subject = `${infrastructure.subjectPrefix}-control.rate-spent`;
  }

  get enabled(): boolean {
    return this.settings.enabled;
  }

  onModuleInit(): void {
    // One process is the whole deployment in the embedded mode: nobody to tell.
    if (!this.enabled || this.infrastructure.mode === 'embedded') return;
    this.subscription = this.infrastructure.bus.subscribe(this.subject, (message) => this.spentElsewhere(message as Spent));
    this.timer = setInterval(() => this.share(), SHARE_EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
    this.subscription?.unsubscribe();
  }

  address(request: IncomingMessage): string {
    return clientAddress(request, this.trustProxy);
  }

  /** An HTTP endpoint anyone may call without a token: both of the address's budgets. */
  admitWithoutToken(request: IncomingMessage): void {
    const address = this.address(request);
    this.admitAddress(address);
    this.admitUnauthenticated(address);
  }

  /** Any Web request, before anything else: the client address's budget. */
  admitAddress(address: string): void {
    this.admit(this.perAddress, address, 'address');
  }

  /** Endpoints reachable without a token: the address's stricter budget. */
  admitUnauthenticated(address: string): void {
    this.admit(this.unauthenticated, address, 'unauthenticated');
  }

  /** After authentication: the token's budget, shared by every replica. */
  admitToken(claims: TokenClaims): void {
    const key = `${claims.typ}:${claims.sub}:${claims.iat}`;
    this.admit(this.perToken, key, 'token');
    if (this.enabled) this.spent.set(key, (this.spent.get(key) ?? 0) + 1);
  }

  /** One RTM frame of connection `connectionId`. */
  admitFrame(connectionId: string): void {
    this.admit(this.perConnection, connectionId, 'rtm_frame');
  }

  private admit(buckets: TokenBuckets, key: string, kind: RateLimitKind): void {
    if (!this.enabled) return;
    const now = Date.now();
    buckets.sweep(now);
    const admission = buckets.take(key, now);
    if (!admission.allowed) {
      this.metrics.rateLimited(kind);
      throw new RateLimitedError(admission.retryAfterMs);
    }
  }

  private share(): void {
    if (this.spent.size === 0) return;
    const spent = Object.fromEntries(this.spent);
    this.spent = new Map();
    try {
      this.infrastructure.bus.publish(this.subject, { replica: this.replica, spent } satisfies Spent);
    } catch (error) {
      this.logger.debug(`could not share spent tokens: ${(error as Error).message}`);
    }
  }

  private spentElsewhere(message: Spent): void {
    if (message.replica === this.replica || typeof message.spent !== 'object' || message.spent === null) return;
    const now = Date.now();
    for (const [key, count] of Object.entries(message.spent)) {
      if (typeof count === 'number' && count > 0) this.perToken.debit(key, count, now);
    }
  }
}
