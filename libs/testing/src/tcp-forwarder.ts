import { AddressInfo, createServer, Server, Socket, connect } from 'node:net';

/** A forwarded connection: the app's socket and ours to the server. */
type Pair = [client: Socket, upstream: Socket];

/**
 * A TCP forwarder a test puts between an app and a server (PostgreSQL, NATS)
 * to break the connection without touching the server. `cut(ms)` drops every
 * forwarded connection at once, both ways, and refuses new ones (accepts and
 * closes them, as a server going away would) until the time is up.
 * `stall(ms)` is a dead network instead: connections stay open but nothing
 * goes through, and new ones are accepted but not answered, until it ends.
 */
export class TcpForwarder {
  private readonly pairs = new Set<Pair>();
  private readonly held: Socket[] = [];
  private cutUntil = 0;
  private stalled = false;
  private timer: NodeJS.Timeout | undefined;
  private ended: (() => void) | undefined;
  /** Connections forwarded so far (a reconnect after a cut adds to it). */
  accepted = 0;

  private constructor(
    private readonly server: Server,
    private readonly target: { host: string; port: number },
  ) {}

  /** Listens on 127.0.0.1 on a free port and forwards every connection to `host:port`. */
  static async start(target: { host: string; port: number }): Promise<TcpForwarder> {
    const server = createServer();
    const forwarder = new TcpForwarder(server, target);
    server.on('connection', (socket) => forwarder.accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return forwarder;
  }

  /** Forwards to the host and port of a `postgres://` or `nats://` URL. */
  static forUrl(url: string, defaultPort: number): Promise<TcpForwarder> {
    const parsed = new URL(url);
    return TcpForwarder.start({ host: parsed.hostname || '127.0.0.1', port: Number(parsed.port || defaultPort) });
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** `url` with its host and port replaced by the forwarder's. */
  rewrite(url: string): string {
    const parsed = new URL(url);
    parsed.hostname = '127.0.0.1';
    parsed.port = String(this.port);
    return parsed.toString();
  }

  /** True while a cut lasts. */
  get isCut(): boolean {
    return Date.now() < this.cutUntil;
  }

  /** Connections currently forwarded. */
  get openConnections(): number {
    return this.pairs.size;
  }

  /**
   * Drops every current connection (both sides) and refuses new ones for `ms`;
   * resolves when the cut is over and connections are forwarded again.
   */
  cut(ms: number): Promise<void> {
    this.restore();
    this.cutUntil = Date.now() + ms;
    for (const [client, upstream] of this.pairs) {
      client.destroy();
      upstream.destroy();
    }
    this.pairs.clear();
    return this.until(ms);
  }

  /**
   * Lets nothing through for `ms`, in either direction, without closing
   * anything; new connections wait unanswered. Resolves when traffic flows again.
   */
  stall(ms: number): Promise<void> {
    this.restore();
    this.stalled = true;
    for (const [client, upstream] of this.pairs) {
      client.unpipe(upstream);
      upstream.unpipe(client);
      client.pause();
      upstream.pause();
    }
    return this.until(ms);
  }

  /** Stops listening and drops every connection. */
  async close(): Promise<void> {
    this.restore();
    for (const [client, upstream] of this.pairs) {
      client.destroy();
      upstream.destroy();
    }
    this.pairs.clear();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private until(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      this.ended = resolve;
      this.timer = setTimeout(() => this.restore(), ms);
    });
  }

  /** Ends a cut or a stall: traffic flows again. */
  private restore(): void {
    clearTimeout(this.timer);
    this.cutUntil = 0;
    if (this.stalled) {
      this.stalled = false;
      for (const [client, upstream] of this.pairs) {
        client.pipe(upstream);
        upstream.pipe(client);
      }
      for (const client of this.held.splice(0)) if (!client.destroyed) this.forward(client);
    }
    const ended = this.ended;
    this.ended = undefined;
    ended?.();
  }

  private accept(client: Socket): void {
    client.on('error', () => client.destroy());
    if (this.isCut) {
      client.destroy();
      return;
    }
    if (this.stalled) {
      client.pause();
      this.held.push(client);
      return;
    }
    this.forward(client);
  }

  private forward(client: Socket): void {
    this.accepted++;
    const upstream = connect(this.target.port, this.target.host);
    const pair: Pair = [client, upstream];
    this.pairs.add(pair);
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      from.setNoDelay(true);
      from.pipe(to);
      // Either side failing or ending takes the other down with it, as one TCP connection would.
      from.on('error', () => to.destroy());
      from.on('close', () => {
        this.pairs.delete(pair);
        to.destroy();
      });
    }
  }
}
