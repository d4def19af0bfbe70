import { randomUUID } from 'node:crypto';
import {
  CUSTOMER_PUSHES_SINCE_3_5,
  customerDisconnectReason,
  errorFrame,
  PROTOCOL_VERSION,
  pushFrame,
  responseFrame,
  RtmRequestRef,
  WireVersion,
} from '@switchboard/protocol';
import type { WebSocket } from 'ws';
import { Authenticated } from '../authenticator';
import { toClientError } from '../client-error';
import { Requester } from '../context';

export interface RtmTimeouts {
  /** A connection that has not logged in by then is closed (spec: 30 s). */
  loginMs: number;
  /** A logged-in connection silent (no ping, no request) for this long is disconnected (spec: ~30 s). */
  idleMs: number;
}

/**
 * A client that stops reading while pushes pile up is cut off (it will
 * reconnect and resync) rather than let the server buffer without end.
 */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

/** Most requests one connection may have in flight (spec README §4.6). */
export const MAX_PENDING_REQUESTS = 10;

export interface RtmSession {
  organizationId: string;
  requester: Requester;
  /** What login authenticated: checked again before every request. */
  auth: Authenticated;
  /** The pushes asked for at login (`login.pushes`); undefined: every push. */
  pushes?: ReadonlySet<string>;
}

/**
 * Adapts a push to one connection just before it is sent: the payload to send
 * (the same object, or another), or undefined to send nothing.
 */
export type PushAdapter = (action: string, payload: unknown) => unknown;

/** One RTM WebSocket: its frames, its session once logged in, its timers. */
export class RtmConnection {
  readonly id = randomUUID();
  session: RtmSession | undefined;
  /** A `login` is in flight: a second one must not run beside it. */
  loggingIn = false;
  pending = 0;
  /** The client's address (connection caps count per address). */
  address = '';
  /** What the WebSocket handshake's HTTP headers said about the client (a customer's visit records them). */
  handshake: { userAgent?: string; referrer?: string } = {};
  /** Which connection count this one is in. */
  counted: 'unauthenticated' | 'authenticated' = 'unauthenticated';
  /** Why the server ended the connection (metrics); undefined when the client closed it. */
  closeReason: string | undefined;
  /** The API version of the connection's URL (`/v3.5/…`): pushes are worded and filtered for it (ADR 0034). */
  version: WireVersion = '3.4';
  /** Set at login by an API whose pushes depend on the session (a customer's watched group). */
  adaptPush: PushAdapter | undefined;
  private timer: NodeJS.Timeout | undefined;
  private pinger: NodeJS.Timeout | undefined;
  private lastSeen = performance.now();
  /** Pushes held back until the login response has gone out (see {@link holdPushes}). */
  private held: Array<[string, unknown, string | undefined]> | undefined;

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

  /** Any sign of life from a logged-in client restarts its idle clock (read when the timer fires: no timer churn per frame). */
  touch(): void {
    this.lastSeen = performance.now();
  }

  /**
   * The session starts receiving pushes before `login` reads the initial state,
   * so no event can fall between the two; they are held until the login
   * response is sent, then flushed in order (a client may see an event both in
   * the state and as a push — never neither).
   */
  holdPushes(session: RtmSession): void {
    this.session = session;
    this.held = [];
  }

  /** Login done: the idle clock and the server's pings start, and held pushes go out. */
  loggedIn(): void {
    this.touch();
    this.arm('idle');
    this.startPinging();
    const held = this.held ?? [];
    this.held = undefined;
    for (const [action, payload, requestId] of held) this.push(action, payload, requestId);
  }

  /** Login failed after {@link holdPushes}: back to a connection without a session. */
  loginFailed(): void {
    this.session = undefined;
    this.held = undefined;
  }

  respond(request: RtmRequestRef, payload: unknown): void {
    this.send(responseFrame(request, payload));
  }

  fail(request: RtmRequestRef, error: unknown): void {
    this.send(errorFrame(request, toClientError(error)));
  }

  /** `frame`: the push already serialized (the same for many sockets). */
  push(action: string, payload: unknown, requestId?: string, frame?: string): void {
    if (this.session?.pushes && !this.session.pushes.has(action)) return;
    if (this.api === 'customer' && this.version === '3.4' && CUSTOMER_PUSHES_SINCE_3_5.has(action)) return;
    if (this.held) return void this.held.push([action, payload, requestId]);
    const adapted = this.adaptPush ? this.adaptPush(action, payload) : payload;
    if (adapted === undefined) return;
    const shared = adapted === payload && this.version === PROTOCOL_VERSION ? frame : undefined;
    this.send(shared ?? pushFrame(action, adapted, requestId, this.version));
  }

  /** Tells the client why (`agent_disconnected` / `customer_disconnected`), then closes. */
  disconnect(reason: string, code = 1000): void {
    this.closeReason ??= reason;
    this.held = undefined;
    const told = this.api === 'customer' ? customerDisconnectReason(reason, this.version) : reason;
    if (this.open) this.send(pushFrame(`${this.api}_disconnected`, { reason: told }, undefined, this.version));
    this.close(code, reason);
  }

  close(code = 1000, reason = ''): void {
    if (reason) this.closeReason ??= reason.replace(/\s+/g, '_');
    this.stopTimers();
    if (this.socket.readyState === this.socket.OPEN || this.socket.readyState === this.socket.CONNECTING) {
      this.socket.close(code, reason.slice(0, 120));
    }
  }

  stopTimers(): void {
    clearTimeout(this.timer);
    clearInterval(this.pinger);
  }

  /**
   * Browsers cannot send WebSocket pings and the customer SDK sends no `ping`
   * action: the server pings three times per idle period, and the pong every
   * browser answers by itself counts as activity (the server wires `pong` to
   * {@link touch}). A client that does not answer is still timed out.
   */
  private startPinging(): void {
    clearInterval(this.pinger);
    this.pinger = setInterval(() => {
      if (this.open) this.socket.ping();
    }, Math.max(1, Math.floor(this.timeouts.idleMs / 3)));
    this.pinger.unref();
  }

  private send(frame: unknown): void {
    if (!this.open) return;
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.closeReason ??= 'slow_client';
      this.stopTimers();
      this.socket.terminate();
      return;
    }
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  private arm(kind: 'login' | 'idle', ms = kind === 'login' ? this.timeouts.loginMs : this.timeouts.idleMs): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      // Idle: the client may have spoken since the timer was set; wait for the rest of its silence.
      const silentFor = performance.now() - this.lastSeen;
      if (kind === 'idle' && silentFor < this.timeouts.idleMs) return this.arm('idle', this.timeouts.idleMs - silentFor);
      this.onTimeout(this, kind);
    }, ms);
    this.timer.unref();
  }
}
