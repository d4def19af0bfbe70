import WebSocket from 'ws';

export interface Frame {
  request_id?: string;
  action: string;
  type: 'response' | 'push';
  success?: boolean;
  payload: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface CallWebOptions {
  token?: string;
  organizationId?: string;
  /** Sent as is instead of `JSON.stringify(payload)` (malformed bodies). */
  rawBody?: string | Uint8Array;
  version?: string;
  /** `GET` sends no body; put parameters in `query`. */
  method?: 'GET' | 'POST';
  /** More query parameters, e.g. `{ name_prefix: 'x' }`. */
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** Rejects (AbortError) when no answer came by then. */
  timeoutMs?: number;
}

/** A Web API call as a LiveChat client makes it; resolves with status and body. */
export async function callWeb(
  baseUrl: string,
  api: 'agent' | 'customer' | 'configuration',
  action: string,
  payload: unknown,
  options: CallWebOptions = {},
): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const params = new URLSearchParams(options.query);
  if (options.organizationId) params.set('organization_id', options.organizationId);
  const query = params.size > 0 ? `?${params}` : '';
  const method = options.method ?? 'POST';
  const response = await fetch(`${baseUrl}/${options.version ?? 'v3.4'}/${api}/action/${action}${query}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(options.token && { Authorization: `Bearer ${options.token}` }), ...options.headers },
    body: method === 'GET' ? undefined : (options.rawBody ?? JSON.stringify(payload)),
    ...(options.timeoutMs !== undefined && { signal: AbortSignal.timeout(options.timeoutMs) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/**
 * An RTM client: `request` sends a frame and resolves with its response
 * frame; pushes are kept so a test can wait for the one it expects.
 */
export class RtmClient {
  readonly pushes: Frame[] = [];
  private readonly waiting = new Map<string, (frame: Frame) => void>();
  private readonly pushWaiters: Array<{ match: (f: Frame) => boolean; resolve: (f: Frame) => void }> = [];
  private counter = 0;
  /** When set, pushes nobody waits for go here instead of the buffer (benchmarks). */
  onPush: ((frame: Frame) => void) | undefined;
  /** The logged-in user (set by whoever logs in). */
  userId: string | undefined;
  closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => this.onFrame(JSON.parse(data.toString()) as Frame));
    this.closed = new Promise((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  /**
   * `localAddress`: the loopback address to connect from (127.0.0.2, …), to act as another client address.
   * `autoPong`: answer the server's WebSocket pings, as browsers do (off by default: a silent test client stays silent).
   * `version`: the API version of the URL (default 3.4).
   * `headers`: of the handshake (a browser's `User-Agent`, `Referer`).
   */
  static connect(
    baseUrl: string,
    api: 'agent' | 'customer',
    organizationId?: string,
    options: { localAddress?: string; autoPong?: boolean; version?: string; headers?: Record<string, string> } = {},
  ): Promise<RtmClient> {
    const path = `/v${options.version ?? '3.4'}/${api}/rtm/ws`;
    const url = `${baseUrl.replace(/^http/, 'ws')}${path}${organizationId ? `?organization_id=${organizationId}` : ''}`;
    const socket = new WebSocket(url, {
      autoPong: options.autoPong ?? false,
      ...(options.localAddress && { localAddress: options.localAddress }),
      ...(options.headers && { headers: options.headers }),
    });
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new RtmClient(socket)));
      socket.once('error', reject);
    });
  }

  private onFrame(frame: Frame): void {
    if (frame.type === 'response' && frame.request_id && this.waiting.has(frame.request_id)) {
      this.waiting.get(frame.request_id)!(frame);
      this.waiting.delete(frame.request_id);
      return;
    }
    if (frame.type === 'push') {
      const index = this.pushWaiters.findIndex((w) => w.match(frame));
      if (index >= 0) {
        this.pushWaiters.splice(index, 1)[0].resolve(frame);
        return;
      }
      if (this.onPush) this.onPush(frame);
      else this.pushes.push(frame);
    }
  }

  request(action: string, payload?: unknown, timeoutMs = 10000): Promise<Frame> {
    const requestId = `r${++this.counter}`;
    return this.send({ request_id: requestId, action, ...(payload !== undefined && { payload }) }, requestId, timeoutMs);
  }

  /** Sends raw text (malformed frames); resolves with the response carrying `requestId`. */
  sendRaw(text: string, requestId: string, timeoutMs = 10000): Promise<Frame> {
    return this.send(text, requestId, timeoutMs);
  }

  private send(frame: unknown, requestId: string, timeoutMs: number): Promise<Frame> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no response to ${requestId}`)), timeoutMs);
      this.waiting.set(requestId, (f) => {
        clearTimeout(timer);
        resolve(f);
      });
      this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
    });
  }

  /** Resolves with the first push (already received or coming) that matches. */
  nextPush(action: string, match: (frame: Frame) => boolean = () => true, timeoutMs = 10000): Promise<Frame> {
    const test = (f: Frame) => f.action === action && match(f);
    const index = this.pushes.findIndex(test);
    if (index >= 0) return Promise.resolve(this.pushes.splice(index, 1)[0]);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${action} push within ${timeoutMs} ms`)), timeoutMs);
      this.pushWaiters.push({
        match: test,
        resolve: (f) => {
          clearTimeout(timer);
          resolve(f);
        },
      });
    });
  }

  close(): void {
    this.socket.close();
  }
}
