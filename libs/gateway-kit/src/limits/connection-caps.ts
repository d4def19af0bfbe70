import { LimitSettings } from '@switchboard/platform';

/** Why a new WebSocket is turned away (the spec's disconnect reasons). */
export type ConnectionRefusal = 'too_many_connections' | 'too_many_unauthorized_connections';

/**
 * Counts this process's WebSockets, in all and per client address, logged
 * in or not yet, and says when a new one would be one too many. Sockets that
 * never log in are capped much lower: they cost memory and timers, and only
 * a login tells who is behind them.
 */
export class ConnectionCaps {
  private total = 0;
  private unauthenticated = 0;
  private readonly byAddress = new Map<string, { total: number; unauthenticated: number }>();

  constructor(private readonly limits: LimitSettings) {}

  /** Counts a new connection from `address`, or refuses it (and counts nothing). */
  open(address: string): ConnectionRefusal | undefined {
    const counts = this.byAddress.get(address) ?? { total: 0, unauthenticated: 0 };
    if (this.limits.enabled) {
      if (this.total >= this.limits.rtmMaxConnectionsPerProcess || counts.total >= this.limits.rtmMaxConnectionsPerAddress) {
        return 'too_many_connections';
      }
      if (
        this.unauthenticated >= this.limits.rtmMaxUnauthenticatedPerProcess ||
        counts.unauthenticated >= this.limits.rtmMaxUnauthenticatedPerAddress
      ) {
        return 'too_many_unauthorized_connections';
      }
    }
    this.total++;
    this.unauthenticated++;
    this.byAddress.set(address, { total: counts.total + 1, unauthenticated: counts.unauthenticated + 1 });
    return undefined;
  }

  /** The connection from `address` logged in: it no longer counts as unauthenticated. */
  authenticated(address: string): void {
    const counts = this.byAddress.get(address);
    if (!counts) return;
    counts.unauthenticated--;
    this.unauthenticated--;
  }

  /** A counted connection closed; `wasAuthenticated` says which count it was in. */
  closed(address: string, wasAuthenticated: boolean): void {
    const counts = this.byAddress.get(address);
    if (!counts) return;
    counts.total--;
    this.total--;
    if (!wasAuthenticated) {
      counts.unauthenticated--;
      this.unauthenticated--;
    }
    if (counts.total === 0) this.byAddress.delete(address);
  }
}
