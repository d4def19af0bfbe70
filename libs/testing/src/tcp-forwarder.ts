import { AddressInfo, createServer, Server, Socket, connect } from 'node:net';

/**
 * A TCP forwarder a test puts between an app and a server (PostgreSQL, NATS)
 * to cut the connection without touching the server: `cut(ms)` drops every
 * forwarded connection at once, both ways, and refuses new ones (accepts and
 * closes them, as a server going away would) until the time is up.
 */
export class TcpForwarder {
  private readonly sockets = new Set<Socket>();
  private cutUntil = 0;
  private cutTimer: NodeJS.Timeout | undefined;
  private cutEnded: (() => void) | undefined;
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

  /** Connections currently forwarded (each counts its two sockets once). */
  get openConnections(): number {
    return this.sockets.size / 2;
  }

  /**
   * Drops every current connection (both sides) and refuses new ones for `ms`;
   * resolves when the cut is over and connections are forwarded again.
   */
  cut(ms: number): Promise<void> {
    this.endCut();
    this.cutUntil = Date.now() + ms;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    return new Promise<void>((resolve) => {
      this.cutEnded = resolve;
      this.cutTimer = setTimeout(() => this.endCut(), ms);
    });
  }

  /** Stops listening and drops every connection. */
  async close(): Promise<void> {
    this.endCut();
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private endCut(): void {
    clearTimeout(this.cutTimer);
    this.cutUntil = 0;
    const ended = this.cutEnded;
    this.cutEnded = undefined;
    ended?.();
  }

  private accept(client: Socket): void {
    if (this.isCut) {
      client.destroy();
      return;
    }
    this.accepted++;
    const upstream = connect(this.target.port, this.target.host);
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      this.sockets.add(from);
      from.setNoDelay(true);
      from.pipe(to);
      // Either side failing or ending takes the other down with it, as one TCP connection would.
      from.on('error', () => to.destroy());
      from.on('close', () => {
        this.sockets.delete(from);
        to.destroy();
      });
    }
  }
}
