/**
 * An RTM connection (README §4) that keeps itself alive: it logs in on every
 * (re)connection, pings every 10 s, answers requests by `request_id`, hands
 * pushes to listeners, and after a dropped connection reconnects with
 * back-off and tells `onReady` — where an app resyncs (list_chats, get_chat).
 */
export interface RtmFrame {
  request_id?: string;
  action: string;
  type: 'response' | 'push';
  success?: boolean;
  payload: Record<string, unknown>;
}

export type RtmState = 'connecting' | 'online' | 'offline';

export interface RtmOptions {
  /** `ws(s)://host/v3.4/<api>/rtm/ws[?organization_id=…]`. */
  url: string;
  /** The `login` payload, asked for again before each connection (a renewed token). */
  login: () => Promise<Record<string, unknown>> | Record<string, unknown>;
  /** After each successful login, with its answer: the first time and after every reconnection. */
  onReady: (login: Record<string, unknown>, reconnected: boolean) => void;
  onPush: (frame: RtmFrame) => void;
  onState?: (state: RtmState, detail?: string) => void;
  /** A disconnection the server asked for (`agent_disconnected` / `customer_disconnected`) that must not be retried. */
  isFinal?: (reason: string) => boolean;
  /** A refused `login` (e.g. `authentication`: a revoked or expired token); the connection retries unless closed here. */
  onLoginError?: (error: Error) => void;
}

export class RtmError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

export class RtmConnection {
  private socket: WebSocket | undefined;
  private readonly waiting = new Map<string, { resolve: (payload: Record<string, unknown>) => void; reject: (error: Error) => void }>();
  private counter = 0;
  private pinger: ReturnType<typeof setInterval> | undefined;
  private retryDelayMs = 500;
  private connectedOnce = false;
  private closed = false;

  constructor(private readonly options: RtmOptions) {
    this.connect();
  }

  /** Sends one request and resolves with its payload (rejects with the spec's error type). */
  request<T = Record<string, unknown>>(action: string, payload: Record<string, unknown> = {}): Promise<T> {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) return Promise.reject(new RtmError('network', 'Not connected'));
    const requestId = `r${++this.counter}`;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(requestId, { resolve: resolve as (p: Record<string, unknown>) => void, reject });
      socket.send(JSON.stringify({ request_id: requestId, action, payload }));
    });
  }

  /** Ends the connection for good (sign out). */
  close(): void {
    this.closed = true;
    clearInterval(this.pinger);
    this.socket?.close();
  }

  private connect(): void {
    if (this.closed) return;
    this.options.onState?.('connecting');
    const socket = new WebSocket(this.options.url);
    this.socket = socket;
    socket.onopen = () => void this.login(socket);
    socket.onmessage = (message) => this.receive(String(message.data));
    socket.onclose = () => this.dropped(socket);
  }

  private async login(socket: WebSocket): Promise<void> {
    try {
      const answer = await this.request('login', await this.options.login());
      const reconnected = this.connectedOnce;
      this.connectedOnce = true;
      this.retryDelayMs = 500;
      this.options.onState?.('online');
      clearInterval(this.pinger);
      this.pinger = setInterval(() => void this.request('ping').catch(() => undefined), 10_000);
      this.options.onReady(answer, reconnected);
    } catch (error) {
      this.options.onState?.('offline', (error as Error).message);
      this.options.onLoginError?.(error as Error);
      socket.close();
    }
  }

  private receive(data: string): void {
    let frame: RtmFrame;
    try {
      frame = JSON.parse(data) as RtmFrame;
    } catch {
      return;
    }
    const waiter = frame.type === 'response' && frame.request_id ? this.waiting.get(frame.request_id) : undefined;
    if (waiter) {
      this.waiting.delete(frame.request_id!);
      if (frame.success === false) {
        const error = (frame.payload.error ?? {}) as { type?: string; message?: string };
        waiter.reject(new RtmError(error.type ?? 'internal', error.message ?? 'Request failed'));
      } else waiter.resolve(frame.payload);
      return;
    }
    if (frame.type === 'push') {
      if ((frame.action === 'agent_disconnected' || frame.action === 'customer_disconnected') && this.options.isFinal?.(String(frame.payload.reason))) {
        this.close();
        this.options.onState?.('offline', String(frame.payload.reason));
      }
      this.options.onPush(frame);
    }
  }

  private dropped(socket: WebSocket): void {
    if (this.socket !== socket) return;
    clearInterval(this.pinger);
    for (const waiter of this.waiting.values()) waiter.reject(new RtmError('network', 'Connection lost'));
    this.waiting.clear();
    if (this.closed) return;
    this.options.onState?.('offline');
    const delay = this.retryDelayMs;
    this.retryDelayMs = Math.min(this.retryDelayMs * 2, 10_000);
    setTimeout(() => this.connect(), delay * (0.75 + Math.random() / 2));
  }
}

/** The RTM URL of an API on the page's own host. */
export function rtmUrl(api: 'agent' | 'customer', organizationId?: string, base: string = location.origin): string {
  const query = organizationId ? `?organization_id=${encodeURIComponent(organizationId)}` : '';
  return `${base.replace(/^http/, 'ws')}/v3.4/${api}/rtm/ws${query}`;
}
