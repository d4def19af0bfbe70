import { randomUUID } from 'node:crypto';
import { errorFrame, pushFrame, responseFrame, RtmRequestRef } from '@switchboard/protocol';
import type { WebSocket } from 'ws';
import { toClientError } from '../client-error';
import { Requester } from '../context';

export interface RtmTimeouts {
  /** A connection that has not logged in by then is closed (spec: 30 s). */
  loginMs: number;
  /** A logged-in connection silent (no ping, no request) for this long is disconnected (spec: ~30 s). */
  idleMs: number;
}

/** Most requests one connection may have in flight (spec README §4.6). */
export const MAX_PENDING_REQUESTS = 10;

export interface RtmSession {
  organizationId: string;
  requester: Requester;
}

/** One RTM WebSocket: its frames, its session once logged in, its timers. */
export class RtmConnection {
  readonly id = randomUUID();
  session: RtmSession | undefined;
  pending = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly api: 'agent' | 'customer',
    private readonly socket: WebSocket,
    private readonly timeouts: RtmTimeouts,
    private readonly onTimeout: (connection: RtmConnection, reason: 'login' | 'idle') => void,
  ) {
    this.arm('login');
  }

  get open(): boolean {
    return this.socket.readyState === this.socket.OPEN;
  }

  /** Any sign of life from a logged-in client restarts its idle clock. */
  touch(): void {
    if (this.session) this.arm('idle');
  }

  loggedIn(session: RtmSession): void {
    this.session = session;
    this.arm('idle');
  }

  respond(request: RtmRequestRef, payload: unknown): void {
    this.send(responseFrame(request, payload));
  }

  fail(request: RtmRequestRef, error: unknown): void {
    this.send(errorFrame(request, toClientError(error)));
  }

  push(action: string, payload: unknown, requestId?: string): void {
    this.send(pushFrame(action, payload, requestId));
  }

  /** Tells the client why (`agent_disconnected` / `customer_disconnected`), then closes. */
  disconnect(reason: string, code = 1000): void {
    if (this.open) this.push(`${this.api}_disconnected`, { reason });
    this.close(code, reason);
  }

  close(code = 1000, reason = ''): void {
    clearTimeout(this.timer);
    if (this.socket.readyState === this.socket.OPEN || this.socket.readyState === this.socket.CONNECTING) {
      this.socket.close(code, reason.slice(0, 120));
    }
  }

  stopTimers(): void {
    clearTimeout(this.timer);
  }

  private send(frame: unknown): void {
    if (this.open) this.socket.send(JSON.stringify(frame));
  }

  private arm(kind: 'login' | 'idle'): void {
    clearTimeout(this.timer);
    const ms = kind === 'login' ? this.timeouts.loginMs : this.timeouts.idleMs;
    this.timer = setTimeout(() => this.onTimeout(this, kind), ms);
    this.timer.unref();
  }
}
